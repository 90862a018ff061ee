import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../security/public.decorator';
import { EMBEDDED_DATABASE, EmbeddedServer } from '../database/embedded-postgres';
import { AUDIT_TRAIL_HEALTH, HealthReporter } from './health-reporters';

function auditTrailCheck(indicator: HealthIndicatorService, reporter: HealthReporter) {
  return () => indicator.check(reporter.healthKey).up(reporter.health());
}

/**
 * Liveness and database readiness, for load balancers and orchestrators. No data is exposed. With
 * the embedded PostgreSQL, `database.embedded` says what its supervisor is doing: `up`, or
 * `restarting` with the attempt under way and why the postmaster died or the last attempt failed.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedServer | null,
    @Optional() @Inject(AUDIT_TRAIL_HEALTH) private readonly auditTrail?: HealthReporter,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const session = this.indicator.check('database');
        const status = this.embedded?.status();
        const details: Record<string, unknown> = status
          ? {
              embedded: {
                state: status.state,
                attempt: status.attempt,
                restarts: status.restarts,
                since: status.since,
                ...(status.lastError ? { lastError: status.lastError } : {}),
              },
            }
          : {};
        if (status && status.state !== 'up' && status.state !== 'shared') {
          return session.down({ message: `the embedded PostgreSQL is ${status.state}`, ...details });
        }
        try {
          await this.dataSource.query('SELECT 1');
          return session.up(details);
        } catch {
          return session.down({ message: 'database unreachable', ...details });
        }
      },
      // The audit trail's checkpoints, and its integrity alarm (a stray row, a trail that no longer
      // matches its last signed checkpoint): reported, never a reason to take the service down.
      ...(this.auditTrail ? [auditTrailCheck(this.indicator, this.auditTrail)] : []),
    ]);
  }

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }
}
