import { Module } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';

/**
 * TEST-ONLY CANARY, loaded only when TF_TEST_CANARY=1 outside production: one query that
 * declares no permission, so the tests can prove the global guard refuses it (deny by default).
 */
@Resolver()
export class DenyByDefaultCanaryResolver {
  @Query(() => String, { description: 'Test canary: declares no permission, so it is always refused.' })
  canaryWithoutPermission(): string {
    return 'this must never be returned';
  }
}

@Module({ providers: [DenyByDefaultCanaryResolver] })
export class DenyByDefaultCanaryModule {}
