import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditResolver } from './graphql/audit.resolver';

@Global()
@Module({ providers: [AuditService, AuditTrailService, AuditResolver], exports: [AuditService] })
export class AuditModule {}
