import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig, Errors, Public, RequestContext } from '@app/core';
import { Allow, Permission } from '@app/access';
import { AuthService } from '../auth.service';
import { AuthPayload, ChangePasswordInput, ConfirmMfaInput, LoginInput, Me, MfaEnrolment, RefreshInput } from './auth.graphql-types';
import { clearRefreshCookie, HttpContext, overHttps, readRefreshCookie, setRefreshCookie, wantsCookie } from './session-cookie';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly ctx: RequestContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** For the console (x-tf-console: 1), the refresh token goes into the HttpOnly cookie, not the body. */
  private viaCookie(http: HttpContext, payload: AuthPayload): AuthPayload {
    if (!wantsCookie(http) || !payload.refreshToken) return payload;
    setRefreshCookie(http, payload.refreshToken, this.config.refreshTokenTtlSeconds, this.secure(http));
    payload.refreshToken = null;
    return payload;
  }

  private secure(http: HttpContext): boolean {
    return this.config.env === 'production' || overHttps(http.req);
  }

  @Mutation(() => AuthPayload, { description: 'Sign in. A failed sign-in never says whether the account exists.' })
  @Public()
  async login(@Args('input') input: LoginInput, @Context() http: HttpContext): Promise<AuthPayload> {
    return this.viaCookie(http, await this.auth.login(input.username, input.password, input.totp));
  }

  @Mutation(() => AuthPayload, {
    description:
      'Trade a refresh token (single use) for a new token pair. The console sends none: its token is in the HttpOnly session cookie.',
  })
  @Public()
  async refreshSession(
    @Context() http: HttpContext,
    @Args('input', { type: () => RefreshInput, nullable: true }) input?: RefreshInput,
  ): Promise<AuthPayload> {
    const token = input?.refreshToken ?? readRefreshCookie(http);
    if (!token) throw Errors.unauthenticated('No session to resume: please sign in.');
    try {
      return this.viaCookie(http, await this.auth.refresh(token));
    } catch (e) {
      if (wantsCookie(http)) clearRefreshCookie(http, this.secure(http));
      throw e;
    }
  }

  @Mutation(() => Boolean, { description: 'End this session on the server.' })
  @Allow(Permission.SELF)
  logout(@Context() http: HttpContext): Promise<boolean> {
    clearRefreshCookie(http, this.secure(http));
    return this.auth.logout();
  }

  @Query(() => Me, { description: 'The signed-in principal.' })
  @Allow(Permission.SELF)
  me(): Me {
    return this.auth.me(this.ctx.principal);
  }

  @Mutation(() => MfaEnrolment, { description: 'Start setting up an authenticator app; confirm with a code.' })
  @Allow(Permission.SELF)
  startMfaEnrolment(): Promise<MfaEnrolment> {
    return this.auth.startMfaEnrolment();
  }

  @Mutation(() => Me, { description: 'Confirm MFA set-up with the current code from the authenticator app.' })
  @Allow(Permission.SELF)
  confirmMfa(@Args('input') input: ConfirmMfaInput): Promise<Me> {
    return this.auth.confirmMfa(input.code);
  }

  @Mutation(() => Me, {
    description: 'After signing in through your agency’s identity provider without its MFA: the current code from your authenticator app.',
  })
  @Allow(Permission.SELF)
  verifyMfa(@Args('input') input: ConfirmMfaInput): Promise<Me> {
    return this.auth.verifyMfa(input.code);
  }

  @Mutation(() => Boolean, { description: 'Change your password; your other sessions are signed out.' })
  @Allow(Permission.SELF)
  changePassword(@Args('input') input: ChangePasswordInput): Promise<boolean> {
    return this.auth.changePassword(input.currentPassword, input.newPassword);
  }
}
