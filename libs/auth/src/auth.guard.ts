import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { GraphQLResolveInfo, OperationTypeNode } from 'graphql';
import { Errors, IS_PUBLIC, RequestContext, requestPath } from '@app/core';
import { AccessPolicy, OperationRefusal, Permission, REQUIRED_PERMISSION } from '@app/access';
import { AuditOutcome, AuditService } from '@app/audit';
import { AuthService } from './auth.service';

/** The root types: their fields are operations, authenticated here; any other type's fields are field resolvers. */
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The one global guard: authenticates the bearer token (session checked live on every request),
 * puts the principal in the request context, and enforces the operation's declared permission.
 * An operation that declares no permission is refused: deny by default.
 *
 * It also runs for every field resolver (`@ResolveField`, `fieldResolverEnhancers: ['guards']`),
 * once per field per row, so that path is cheap and synchronous: the request's operation has
 * already authenticated, so it reads the principal from the context and asks the policy about the
 * field's own declaration (`@Allow` on the field resolver; none is refused, like an operation).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly ctx: RequestContext,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType<GqlContextType>() === 'graphql') {
      const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
      if (!ROOT_TYPES.has(info.parentType.name)) return this.canResolveField(context, `${info.parentType.name}.${info.fieldName}`);
    }
    return this.canRunOperation(context);
  }

  /** A field resolver: the principal the operation authenticated, and the field's own declaration. */
  private canResolveField(context: ExecutionContext, field: string): boolean | Promise<boolean> {
    const principal = this.ctx.principalOrNull;
    if (!principal) throw Errors.unauthenticated();
    const permission = this.reflector.get<Permission | undefined>(REQUIRED_PERMISSION, context.getHandler());
    const refusal = this.policy.operationRefusal(principal, permission);
    if (!refusal) return true;
    return this.refuse(`field.${field}`, refusal);
  }

  private async canRunOperation(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const isGql = context.getType<GqlContextType>() === 'graphql';
    const req: FastifyRequest = isGql
      ? GqlExecutionContext.create(context).getContext<{ req: FastifyRequest }>().req
      : context.switchToHttp().getRequest();
    const operation = isGql
      ? GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().fieldName
      : `${req.method} ${requestPath(req.url)}`;

    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw Errors.unauthenticated('Sign in first: this operation needs an access token (Authorization: Bearer ...).');
    // A query (read) request checks its session once, in the transaction all its reads share; a
    // mutation and an HTTP route check it on their own (docs/adr/0025).
    const read = isGql && GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().operation.operation === OperationTypeNode.QUERY;
    const principal = await (read ? this.auth.authenticateRead(token) : this.auth.authenticate(token));
    if (!principal) throw Errors.unauthenticated();
    this.ctx.setPrincipal(principal);

    const permission = this.reflector.get<Permission | undefined>(REQUIRED_PERMISSION, context.getHandler());
    const refusal = this.policy.operationRefusal(principal, permission);
    if (!refusal) return true;
    return this.refuse(`operation.${operation}`, refusal);
  }

  /** Records the refusal (it happens before the interceptors that audit other denials), then throws it. */
  private async refuse(action: string, refusal: OperationRefusal): Promise<never> {
    await this.audit.record({ action, outcome: AuditOutcome.DENIED, changes: { reason: refusal } });
    throw this.policy.operationDenied(refusal);
  }
}
