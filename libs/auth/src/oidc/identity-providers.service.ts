import { Injectable } from '@nestjs/common';
import { Db, Errors, Row } from '@app/core';
import { AuditService } from '@app/audit';
import { Role } from '@app/access';
import {
  AgencyIdentityProvider,
  IdentityRoleSource,
  SetAgencyIdentityProviderInput,
  SignInOption,
} from './identity-provider.graphql-types';
import { OidcService } from './oidc.service';
import { agencyForProvider, deleteProvider, providerSettings, signInOptions, upsertProvider } from './oidc.sql';

type ProviderSettingsRow = Row<typeof providerSettings>;

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
    const rows = await this.db.narrowMany(signInOptions);
    return rows.map((r) => ({ agencyCode: r.agency_code, agencyName: r.agency_name, signInPath: signInPath(r.agency_code) }));
  }

  async get(agencyId: string): Promise<AgencyIdentityProvider | null> {
    return this.db.tx(async () => {
      const agency = await this.db.one(agencyForProvider, [agencyId]);
      if (!agency) throw Errors.notFound('agency', agencyId, 'agency.identity_provider.read');
      const row = await this.db.one(providerSettings, [agencyId]);
      return row ? toProvider(row) : null;
    });
  }

  async set(input: SetAgencyIdentityProviderInput): Promise<AgencyIdentityProvider> {
    const roleSource = input.roleSource ?? IdentityRoleSource.LOCAL;
    if (roleSource === IdentityRoleSource.CLAIM && !input.roleClaim)
      throw Errors.badInput('Name the claim that carries the roles (roleClaim) when roles come from the provider.', { field: 'roleClaim' });
    if (input.defaultRoles?.includes(Role.TASK_FORCE_ADMIN))
      throw Errors.badInput('The task-force admin role is given by hand only, never at a first sign-in.', { field: 'defaultRoles' });
    return this.db.tx(async () => {
      const agency = await this.db.one(agencyForProvider, [input.agencyId]);
      if (!agency) throw Errors.notFound('agency', input.agencyId, 'agency.identity_provider.update');
      const before = await this.db.one(providerSettings, [input.agencyId]);
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
      await this.db.run(upsertProvider, values);
      const after = await this.db.row(providerSettings, [input.agencyId]);
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
      if ((await this.db.run(deleteProvider, [agencyId])) === 0) {
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
