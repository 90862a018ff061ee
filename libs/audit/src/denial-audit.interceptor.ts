import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuditService } from './audit.service';

/**
 * Every refused operation is an audit event, wherever the refusal was thrown (inside a
 * transaction or not): one place, after the operation failed and its work rolled back.
 * (Refusals by the global guard happen before interceptors and are recorded by the guard.)
 * A refused operation that asked for a confidential read (`identity(purpose: ...)` under a victim
 * it may not see) is recorded with the purpose it gave.
 */
@Injectable()
export class DenialAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          from(this.audit.recordDenial(error, { purpose: statedPurpose(context) })).pipe(mergeMap(() => throwError(() => error))),
        ),
      );
  }
}

/** The first `purpose` argument (a string) of the operation's field or anything selected under it. */
function statedPurpose(context: ExecutionContext): string | undefined {
  if (context.getType<GqlContextType>() !== 'graphql') return undefined;
  const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
  const seen = new Set<string>();
  const inSelection = (set: SelectionSetNode | undefined): string | undefined => {
    for (const s of set?.selections ?? []) {
      let found: string | undefined;
      if (s.kind === Kind.FIELD) found = inField(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) found = inSelection(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        if (Object.hasOwn(info.fragments, s.name.value)) found = inSelection(info.fragments[s.name.value].selectionSet);
      }
      if (found) return found;
    }
    return undefined;
  };
  const inField = (field: FieldNode): string | undefined => {
    const arg = field.arguments?.find((a) => a.name.value === 'purpose');
    const value =
      arg?.value.kind === Kind.STRING
        ? arg.value.value
        : arg?.value.kind === Kind.VARIABLE
          ? info.variableValues[arg.value.name.value]
          : undefined;
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 300);
    return inSelection(field.selectionSet);
  };
  for (const field of info.fieldNodes) {
    const found = inField(field);
    if (found) return found;
  }
  return undefined;
}
