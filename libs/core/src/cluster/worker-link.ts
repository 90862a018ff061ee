import cluster from 'node:cluster';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { EmbeddedServer, EmbeddedStatus } from '../database/embedded-postgres';

/**
 * What this process is in a WORKERS > 1 server (ADR 0022). A single-process server (WORKERS=1, the
 * tests, the benchmarks' in-process apps) is not in a cluster and runs everything itself.
 */
export interface WorkerRole {
  /** A worker of node:cluster: its primary holds the rate limits and the embedded PostgreSQL. */
  cluster: boolean;
  /** Runs the once-per-server work: the scheduled jobs and the audit checkpoints (one worker at a time). */
  singletons: boolean;
}

export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export const WORKER_ROLE = Symbol('WORKER_ROLE');
export const SINGLE_PROCESS: WorkerRole = { cluster: false, singletons: true };

/** Messages between the primary and its workers (only ever over the cluster's IPC channel). */
export type ToPrimary =
  | { tf: 'throttle'; id: number; key: string; ttl: number; limit: number; blockDuration: number; name: string }
  | { tf: 'publish'; key: string; value: unknown }
  | { tf: 'relay'; topic: string };
export type ToWorker =
  | { tf: 'boot'; ownerUrl: string; appUrl: string; singletons: boolean; state: Record<string, unknown> }
  | { tf: 'throttled'; id: number; record?: ThrottlerStorageRecord; error?: string }
  | { tf: 'state'; key: string; value: unknown }
  | { tf: 'relayed'; topic: string }
  | { tf: 'shutdown' };

/** One of this server's own cluster messages (tagged `tf`), not another library's on the same channel. */
function isTagged(m: unknown): boolean {
  return typeof m === 'object' && m !== null && typeof (m as { tf?: unknown }).tf === 'string';
}

export const isToWorker = (m: unknown): m is ToWorker => isTagged(m);
export const isToPrimary = (m: unknown): m is ToPrimary => isTagged(m);

const state = new Map<string, unknown>();
const relayed = new Map<string, () => void>();
const pending = new Map<number, { ok: (r: ThrottlerStorageRecord) => void; fail: (e: Error) => void; timer: NodeJS.Timeout }>();
let nextId = 0;
let listening = false;

function send(m: ToPrimary): boolean {
  if (!process.send || !process.connected) return false;
  process.send(m);
  return true;
}

/** Starts reading the primary's messages in this worker (once); `boot` and `shutdown` go to main.ts's own listener. */
export function listenToPrimary(initialState: Record<string, unknown> = {}): void {
  for (const [k, v] of Object.entries(initialState)) state.set(k, v);
  if (listening || !cluster.isWorker) return;
  listening = true;
  process.on('message', (m: unknown) => {
    if (!isToWorker(m)) return;
    if (m.tf === 'throttled') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.record) p.ok(m.record);
      else p.fail(new Error(`the primary's rate limiter failed: ${m.error ?? 'no answer'}`));
    } else if (m.tf === 'state') state.set(m.key, m.value);
    else if (m.tf === 'relayed') relayed.get(m.topic)?.();
  });
}

/**
 * The rate limits of a worker (the request throttle and the sign-in limits alike): every increment
 * is counted by the primary, in one in-memory store for all workers, so a limit holds however the
 * kernel spreads connections. One IPC round trip, no SQL.
 */
export class PrimaryThrottlerStorage implements ThrottlerStorage {
  increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    return new Promise((ok, fail) => {
      const id = ++nextId;
      // Never answered only if the primary is gone, and then this worker is exiting too.
      const timer = setTimeout(() => {
        pending.delete(id);
        fail(new Error('the primary did not answer the rate limiter in 5 s'));
      }, 5000);
      timer.unref();
      pending.set(id, { ok, fail, timer });
      if (!send({ tf: 'throttle', id, key, ttl, limit, blockDuration, name })) {
        pending.delete(id);
        clearTimeout(timer);
        fail(new Error('no connection to the primary'));
      }
    });
  }
}

/** Hands a value to every worker (the primary keeps the latest for workers forked later). */
export function publish(key: string, value: unknown): void {
  send({ tf: 'publish', key, value });
}

/** The latest value published under `key` by any worker, or by the primary. */
export function shared(key: string): unknown {
  return state.get(key);
}

/** Tells the worker that runs the singletons (see WorkerRole) that `topic` happened here. */
export function relayToSingletons(topic: string): void {
  send({ tf: 'relay', topic });
}

/** In the singletons worker: what to do when another worker relays `topic`. */
export function onRelayed(topic: string, handler: () => void): void {
  relayed.set(topic, handler);
}

export const EMBEDDED_STATUS_KEY = 'embeddedStatus';

/** In a worker: the primary's embedded PostgreSQL as /health sees it (its status, pushed on every change). */
export function embeddedMirror(port: number): EmbeddedServer {
  return {
    port,
    ownerUrl: () => {
      throw new Error('a worker does not own the embedded PostgreSQL');
    },
    status: () =>
      (shared(EMBEDDED_STATUS_KEY) as EmbeddedStatus | undefined) ?? {
        state: 'up',
        attempt: 0,
        restarts: 0,
        since: new Date(0).toISOString(),
      },
    stop: () => Promise.resolve(),
  };
}
