import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { GraphQLResolveInfo } from 'graphql';

/** @nestjs/throttler for both REST and GraphQL requests, keyed by client address. */
@Injectable()
export class RequestThrottlerGuard extends ThrottlerGuard {
  /** Global guards also run for field resolvers (fieldResolverEnhancers): a request is counted once, at its operation. */
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() === 'graphql') {
      const parent = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().parentType.name;
      if (parent !== 'Query' && parent !== 'Mutation' && parent !== 'Subscription') return Promise.resolve(true);
    }
    return super.shouldSkip(context);
  }

  /** One budget per client address (README: "requests per address"), not one per operation. */
  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `request:${name}:${suffix}`;
  }

  protected override getRequestResponse(context: ExecutionContext) {
    if (context.getType<GqlContextType>() === 'graphql') {
      const ctx = GqlExecutionContext.create(context).getContext<{ req: Record<string, unknown>; res: Record<string, unknown> }>();
      return { req: ctx.req, res: ctx.res };
    }
    return super.getRequestResponse(context);
  }
}
