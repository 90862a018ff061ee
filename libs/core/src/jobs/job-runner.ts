import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Statement } from '../database/sql';
import { WORKER_ROLE, WorkerRole } from '../cluster/worker-link';

export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');

/** The job's connection: pg-boss's own (the owner's), for SECURITY DEFINER work only. */
export interface JobDb {
  executeSql(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A statement from a lib's SQL home, run on the job's connection: its rows (docs/adr/0012). */
export async function jobRows<R>(db: JobDb, stmt: Statement<R>, params: unknown[] = []): Promise<R[]> {
  return (await db.executeSql(stmt.text, params)).rows as R[];
}

/** A scheduled job: its handler returns a summary that pg-boss keeps as the job's output. */
export interface ScheduledJob {
  name: string;
  /** Cron in the task force's time zone (JOBS_TIMEZONE, default America/Denver). */
  cron: string;
  run(db: JobDb): Promise<Record<string, unknown>>;
}

/**
 * Scheduled work on pg-boss, in the same database (ARCHITECTURE.md). pg-boss keeps its own schema
 * (`pgboss`) through the owner connection; the handlers themselves do their cross-agency work only
 * through SECURITY DEFINER functions, never through the app role's request path.
 *
 * Libraries register jobs at module init; on bootstrap every job is scheduled and also sent once,
 * so a day the server was down is caught up on start. JOBS=false (the tests' default) turns it off.
 * With WORKERS > 1 only the worker that runs the singletons schedules and works them (ADR 0022).
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Jobs');
  private readonly jobs = new Map<string, ScheduledJob>();
  private boss?: PgBoss;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_DATABASE_URL) private readonly url: string | undefined,
    @Inject(WORKER_ROLE) private readonly role: WorkerRole,
  ) {}

  register(job: ScheduledJob): void {
    this.jobs.set(job.name, job);
  }

  get enabled(): boolean {
    return this.config.jobs.enabled && !!this.url && this.role.singletons;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled || !this.jobs.size) return;
    const boss = new PgBoss({ connectionString: this.url, schema: 'pgboss', max: 2, application_name: 'tf-jobs' });
    boss.on('error', (e) => this.log.error(`pg-boss: ${e.message}`));
    await boss.start();
    this.boss = boss;
    for (const job of this.jobs.values()) {
      await boss.createQueue(job.name);
      await boss.schedule(job.name, job.cron, {}, { tz: this.config.jobs.timezone });
      await boss.work(job.name, async ([j]) => {
        const summary = await job.run(boss.getDb());
        this.log.log(`${job.name} (${j.id}): ${JSON.stringify(summary)}`);
        return summary;
      });
      await boss.send(job.name, { catchUp: true }, { singletonKey: 'catch-up' });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 5000 });
  }
}
