import { Injectable } from '@nestjs/common';
import { Db, Errors } from '@app/core';
import { AuditService } from '@app/audit';
import { Role } from '@app/access';
import {
  AgencyIdentityProvider,
  IdentityRoleSource,
  SetAgencyIdentityProviderInput,
  SignInOption,
} from './identity-provider.graphql-types';
import { OidcService } from './oidc.service';

interface ProviderSettingsRow {
  agency_id: string;
  short_code: string;
  issuer: string;
  client_id: string;
  allowed_email_domains: string[];
  create_users: boolean;
  role_source: IdentityRoleSource;
  role_claim: string | null;
  default_roles: Role[];
  mfa_acr_values: string[];
  mfa_amr_values: string[];
  enabled: boolean;
  updated_at: Date;
  version: number;
}

const SELECT_SETTINGS = `SELECT p.*, a.short_code FROM agency_identity_providers p JOIN agencies a ON a.id = p.agency_id WHERE p.agency_id = $1`;

const signInPath = (code: string) => `/auth/oidc/${encodeURIComponent(code.toLowerCase())}`;

function toProvider(r: ProviderSettingsRow): AgencyIdentityProvider {
  const path = signInPath(r.short_code);
  return {
    agencyId: r.agency_id,
    issuer: r.issuer,
    clientId: r.client_id,
    allowedEmailDomains: r.allowed_email_domains,
    createUsers: r.create_users,
    roleSource: r.role_source,
    roleClaim: r.role_claim,
    defaultRoles: r.default_roles,
    mfaAcrValues: r.mfa_acr_values,
    mfaAmrValues: r.mfa_amr_values,
    enabled: r.enabled,
    signInPath: path,
    callbackPath: `${path}/callback`,
    backChannelLogoutPath: `${path}/backchannel-logout`,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** The task-force admin connects an agency's identity provider; the sign-in page lists them. */
@Injectable()
export class IdentityProvidersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly oidc: OidcService,
  ) {}

  async signInOptions(): Promise<SignInOption[]> {
    const rows = await this.db.narrow<{ agency_code: string; agency_name: string }>(`SELECT * FROM auth_oidc_sign_in_options()`);
    return rows.map((r) => ({ agencyCode: r.agency_code, agencyName: r.agency_name, signInPath: signInPath(r.agency_code) }));
  }

  async get(agencyId: string): Promise<AgencyIdentityProvider | null> {
    return this.db.tx(async (em) => {
      const agency = (await em.query<{ id: string }[]>(`SELECT id FROM agencies WHERE id = $1`, [agencyId])).at(0);
      if (!agency) throw Errors.notFound('agency', agencyId, 'agency.identity_provider.read');
      const row = (await em.query<ProviderSettingsRow[]>(SELECT_SETTINGS, [agencyId])).at(0);
      return row ? toProvider(row) : null;
    });
  }

  async set(input: SetAgencyIdentityProviderInput): Promise<AgencyIdentityProvider> {
    const roleSource = input.roleSource ?? IdentityRoleSource.LOCAL;
    if (roleSource === IdentityRoleSource.CLAIM && !input.roleClaim)
      throw Errors.badInput('Name the claim that carries the roles (roleClaim) when roles come from the provider.', { field: 'roleClaim' });
    if (input.defaultRoles?.includes(Role.TASK_FORCE_ADMIN))
      throw Errors.badInput('The task-force admin role is given by hand only, never at a first sign-in.', { field: 'defaultRoles' });
    return this.db.tx(async (em) => {
      const agency = (
        await em.query<{ id: string; task_force_id: string }[]>(`SELECT id, task_force_id FROM agencies WHERE id = $1`, [input.agencyId])
      ).at(0);
      if (!agency) throw Errors.notFound('agency', input.agencyId, 'agency.identity_provider.update');
      const before = (await em.query<ProviderSettingsRow[]>(SELECT_SETTINGS, [input.agencyId])).at(0);
      if (!before && !input.clientSecret)
        throw Errors.badInput('Give the client secret the provider issued for this system.', { field: 'clientSecret' });
      const sealed = input.clientSecret ? this.oidc.sealClientSecret(input.agencyId, input.clientSecret) : null;
      const values = [
        input.agencyId,
        agency.task_force_id,
        input.issuer,
        input.clientId,
        sealed,
        input.allowedEmailDomains ?? [],
        input.createUsers ?? false,
        roleSource,
        input.roleClaim ?? null,
        input.defaultRoles ?? [],
        input.mfaAcrValues ?? [],
        input.mfaAmrValues ?? [],
        input.enabled ?? true,
      ];
      await em.query(
        `INSERT INTO agency_identity_providers (agency_id, task_force_id, issuer, client_id, client_secret_sealed, allowed_email_domains,
           create_users, role_source, role_claim, default_roles, mfa_acr_values, mfa_amr_values, enabled)
         VALUES ($1, $2, $3, $4, coalesce($5, ''), $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (agency_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
           client_secret_sealed = coalesce($5, agency_identity_providers.client_secret_sealed),
           allowed_email_domains = EXCLUDED.allowed_email_domains, create_users = EXCLUDED.create_users,
           role_source = EXCLUDED.role_source, role_claim = EXCLUDED.role_claim, default_roles = EXCLUDED.default_roles,
           mfa_acr_values = EXCLUDED.mfa_acr_values, mfa_amr_values = EXCLUDED.mfa_amr_values, enabled = EXCLUDED.enabled,
           updated_at = clock_timestamp(), version = agency_identity_providers.version + 1`,
        values,
      );
      const [after]: ProviderSettingsRow[] = await em.query(SELECT_SETTINGS, [input.agencyId]);
      await this.audit.record({
        action: before ? 'agency.identity_provider.update' : 'agency.identity_provider.create',
        recordType: 'agency',
        recordId: input.agencyId,
        subjectAgencyId: input.agencyId,
        changes: {
          issuer: input.issuer,
          clientId: input.clientId,
          clientSecret: input.clientSecret ? '[changed]' : '[kept]',
          createUsers: after.create_users,
          roleSource: after.role_source,
          enabled: after.enabled,
        },
      });
      return toProvider(after);
    });
  }

  async remove(agencyId: string): Promise<boolean> {
    return this.db.tx(async () => {
      const r = await this.db.exec(`DELETE FROM agency_identity_providers WHERE agency_id = $1`, [agencyId]);
      if (r.rowCount === 0) {
        throw Errors.notFound('identity provider', agencyId, 'agency.identity_provider.delete');
      }
      await this.audit.record({
        action: 'agency.identity_provider.delete',
        recordType: 'agency',
        recordId: agencyId,
        subjectAgencyId: agencyId,
      });
      return true;
    });
  }
}
