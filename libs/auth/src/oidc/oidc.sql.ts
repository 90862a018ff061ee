import { col, command, query } from '@app/core';
import type { Role } from '@app/access';
import type { IdentityRoleSource } from './identity-provider.graphql-types';

/**
 * Federated sign-in's SQL (oidc.service.ts, identity-providers.service.ts). The flow and the account
 * go through definer functions run with no principal (Db.narrow*: nobody is signed in yet); the
 * task-force admin's settings run under the principal's policies.
 */

/** An agency's enabled provider, by the agency's short code (the sealed secret opens only in Node). */
export const providerByAgencyCode = query(`SELECT * FROM auth_oidc_provider($1)`, {
  agency_id: col.uuid,
  task_force_id: col.uuid,
  agency_name: col.text,
  issuer: col.text,
  client_id: col.text,
  client_secret_sealed: col.text,
  allowed_email_domains: col.textArray,
  create_users: col.bool,
  role_source: col.text.as<'LOCAL' | 'CLAIM'>(),
  role_claim: col.text.null,
  default_roles: col.textArray,
  mfa_acr_values: col.textArray,
  mfa_amr_values: col.textArray,
  updated_at: col.timestamptz,
});

/** Keeps a flow's verifier, state and nonce, once, for ten minutes. */
export const beginFlow = command(`SELECT FROM auth_oidc_flow_begin($1, $2, $3)`);

/** Takes a flow once: OK with its data, or why not (UNKNOWN, REPLAYED, EXPIRED). */
export const takeFlow = query(`SELECT * FROM auth_oidc_flow_take($1, $2)`, {
  status: col.text,
  data: col.jsonb.as<Record<string, unknown>>().null,
});

/** Finds the account in the provider's agency only: the bound identity, the same verified e-mail, or a new account. */
export const resolveUser = query(`SELECT * FROM auth_oidc_resolve_user($1, $2, $3, $4, $5, $6, $7, $8)`, {
  outcome: col.text,
  user_id: col.uuid.null,
  agency_id: col.uuid.null,
  task_force_id: col.uuid.null,
});

/** Back-channel logout: ends the subject's (or the provider session's) sessions. */
export const endSessions = query(`SELECT * FROM auth_oidc_end_sessions($1, $2, $3, $4)`, {
  user_id: col.uuid.null,
  sessions_ended: col.int,
});

/** The agencies whose sign-in is offered on the sign-in page. */
export const signInOptions = query(`SELECT * FROM auth_oidc_sign_in_options()`, { agency_code: col.text, agency_name: col.text });

/** The agency, under the principal's policies (the task-force admin's own task force). */
export const agencyForProvider = query(`SELECT id, task_force_id FROM agencies WHERE id = $1`, { id: col.uuid, task_force_id: col.uuid });

/** An agency's provider settings, the secret left out. */
export const providerSettings = query(
  `SELECT p.agency_id, a.short_code, p.issuer, p.client_id, p.allowed_email_domains, p.create_users, p.role_source, p.role_claim,
          p.default_roles, p.mfa_acr_values, p.mfa_amr_values, p.enabled, p.updated_at, p.version
   FROM agency_identity_providers p JOIN agencies a ON a.id = p.agency_id WHERE p.agency_id = $1`,
  {
    agency_id: col.uuid,
    short_code: col.text,
    issuer: col.text,
    client_id: col.text,
    allowed_email_domains: col.textArray,
    create_users: col.bool,
    role_source: col.text.as<IdentityRoleSource>(),
    role_claim: col.text.null,
    default_roles: col.textArray.as<Role[]>(),
    mfa_acr_values: col.textArray,
    mfa_amr_values: col.textArray,
    enabled: col.bool,
    updated_at: col.timestamptz,
    version: col.int,
  },
);

/** Creates or replaces the settings; a null secret keeps the one sealed before. */
export const upsertProvider = command(
  `INSERT INTO agency_identity_providers (agency_id, task_force_id, issuer, client_id, client_secret_sealed, allowed_email_domains,
     create_users, role_source, role_claim, default_roles, mfa_acr_values, mfa_amr_values, enabled)
   VALUES ($1, $2, $3, $4, coalesce($5, ''), $6, $7, $8, $9, $10, $11, $12, $13)
   ON CONFLICT (agency_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
     client_secret_sealed = coalesce($5, agency_identity_providers.client_secret_sealed),
     allowed_email_domains = EXCLUDED.allowed_email_domains, create_users = EXCLUDED.create_users,
     role_source = EXCLUDED.role_source, role_claim = EXCLUDED.role_claim, default_roles = EXCLUDED.default_roles,
     mfa_acr_values = EXCLUDED.mfa_acr_values, mfa_amr_values = EXCLUDED.mfa_amr_values, enabled = EXCLUDED.enabled,
     updated_at = clock_timestamp(), version = agency_identity_providers.version + 1`,
);

export const deleteProvider = command(`DELETE FROM agency_identity_providers WHERE agency_id = $1`);
