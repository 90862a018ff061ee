import { Body, Controller, Get, HttpCode, Inject, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, Public } from '@app/core';
import { overHttps, readCookie, setRefreshCookie, writeCookie } from '../graphql/session-cookie';
import { FLOW_COOKIE_NAME, OidcService } from './oidc.service';
import { SSO_REFUSAL_WORDS, SsoRefused } from './oidc-flow';

const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;
const FLOW_PATH = '/auth/oidc';

/**
 * The browser side of a federated sign-in (ADR 0018). `GET /auth/oidc/:agencyCode` sends the browser
 * to the agency's provider; the provider sends it back to `/callback`, which starts the session (the
 * refresh token in the console's HttpOnly cookie) and returns to the console. A refusal returns to
 * the console's sign-in page with its reason code, never with an identity value.
 */
@Controller('auth/oidc')
@Public()
export class OidcController {
  private readonly log = new Logger('Oidc');

  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private secure(req: FastifyRequest): boolean {
    return this.config.env === 'production' || overHttps(req);
  }

  private callbackUrl(req: FastifyRequest, code: string): string {
    // The Host header itself, as before ADR 0028 (Fastify's `host` would believe a proxy's X-Forwarded-Host).
    return `${req.protocol}://${req.headers.host || 'localhost'}${FLOW_PATH}/${encodeURIComponent(code)}/callback`;
  }

  private refuse(res: FastifyReply, e: unknown): void {
    const reason = e instanceof SsoRefused ? e.reason : 'PROVIDER_UNREACHABLE';
    if (!(e instanceof SsoRefused)) this.log.error(`federated sign-in failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    else if (e.detail) this.log.warn(`federated sign-in refused: ${e.reason} (${e.detail})`);
    writeCookie(res, FLOW_COOKIE_NAME, '', { path: FLOW_PATH, sameSite: 'lax', secure: false });
    void res.redirect(`/signin?signInError=${reason}`, 303);
  }

  @Get(':agencyCode')
  async start(@Param('agencyCode') code: string, @Query('login_hint') hint: unknown, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    if (!AGENCY_CODE.test(code)) {
      this.refuse(res, new SsoRefused('NO_PROVIDER'));
      return;
    }
    try {
      const loginHint = typeof hint === 'string' && hint.length <= 254 && !/\p{Cc}/u.test(hint) ? hint : undefined;
      const { redirect, flowId } = await this.oidc.begin(code, req, this.callbackUrl(req, code), loginHint);
      // Lax: the provider's redirect back is a top-level cross-site navigation, which Strict would not carry.
      writeCookie(res, FLOW_COOKIE_NAME, flowId, { sameSite: 'lax', secure: this.secure(req), path: FLOW_PATH, maxAge: 600 });
      void res.redirect(redirect, 302);
    } catch (e) {
      this.refuse(res, e);
    }
  }

  @Get(':agencyCode/callback')
  async callback(@Param('agencyCode') code: string, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    if (!AGENCY_CODE.test(code)) {
      this.refuse(res, new SsoRefused('NO_PROVIDER'));
      return;
    }
    try {
      const session = await this.oidc.finish(code, req, this.callbackUrl(req, code), readCookie(req, FLOW_COOKIE_NAME));
      writeCookie(res, FLOW_COOKIE_NAME, '', { path: FLOW_PATH, sameSite: 'lax', secure: false });
      setRefreshCookie({ req, res }, session.refreshToken, this.config.refreshTokenTtlSeconds, this.secure(req));
      void res.redirect('/', 303);
    } catch (e) {
      this.refuse(res, e);
    }
  }

  /** OpenID Connect Back-Channel Logout: the provider posts a signed logout token. */
  @Post(':agencyCode/backchannel-logout')
  @HttpCode(200)
  async backChannelLogout(@Param('agencyCode') code: string, @Body() body: unknown, @Res() res: FastifyReply) {
    void res.header('Cache-Control', 'no-store');
    if (!AGENCY_CODE.test(code)) {
      void res.status(400).send({ error: 'invalid_request' });
      return;
    }
    try {
      const token = body && typeof body === 'object' ? (body as Record<string, unknown>).logout_token : undefined;
      await this.oidc.backChannelLogout(code, token);
      void res.status(200).send();
    } catch (e) {
      const reason = e instanceof SsoRefused ? e.reason : 'PROVIDER_UNREACHABLE';
      void res.status(400).send({ error: 'invalid_request', error_description: SSO_REFUSAL_WORDS[reason] });
    }
  }
}
