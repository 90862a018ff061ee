import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';
import { AuditTrailService } from '../audit-trail.service';
import { AuditEventConnection, AuditEventsArgs, AuditVerification } from './audit.graphql-types';

@Resolver()
export class AuditResolver {
  constructor(private readonly trail: AuditTrailService) {}

  @Query(() => AuditEventConnection, { description: "The audit events of the auditor's agency, newest first." })
  @Allow(Permission.AUDIT_READ)
  auditEvents(@Args() args: AuditEventsArgs): Promise<AuditEventConnection> {
    return this.trail.list(args.filter, args.first, args.after);
  }

  @Query(() => AuditVerification, {
    description:
      'Recomputes the whole hash chain, compares it with the signed checkpoints kept outside the database, and names the first broken link (or the first seq that differs from what a checkpoint proves), if any.',
  })
  @Allow(Permission.AUDIT_VERIFY)
  auditTrailVerification(): Promise<AuditVerification> {
    return this.trail.verify();
  }
}
