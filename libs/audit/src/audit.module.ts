import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DenialAuditInterceptor } from './denial-audit.interceptor';
import { AuditService } from './audit.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditResolver } from './graphql/audit.resolver';

@Global()
@Module({
  providers: [AuditService, AuditTrailService, AuditResolver, { provide: APP_INTERCEPTOR, useClass: DenialAuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
