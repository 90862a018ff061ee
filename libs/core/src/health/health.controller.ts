import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../security/public.decorator';

/** Liveness and database readiness, for load balancers and orchestrators. No data is exposed. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const session = this.indicator.check('database');
        try {
          await this.dataSource.query('SELECT 1');
          return session.up();
        } catch (e) {
          return session.down({ message: 'database unreachable' });
        }
      },
    ]);
  }

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }
}
