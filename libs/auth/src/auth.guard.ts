import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { Errors, IS_PUBLIC, RequestContext } from '@app/core';
import { AccessPolicy, Permission, REQUIRED_PERMISSION } from '@app/access';
import { AuditOutcome, AuditService } from '@app/audit';
import { AuthService } from './auth.service';

/**
 * The one global guard: authenticates the bearer token (session checked live on every request),
 * puts the principal in the request context, and enforces the operation's declared permission.
 * An operation that declares no permission is refused: deny by default.
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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const isGql = context.getType<GqlContextType>() === 'graphql';
    const req: Request = isGql ? GqlExecutionContext.create(context).getContext().req : context.switchToHttp().getRequest();
    const operation = isGql ? GqlExecutionContext.create(context).getInfo().fieldName : `${req.method} ${req.path}`;

    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw Errors.unauthenticated('Sign in first: this operation needs an access token (Authorization: Bearer ...).');
    const principal = await this.auth.authenticate(token);
    if (!principal) throw Errors.unauthenticated();
    this.ctx.setPrincipal(principal);

    const permission = this.reflector.get<Permission | undefined>(REQUIRED_PERMISSION, context.getHandler());
    const refusal = this.policy.operationRefusal(principal, permission);
    if (!refusal) return true;

    await this.audit.record({ action: `operation.${operation}`, outcome: AuditOutcome.DENIED, changes: { reason: refusal } });
    throw this.policy.operationDenied(refusal);
  }
}
