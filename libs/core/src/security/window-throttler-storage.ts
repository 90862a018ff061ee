import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  /** When this window's count starts over (ms since the epoch). */
  endsAt: number;
  /** While later than now, every hit is refused; when it passes, a new window starts. */
  blockedUntil: number;
}

/** A hit counted, and the further hits of its window counted with it for a worker to spend (`take`). */
export interface ThrottleLease {
  record: ThrottlerRecord;
  granted: number;
  /** When the window, and so the granted hits, end (ms since the epoch). */
  endsAt: number;
  /** When refused: until when (ms since the epoch). */
  blockedUntil: number;
}

/** Keys held before the first sweep of ended windows; after each sweep, the next waits for twice the keys left. */
const FIRST_SWEEP = 1000;

/** Whole seconds left until `ms` from now (never negative), as @nestjs/throttler reports them. */
export const secondsUntil = (at: number, now: number): number => Math.max(0, Math.ceil((at - now) / 1000));

/**
 * The rate limits' store (the request throttle and the sign-in limits; in a WORKERS > 1 server, the
 * primary's one store for every worker): a fixed window per throttler and key, O(1) per hit.
 *
 * @nestjs/throttler's own ThrottlerStorageService keeps the expiry of every hit and filters that
 * list on every hit: O(hits in the window) per request, up to the limit of an address (1,200 a
 * minute by default) and, under the benchmark's raised limit, without bound (issue 17: the primary's
 * CPU per request grew with the load). A fixed window lets an address send up to twice its limit
 * across a window's edge, the usual price of a counter; the limits here are a brake on abuse, and
 * the lockout after failed sign-ins is counted in the database.
 *
 * Past its limit a key is blocked for `blockDuration` ms, then starts a new window, as
 * ThrottlerStorageService does.
 */
export class WindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  /** The number of keys at which the next sweep runs: doubling, so a sweep (O(keys)) is amortized O(1) per new key. */
  private sweepAt = FIRST_SWEEP;

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerRecord> {
    return Promise.resolve(this.take(key, ttl, limit, blockDuration, throttlerName, 1).record);
  }

  /**
   * One hit, as `increment`, and when it is allowed up to `want - 1` more hits of the same window
   * counted at once (never past the limit), for a worker to spend without asking again: a lease
   * (PrimaryThrottlerStorage). `granted` is how many more were counted; `endsAt` when they lapse.
   */
  take(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string, want: number): ThrottleLease {
    const now = Date.now();
    const id = `${throttlerName}\u0000${key}`;
    let w = this.windows.get(id);
    if (w && w.blockedUntil > now) return { record: record(w, now, true), granted: 0, endsAt: w.endsAt, blockedUntil: w.blockedUntil };
    if (!w || w.blockedUntil !== 0 || w.endsAt <= now) {
      w = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, w);
      if (this.windows.size >= this.sweepAt) this.sweep(now);
    }
    w.hits++;
    if (w.hits > limit) {
      // No block duration: refused until the window ends (a zero block would open a new window at once).
      w.blockedUntil = blockDuration > 0 ? now + blockDuration : w.endsAt;
      return { record: record(w, now, true), granted: 0, endsAt: w.endsAt, blockedUntil: w.blockedUntil };
    }
    const hit = record(w, now, false);
    const granted = Number.isFinite(want) ? Math.max(0, Math.min(Math.floor(want) - 1, limit - w.hits)) : 0;
    w.hits += granted;
    return { record: hit, granted, endsAt: w.endsAt, blockedUntil: 0 };
  }

  /** The number of keys held (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [id, w] of this.windows) if (w.endsAt <= now && w.blockedUntil <= now) this.windows.delete(id);
    this.sweepAt = Math.max(FIRST_SWEEP, 2 * this.windows.size);
  }
}

function record(w: Window, now: number, isBlocked: boolean): ThrottlerRecord {
  return {
    totalHits: w.hits,
    timeToExpire: secondsUntil(w.endsAt, now),
    isBlocked,
    timeToBlockExpire: isBlocked ? secondsUntil(w.blockedUntil, now) : 0,
  };
}
