import { Module } from '@nestjs/common';
import { Field, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';

/**
 * TEST-ONLY CANARY, loaded only when TF_TEST_CANARY=1 outside production: one query that
 * declares no permission, and one field resolver that declares none under a query that does, so
 * the tests can prove the global guard refuses both (deny by default).
 */
@Resolver()
export class DenyByDefaultCanaryResolver {
  @Query(() => String, { description: 'Test canary: declares no permission, so it is always refused.' })
  canaryWithoutPermission(): string {
    return 'this must never be returned';
  }
}

@ObjectType({ description: 'Test canary: an object whose resolved field declares no permission.' })
export class CanaryRecord {
  @Field()
  id!: string;
}

@Resolver(() => CanaryRecord)
export class CanaryRecordResolver {
  @Query(() => CanaryRecord, { description: 'Test canary: declares SELF, so anyone signed in reaches it.' })
  @Allow(Permission.SELF)
  canaryRecord(): CanaryRecord {
    return Object.assign(new CanaryRecord(), { id: 'canary' });
  }

  @ResolveField(() => String, { description: 'Test canary: declares no permission, so it is always refused.' })
  fieldWithoutPermission(): string {
    return 'this must never be returned';
  }
}

@Module({ providers: [DenyByDefaultCanaryResolver, CanaryRecordResolver] })
export class DenyByDefaultCanaryModule {}
