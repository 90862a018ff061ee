import { Body, Controller, Get, HttpCode, Inject, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig, Public } from '@app/core';
import { readCookie, setRefreshCookie } from '../graphql/session-cookie';
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

  private secure(req: Request): boolean {
    return this.config.env === 'production' || req.secure;
  }

  private callbackUrl(req: Request, code: string): string {
    return `${req.protocol}://${req.get('host') ?? 'localhost'}${FLOW_PATH}/${encodeURIComponent(code)}/callback`;
  }

  private refuse(res: Response, e: unknown): void {
    const reason = e instanceof SsoRefused ? e.reason : 'PROVIDER_UNREACHABLE';
    if (!(e instanceof SsoRefused)) this.log.error(`federated sign-in failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    else if (e.detail) this.log.warn(`federated sign-in refused: ${e.reason} (${e.detail})`);
    res.clearCookie(FLOW_COOKIE_NAME, { path: FLOW_PATH });
    res.redirect(303, `/signin?signInError=${reason}`);
  }

  @Get(':agencyCode')
  async start(@Param('agencyCode') code: string, @Query('login_hint') hint: unknown, @Req() req: Request, @Res() res: Response) {
    if (!AGENCY_CODE.test(code)) {
      this.refuse(res, new SsoRefused('NO_PROVIDER'));
      return;
    }
    try {
      const loginHint = typeof hint === 'string' && hint.length <= 254 && !/\p{Cc}/u.test(hint) ? hint : undefined;
      const { redirect, flowId } = await this.oidc.begin(code, req, this.callbackUrl(req, code), loginHint);
      // Lax: the provider's redirect back is a top-level cross-site navigation, which Strict would not carry.
      res.cookie(FLOW_COOKIE_NAME, flowId, { httpOnly: true, sameSite: 'lax', secure: this.secure(req), path: FLOW_PATH, maxAge: 600_000 });
      res.redirect(302, redirect);
    } catch (e) {
      this.refuse(res, e);
    }
  }

  @Get(':agencyCode/callback')
  async callback(@Param('agencyCode') code: string, @Req() req: Request, @Res() res: Response) {
    if (!AGENCY_CODE.test(code)) {
      this.refuse(res, new SsoRefused('NO_PROVIDER'));
      return;
    }
    try {
      const session = await this.oidc.finish(code, req, this.callbackUrl(req, code), readCookie(req, FLOW_COOKIE_NAME));
      res.clearCookie(FLOW_COOKIE_NAME, { path: FLOW_PATH });
      setRefreshCookie({ req, res }, session.refreshToken, this.config.refreshTokenTtlSeconds, this.secure(req));
      res.redirect(303, '/');
    } catch (e) {
      this.refuse(res, e);
    }
  }

  /** OpenID Connect Back-Channel Logout: the provider posts a signed logout token. */
  @Post(':agencyCode/backchannel-logout')
  @HttpCode(200)
  async backChannelLogout(@Param('agencyCode') code: string, @Body() body: unknown, @Res() res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    if (!AGENCY_CODE.test(code)) return res.status(400).json({ error: 'invalid_request' });
    try {
      const token = body && typeof body === 'object' ? (body as Record<string, unknown>).logout_token : undefined;
      await this.oidc.backChannelLogout(code, token);
      res.status(200).end();
    } catch (e) {
      const reason = e instanceof SsoRefused ? e.reason : 'PROVIDER_UNREACHABLE';
      res.status(400).json({ error: 'invalid_request', error_description: SSO_REFUSAL_WORDS[reason] });
    }
  }
}
