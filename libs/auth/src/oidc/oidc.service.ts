import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authenticator } from 'passport';
import * as oidc from 'openid-client';
import type * as PassportOidc from 'openid-client/build/passport';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Db, Row, SecretBox, SYSTEM_KEYS_TOKEN, SystemKeys } from '@app/core';
import { AuditOutcome, AuditService } from '@app/audit';
import { AuthService, FederatedSession } from '../auth.service';
import { beginFlow, endSessions, providerByAgencyCode, resolveUser, takeFlow } from './oidc.sql';
import { emailAllowed, mfaAsserted, rolesFromClaim, SsoRefused, text, usernameFor, VerifiedClaims } from './oidc-flow';

// openid-client's passport strategy is published as an ES module subpath (`openid-client/passport`),
// which this CommonJS build reaches with require (Node 20.19+ loads ES modules that way).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Strategy } = require('openid-client/passport') as typeof PassportOidc;

/** The request as passport's strategy is typed to take it (express's shape; see withSession). */
type PassportRequest = Parameters<PassportOidc.Strategy['authorizationRequestParams']>[0];

/** One agency's provider, as the sign-in definer function returns it. */
/** An agency's enabled provider, as auth_oidc_provider answers it. */
export type ProviderRow = Row<typeof providerByAgencyCode>;

const SESSION_KEY = 'oidc';
/** The browser's half of a sign-in in flight: the flow's state, HttpOnly, scoped to /auth/oidc. */
export const FLOW_COOKIE_NAME = 'tf_oidc_flow';

/** Adds state and nonce to every authorization request (openid-client sends them only without PKCE). */
class AgencyStrategy extends Strategy {
  override authorizationRequestParams(req: PassportRequest, options: PassportOidc.AuthenticateOptions) {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options) as URLSearchParams | Record<string, string>);
    params.set('state', oidc.randomState());
    params.set('nonce', oidc.randomNonce());
    return params;
  }
}

/** A response that only records what passport's strategy does with it (a redirect, a failure). */
interface Captured {
  redirect?: string;
  error?: unknown;
  fail?: { message?: string };
  success?: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** The sealed client secret's context: an agency's secret opens only as that agency's. */
export const clientSecretAad = (agencyId: string) => `agency_identity_providers.client_secret:${agencyId}`;

/**
 * Sign-in through an agency's own OpenID Connect provider (ADR 0018): authorization code with PKCE,
 * state and nonce, through passport and openid-client's strategy. The flow's server side (verifier,
 * state, nonce) is kept in the database and taken once; the browser holds only the flow's id in an
 * HttpOnly cookie. The callback finds or creates the account in the provider's agency only and starts
 * the same session as a password sign-in.
 */
@Injectable()
export class OidcService {
  private readonly log = new Logger('Oidc');
  private readonly box: SecretBox;
  private readonly configs = new Map<string, { key: string; config: Promise<oidc.Configuration> }>();
  private readonly jwks = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  private readonly passport = new Authenticator();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    @Inject(SYSTEM_KEYS_TOKEN) keys: SystemKeys,
  ) {
    this.box = new SecretBox(keys['oidc-client-secret']);
  }

  sealClientSecret(agencyId: string, secret: string): string {
    return this.box.seal(secret, clientSecretAad(agencyId));
  }

  async provider(agencyCode: string): Promise<ProviderRow> {
    const p = await this.db.narrowOne(providerByAgencyCode, [agencyCode]);
    if (!p) throw new SsoRefused('NO_PROVIDER');
    return p;
  }

  /** The provider's discovered configuration, cached until the agency's settings change. */
  private configuration(p: ProviderRow): Promise<oidc.Configuration> {
    const key = `${p.issuer}|${p.client_id}|${p.updated_at.toISOString()}`;
    const cached = this.configs.get(p.agency_id);
    if (cached?.key === key) return cached.config;
    const issuer = new URL(p.issuer);
    const secret = this.box.open(p.client_secret_sealed, clientSecretAad(p.agency_id));
    const config = oidc
      .discovery(
        issuer,
        p.client_id,
        { id_token_signed_response_alg: 'RS256' },
        oidc.ClientSecretPost(secret),
        // Plain http only for a provider on this machine (development, the test suite's providers).
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- deliberate, and only for loopback issuers
        isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .catch((e: unknown) => {
        this.configs.delete(p.agency_id);
        throw new SsoRefused('PROVIDER_UNREACHABLE', e instanceof Error ? e.message : String(e));
      });
    this.configs.set(p.agency_id, { key, config });
    return config;
  }

  private async strategy(p: ProviderRow, callbackURL: string) {
    const config = await this.configuration(p);
    return new AgencyStrategy(
      { config, callbackURL, scope: 'openid email profile', sessionKey: SESSION_KEY, name: `oidc-${p.agency_id}` },
      (tokens, verified) => {
        verified(null, tokens);
      },
    );
  }

  /** Runs the strategy on a request whose response only records what it did. */
  private run(
    p: ProviderRow,
    strategy: InstanceType<typeof Strategy>,
    req: PassportRequest,
    options: Record<string, unknown>,
  ): Promise<Captured> {
    const name = `oidc-${p.agency_id}-${randomBytes(6).toString('hex')}`;
    this.passport.use(name, strategy);
    return new Promise<Captured>((resolve) => {
      const res = {
        statusCode: 200,
        setHeader(header: string, value: string) {
          if (header.toLowerCase() === 'location') resolve({ redirect: value });
        },
        end() {
          /* the redirect was recorded by setHeader */
        },
      };
      const middleware = this.passport.authenticate(
        name,
        { session: false, failWithError: false, ...options },
        (err: unknown, user: Captured['success'] | false, info: { message?: string } | undefined) => {
          if (err) resolve({ error: err });
          else if (!user) resolve({ fail: info ?? {} });
          else resolve({ success: user });
        },
      ) as (req: PassportRequest, res: unknown, next: (err?: unknown) => void) => void;
      middleware(req, res, (err?: unknown) => resolve({ error: err ?? new Error('passport passed the request on') }));
    }).finally(() => this.passport.unuse(name));
  }

  /** Starts a sign-in: returns the provider's authorization URL and the flow id for the cookie. */
  async begin(
    agencyCode: string,
    req: FastifyRequest,
    callbackURL: string,
    loginHint?: string,
  ): Promise<{ redirect: string; flowId: string }> {
    const p = await this.provider(agencyCode);
    const strategy = await this.strategy(p, callbackURL);
    const session: Record<string, unknown> = {};
    const r = withSession(req, session);
    const captured = await this.run(p, strategy, r, loginHint ? { loginHint } : {});
    const data = session[SESSION_KEY] as { state?: string } | undefined;
    if (!captured.redirect || !data?.state) {
      throw new SsoRefused('PROVIDER_UNREACHABLE', captured.error instanceof Error ? captured.error.message : 'no authorization URL');
    }
    await this.db.narrowMany(beginFlow, [data.state, p.agency_id, JSON.stringify(data)]);
    return { redirect: captured.redirect, flowId: data.state };
  }

  /**
   * Finishes a sign-in: checks the browser's flow cookie against the returned state, takes the flow
   * once, lets openid-client verify the code exchange and the ID token (signature, issuer, audience,
   * expiry, nonce, PKCE), then finds or creates the account in this agency and starts a session.
   */
  async finish(agencyCode: string, req: FastifyRequest, callbackURL: string, flowCookie: string | undefined): Promise<FederatedSession> {
    const p = await this.provider(agencyCode);
    const query = (req.query ?? {}) as Record<string, unknown>;
    const state = typeof query.state === 'string' ? query.state : undefined;
    try {
      if (typeof query.error === 'string' && !query.code) {
        if (state) await this.db.narrowOne(takeFlow, [state, p.agency_id]);
        throw new SsoRefused('PROVIDER_DENIED', text(query.error, 100));
      }
      if (!state || !flowCookie) throw new SsoRefused('STATE_MISSING');
      if (state !== flowCookie) throw new SsoRefused('STATE_MISMATCH');
      const flow = await this.db.narrowOne(takeFlow, [state, p.agency_id]);
      if (!flow) throw new SsoRefused('STATE_UNKNOWN');
      if (flow.status !== 'OK' || !flow.data) throw new SsoRefused(`STATE_${flow.status}` as 'STATE_UNKNOWN');
      const strategy = await this.strategy(p, callbackURL);
      const r = withSession(req, { [SESSION_KEY]: flow.data });
      const captured = await this.run(p, strategy, r, {});
      if (!captured.success) {
        if (captured.fail && !captured.error) throw new SsoRefused('PROVIDER_DENIED', captured.fail.message ?? 'refused');
        const e = captured.error;
        const detail = describe(e);
        throw new SsoRefused(isNetworkError(e) ? 'PROVIDER_UNREACHABLE' : 'TOKEN_REFUSED', detail);
      }
      const claims = captured.success.claims() as VerifiedClaims | undefined;
      if (!claims) throw new SsoRefused('TOKEN_REFUSED', 'no ID token');
      return await this.signIn(p, agencyCode, claims);
    } catch (e) {
      if (e instanceof SsoRefused) await this.recordRefusal(p, e);
      throw e;
    }
  }

  private async signIn(p: ProviderRow, agencyCode: string, claims: VerifiedClaims): Promise<FederatedSession> {
    const email = text(claims.email, 254);
    if (!emailAllowed(email, p.allowed_email_domains))
      throw new SsoRefused('EMAIL_NOT_ALLOWED', email ? 'domain not allowed' : 'no e-mail');
    const claimRoles = p.role_source === 'CLAIM' && p.role_claim ? rolesFromClaim(claims[p.role_claim]) : null;
    const who = await this.db.narrowOne(resolveUser, [
      p.agency_id,
      claims.iss,
      claims.sub,
      email ?? null,
      claims.email_verified === true,
      usernameFor(email, claims.sub, agencyCode),
      text(claims.name, 200) ?? email ?? claims.sub.slice(0, 200),
      claimRoles,
    ]);
    if (who?.outcome !== 'OK' || !who.user_id) throw new SsoRefused((who?.outcome ?? 'NO_ACCOUNT') as 'NO_ACCOUNT');
    const session = await this.auth.startFederatedSession(who.user_id, {
      issuer: claims.iss,
      subject: claims.sub,
      sid: text(claims.sid, 255) ?? null,
      mfaAsserted: mfaAsserted(claims, p.mfa_acr_values, p.mfa_amr_values),
    });
    if (!session) throw new SsoRefused('ACCOUNT_CANNOT_SIGN_IN');
    return session;
  }

  private async recordRefusal(p: ProviderRow, e: SsoRefused): Promise<void> {
    this.log.warn(`federated sign-in refused for ${p.agency_name}: ${e.reason}${e.detail ? ` (${e.detail})` : ''}`);
    await this.audit.record({
      action: 'auth.sso_login',
      outcome: e.reason === 'PROVIDER_UNREACHABLE' ? AuditOutcome.FAILED : AuditOutcome.DENIED,
      // No principal yet: the event names no actor agency; the agency is its subject, so its auditors see it.
      subjectAgencyId: p.agency_id,
      recordType: 'agency',
      recordId: p.agency_id,
      changes: { reason: e.reason, ...(e.detail ? { detail: e.detail.slice(0, 200) } : {}) },
    });
  }

  /**
   * Back-channel logout (OpenID Connect Back-Channel Logout 1.0): a logout token signed by the
   * agency's provider, for this client, naming a subject or a provider session, ends the matching
   * sessions here.
   */
  async backChannelLogout(agencyCode: string, logoutToken: unknown): Promise<number> {
    const p = await this.provider(agencyCode);
    if (typeof logoutToken !== 'string' || logoutToken.length > 8192) throw new SsoRefused('TOKEN_REFUSED', 'no logout token');
    const config = await this.configuration(p);
    const meta = config.serverMetadata();
    if (!meta.jwks_uri) throw new SsoRefused('TOKEN_REFUSED', 'provider publishes no keys');
    let jwks = this.jwks.get(meta.jwks_uri);
    if (!jwks) {
      jwks = createRemoteJWKSet(new URL(meta.jwks_uri));
      this.jwks.set(meta.jwks_uri, jwks);
    }
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(logoutToken, jwks, {
        issuer: p.issuer,
        audience: p.client_id,
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        maxTokenAge: '5 minutes',
        typ: undefined,
      }));
    } catch (e) {
      const refused = new SsoRefused('TOKEN_REFUSED', e instanceof Error ? e.message : 'invalid logout token');
      await this.recordRefusal(p, refused);
      throw refused;
    }
    const events = claims.events as Record<string, unknown> | undefined;
    const sub = text(claims.sub, 255);
    const sid = text(claims.sid, 255);
    if (
      !events ||
      typeof events !== 'object' ||
      !('http://schemas.openid.net/event/backchannel-logout' in events) ||
      'nonce' in claims ||
      (!sub && !sid)
    ) {
      const refused = new SsoRefused('TOKEN_REFUSED', 'not a logout token');
      await this.recordRefusal(p, refused);
      throw refused;
    }
    const ended = await this.db.narrowOne(endSessions, [p.agency_id, p.issuer, sub ?? null, sid ?? null]);
    await this.audit.record({
      action: 'auth.sso_logout',
      subjectAgencyId: p.agency_id,
      recordType: 'user',
      recordId: ended?.user_id ?? undefined,
      changes: { sessionsEnded: ended?.sessions_ended ?? 0, by: sid ? 'provider session' : 'subject' },
    });
    return ended?.sessions_ended ?? 0;
  }
}

/** What went wrong, in the words openid-client gives, down its chain of causes, with the claim or header named. */
function describe(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const c = cur as { message?: unknown; code?: unknown; claim?: unknown; header?: unknown; cause?: unknown };
    if (typeof c.message === 'string') parts.push(c.message + (typeof c.code === 'string' ? ` [${c.code}]` : ''));
    if (typeof c.claim === 'string') parts.push(`claim ${c.claim}`);
    if (typeof c.header === 'string') parts.push(`header ${c.header}`);
    cur = c.cause;
  }
  return parts.join('; ') || 'refused';
}

/**
 * The request as the strategy sees it: with the flow's server-side state as its `session`. Fastify's
 * request has all the strategy reads of it (method, protocol, host, originalUrl, url, query), though
 * passport's types name express's request.
 */
function withSession(req: FastifyRequest, session: Record<string, unknown>): PassportRequest {
  const r = Object.create(req) as FastifyRequest;
  Object.defineProperty(r, 'session', { value: session, writable: true });
  return r as unknown as PassportRequest;
}

function isNetworkError(e: unknown): boolean {
  const cause = e instanceof Error ? (e.cause as { code?: string } | undefined) : undefined;
  return e instanceof TypeError || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'].includes(cause?.code ?? '');
}
