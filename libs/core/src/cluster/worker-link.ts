import cluster from 'node:cluster';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { EmbeddedServer, EmbeddedStatus } from '../database/embedded-postgres';
import { secondsUntil, type ThrottleLease } from '../security/window-throttler-storage';

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
  | { tf: 'throttle'; id: number; key: string; ttl: number; limit: number; blockDuration: number; name: string; want: number }
  | { tf: 'publish'; key: string; value: unknown }
  | { tf: 'relay'; topic: string };
export type ToWorker =
  | { tf: 'boot'; ownerUrl: string; appUrl: string; singletons: boolean; state: Record<string, unknown> }
  | { tf: 'throttled'; id: number; lease?: ThrottleLease; error?: string }
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
const pending = new Map<number, { ok: (r: ThrottleLease) => void; fail: (e: Error) => void; timer: NodeJS.Timeout }>();
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
      if (m.lease) p.ok(m.lease);
      else p.fail(new Error(`the primary's rate limiter failed: ${m.error ?? 'no answer'}`));
    } else if (m.tf === 'state') state.set(m.key, m.value);
    else if (m.tf === 'relayed') relayed.get(m.topic)?.();
  });
}

/** Asks the primary for one hit of `key` and up to `want - 1` more (WindowThrottlerStorage.take). */
export type TakeFromPrimary = (
  key: string,
  ttl: number,
  limit: number,
  blockDuration: number,
  name: string,
  want: number,
) => Promise<ThrottleLease>;

/** Over the cluster's IPC channel: one round trip to the primary's store. */
const takeFromPrimary: TakeFromPrimary = (key, ttl, limit, blockDuration, name, want) =>
  new Promise((ok, fail) => {
    const id = ++nextId;
    // Never answered only if the primary is gone, and then this worker is exiting too.
    const timer = setTimeout(() => {
      pending.delete(id);
      fail(new Error('the primary did not answer the rate limiter in 5 s'));
    }, 5000);
    timer.unref();
    pending.set(id, { ok, fail, timer });
    if (!send({ tf: 'throttle', id, key, ttl, limit, blockDuration, name, want })) {
      pending.delete(id);
      clearTimeout(timer);
      fail(new Error('no connection to the primary'));
    }
  });

/**
 * A limit's lease: 1/LEASE_SHARE of it, taken at once when the limit is large enough (the request
 * throttle: 1,200 a minute per address by default, a lease of 37), so a worker asks the primary once
 * per lease instead of once per request. Only the request throttle is leased, and only from a limit
 * of 64: the sign-in limits are always counted by the primary attempt by attempt, as they happen.
 */
const LEASE_SHARE = 32;
/** The throttler that is leased: the request throttle (core.module.ts), never the sign-in limits ('login'). */
const LEASED_THROTTLER = 'default';
const MAX_LEASE = 256;
export const leaseSize = (limit: number): number => Math.min(MAX_LEASE, Math.floor(limit / LEASE_SHARE));

interface Held {
  /** Hits counted by the primary and not yet spent here. */
  left: number;
  endsAt: number;
  /** The window's count at the primary when the lease was taken, the lease included. */
  counted: number;
  /** Refused by the primary until then: refused here too without asking (ms since the epoch; 0 if not). */
  blockedUntil: number;
}

/**
 * The rate limits of a worker (the request throttle and the sign-in limits alike): every hit is
 * counted in the primary's one store for all workers, so a limit holds however the kernel spreads
 * connections. A large limit is counted a lease at a time: the primary counts `leaseSize(limit)`
 * hits at once and this worker spends them without asking again until they run out or the window
 * ends (one IPC round trip per lease instead of one per request: 0.3 ms of CPU per request under
 * the benchmark's load, issue 17). The limit still holds across workers, since a lease is counted
 * when taken; a lease a worker does not spend before its window ends only makes the limit stricter
 * (by at most a lease per worker: 1/32 of the limit each). A refusal is remembered until the
 * primary's block ends, so a client flooding past its limit costs no round trip either.
 */
export class PrimaryThrottlerStorage implements ThrottlerStorage {
  private readonly held = new Map<string, Held>();
  /** A lease being taken, per key: concurrent hits wait for it instead of each taking one. */
  private readonly taking = new Map<string, Promise<unknown>>();
  /** The number of keys at which the next sweep of lapsed leases runs (doubling, as WindowThrottlerStorage). */
  private sweepAt = 1000;

  constructor(private readonly take: TakeFromPrimary = takeFromPrimary) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    // Only the request throttle is leased: the sign-in limits are counted hit by hit whatever their size.
    const want = name === LEASED_THROTTLER ? leaseSize(limit) : 1;
    if (want < 2) return (await this.take(key, ttl, limit, blockDuration, name, 1)).record;
    const id = `${name}\u0000${key}`;
    for (;;) {
      const spent = this.spend(id);
      if (spent) return spent;
      const inFlight = this.taking.get(id);
      if (!inFlight) break;
      // A lease that could not be taken fails its waiters too (at once, not one timeout after another).
      await inFlight;
    }
    const taking = this.take(key, ttl, limit, blockDuration, name, want);
    this.taking.set(id, taking);
    try {
      const { record, granted, endsAt, blockedUntil } = await taking;
      if (granted > 0 || record.isBlocked) {
        this.held.set(id, {
          left: granted,
          endsAt,
          counted: record.totalHits + granted,
          blockedUntil: record.isBlocked ? blockedUntil : 0,
        });
        if (this.held.size >= this.sweepAt) this.sweep();
      } else this.held.delete(id);
      return record;
    } finally {
      this.taking.delete(id);
    }
  }

  /** A hit from the lease held for `id`, if one is left in a window that has not ended; a refusal while the primary's lasts. */
  private spend(id: string): ThrottlerStorageRecord | undefined {
    const h = this.held.get(id);
    const now = Date.now();
    if (h && h.blockedUntil > now) {
      return {
        totalHits: h.counted,
        timeToExpire: secondsUntil(h.endsAt, now),
        isBlocked: true,
        timeToBlockExpire: secondsUntil(h.blockedUntil, now),
      };
    }
    if (!h || h.left <= 0 || h.endsAt <= now) return undefined;
    h.left--;
    return {
      totalHits: h.counted - h.left,
      timeToExpire: secondsUntil(h.endsAt, now),
      isBlocked: false,
      timeToBlockExpire: 0,
    };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, h] of this.held) if ((h.endsAt <= now || h.left <= 0) && h.blockedUntil <= now) this.held.delete(id);
    this.sweepAt = Math.max(1000, 2 * this.held.size);
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
