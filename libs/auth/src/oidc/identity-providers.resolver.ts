import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ParseUUIDPipe } from '@nestjs/common';
import { Public } from '@app/core';
import { Allow, Permission } from '@app/access';
import { AgencyIdentityProvider, SetAgencyIdentityProviderInput, SignInOption } from './identity-provider.graphql-types';
import { IdentityProvidersService } from './identity-providers.service';

@Resolver()
export class IdentityProvidersResolver {
  constructor(private readonly providers: IdentityProvidersService) {}

  @Query(() => [SignInOption], {
    description: 'The agencies whose staff sign in through their own identity provider (for the sign-in page).',
  })
  @Public()
  signInOptions(): Promise<SignInOption[]> {
    return this.providers.signInOptions();
  }

  @Query(() => AgencyIdentityProvider, { nullable: true, description: "An agency's identity provider settings (never the client secret)." })
  @Allow(Permission.IDENTITY_PROVIDER_MANAGE)
  agencyIdentityProvider(
    @Args('agencyId', { type: () => ID }, new ParseUUIDPipe()) agencyId: string,
  ): Promise<AgencyIdentityProvider | null> {
    return this.providers.get(agencyId);
  }

  @Mutation(() => AgencyIdentityProvider, { description: "Connect (or change) an agency's own OpenID Connect provider." })
  @Allow(Permission.IDENTITY_PROVIDER_MANAGE)
  setAgencyIdentityProvider(@Args('input') input: SetAgencyIdentityProviderInput): Promise<AgencyIdentityProvider> {
    return this.providers.set(input);
  }

  @Mutation(() => Boolean, { description: "Disconnect an agency's identity provider (its staff sign in with passwords again)." })
  @Allow(Permission.IDENTITY_PROVIDER_MANAGE)
  removeAgencyIdentityProvider(@Args('agencyId', { type: () => ID }, new ParseUUIDPipe()) agencyId: string): Promise<boolean> {
    return this.providers.remove(agencyId);
  }
}
