import type { Worker } from 'node:cluster';
import { isToPrimary, type ToWorker } from './worker-link';
import { WindowThrottlerStorage } from '../security/window-throttler-storage';

/**
 * The primary's side of the workers' IPC (ADR 0022): one rate-limit store for every worker, the
 * values workers publish for each other (the audit trail's health, the embedded PostgreSQL's status),
 * and relays to the worker that runs the singletons.
 */
export class PrimaryHub {
  private readonly throttle = new WindowThrottlerStorage();
  private readonly state = new Map<string, unknown>();
  private readonly workers = new Set<Worker>();
  private singletons?: Worker;

  /** Serves a newly forked worker; `singletons` makes it the one that runs the jobs and checkpoints. */
  attach(worker: Worker, singletons: boolean): void {
    this.workers.add(worker);
    if (singletons) this.singletons = worker;
    worker.on('message', (m: unknown) => this.onMessage(worker, m));
    worker.once('exit', () => {
      this.workers.delete(worker);
      if (this.singletons === worker) this.singletons = undefined;
    });
  }

  /** What a new worker is told at boot: its role, the connection strings, the shared values so far. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries(this.state);
  }

  /** Publishes a value from the primary itself (e.g. the embedded PostgreSQL's status). */
  publish(key: string, value: unknown): void {
    this.state.set(key, value);
    this.broadcast({ tf: 'state', key, value });
  }

  isSingletons(worker: Worker): boolean {
    return this.singletons === worker;
  }

  private broadcast(m: ToWorker): void {
    for (const w of this.workers) tell(w, m);
  }

  private onMessage(worker: Worker, m: unknown): void {
    if (!isToPrimary(m)) return;
    if (m.tf === 'throttle') {
      try {
        const lease = this.throttle.take(m.key, m.ttl, m.limit, m.blockDuration, m.name, m.want);
        tell(worker, { tf: 'throttled', id: m.id, lease });
      } catch (e) {
        tell(worker, { tf: 'throttled', id: m.id, error: (e as Error).message });
      }
    } else if (m.tf === 'publish') this.publish(m.key, m.value);
    else if (this.singletons && this.singletons !== worker) tell(this.singletons, { tf: 'relayed', topic: m.topic });
  }
}

export function tell(worker: Worker, m: ToWorker): void {
  if (worker.isConnected()) worker.send(m);
}
