import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuditService } from './audit.service';

/**
 * Every refused operation is an audit event, wherever the refusal was thrown (inside a
 * transaction or not): one place, after the operation failed and its work rolled back.
 * (Refusals by the global guard happen before interceptors and are recorded by the guard.)
 */
@Injectable()
export class DenialAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => from(this.audit.recordDenial(error)).pipe(mergeMap(() => throwError(() => error)))));
  }
}
