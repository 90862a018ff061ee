import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, RequestContext } from '@app/core';
import { Allow, Permission } from '@app/access';
import { AuthService } from '../auth.service';
import { AuthPayload, ChangePasswordInput, ConfirmMfaInput, LoginInput, Me, MfaEnrolment, RefreshInput } from './auth.graphql-types';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly ctx: RequestContext,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Sign in. A failed sign-in never says whether the account exists.' })
  @Public()
  login(@Args('input') input: LoginInput): Promise<AuthPayload> {
    return this.auth.login(input.username, input.password, input.totp);
  }

  @Mutation(() => AuthPayload, { description: 'Trade a refresh token (single use) for a new token pair.' })
  @Public()
  refreshSession(@Args('input') input: RefreshInput): Promise<AuthPayload> {
    return this.auth.refresh(input.refreshToken);
  }

  @Mutation(() => Boolean, { description: 'End this session on the server.' })
  @Allow(Permission.SELF)
  logout(): Promise<boolean> {
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

  @Mutation(() => Boolean, { description: 'Change your password; your other sessions are signed out.' })
  @Allow(Permission.SELF)
  changePassword(@Args('input') input: ChangePasswordInput): Promise<boolean> {
    return this.auth.changePassword(input.currentPassword, input.newPassword);
  }
}
