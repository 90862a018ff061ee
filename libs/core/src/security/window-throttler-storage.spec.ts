import { leaseSize, PrimaryThrottlerStorage, type TakeFromPrimary } from '../cluster/worker-link';
import { WindowThrottlerStorage } from './window-throttler-storage';

/** The clock both stores read, moved by the tests. */
let now: number;
beforeEach(() => {
  now = Date.UTC(2026, 11, 3, 12);
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

describe('WindowThrottlerStorage (the rate limits: a fixed window per throttler and key)', () => {
  it('counts up to the limit, refuses past it for the block, then starts a new window', async () => {
    const s = new WindowThrottlerStorage();
    const hit = () => s.increment('1.2.3.4', 60_000, 3, 30_000, 'default');
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    await hit();
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false });
    now += 1_000;
    expect(await hit()).toEqual({ totalHits: 4, timeToExpire: 59, isBlocked: true, timeToBlockExpire: 30 });
    now += 29_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    now += 1_000;
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('without a block duration, past the limit is refused until the window ends', async () => {
    const s = new WindowThrottlerStorage();
    const hit = () => s.increment('1.2.3.4', 10_000, 2, 0, 'default');
    await hit();
    await hit();
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 10 });
    now += 5_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 5 });
    now += 5_000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('a window that ends starts over; keys and throttlers count apart', async () => {
    const s = new WindowThrottlerStorage();
    for (let i = 0; i < 5; i++) await s.increment('a', 10_000, 5, 10_000, 'default');
    expect(await s.increment('b', 10_000, 5, 10_000, 'default')).toMatchObject({ totalHits: 1 });
    expect(await s.increment('a', 10_000, 5, 10_000, 'login')).toMatchObject({ totalHits: 1 });
    now += 10_000;
    expect(await s.increment('a', 10_000, 5, 10_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets ended windows as new ones open (memory stays bounded by the keys of one window)', async () => {
    const s = new WindowThrottlerStorage();
    for (let i = 0; i < 999; i++) await s.increment(`old-${i}`, 1_000, 10, 1_000, 'default');
    now += 5_000;
    for (let i = 0; i < 1001; i++) await s.increment(`new-${i}`, 1_000, 10, 1_000, 'default');
    expect(s.size).toBeLessThanOrEqual(1001);
    expect(s.size).toBeGreaterThan(0);
  });

  it('take: one hit and up to want - 1 more counted at once, never past the limit', () => {
    const s = new WindowThrottlerStorage();
    expect(s.take('k', 60_000, 10, 0, 'default', 4)).toMatchObject({ record: { totalHits: 1, isBlocked: false }, granted: 3 });
    expect(s.take('k', 60_000, 10, 0, 'default', 4)).toMatchObject({ record: { totalHits: 5 }, granted: 3 });
    // 8 counted: the hit and one more fit; the limit is never granted past.
    expect(s.take('k', 60_000, 10, 0, 'default', 4)).toMatchObject({ record: { totalHits: 9 }, granted: 1 });
    expect(s.take('k', 60_000, 10, 0, 'default', 4)).toMatchObject({ record: { isBlocked: true }, granted: 0 });
  });
});

describe('PrimaryThrottlerStorage (a worker: the primary counts every hit, large limits a lease at a time)', () => {
  /** Two workers over one primary store, counting the round trips they make to it. */
  function cluster() {
    const primary = new WindowThrottlerStorage();
    const asked = { n: 0 };
    const take: TakeFromPrimary = async (...args) => {
      asked.n++;
      await new Promise((r) => setImmediate(r));
      return primary.take(...args);
    };
    return { workers: [new PrimaryThrottlerStorage(take), new PrimaryThrottlerStorage(take)], asked };
  }

  it('a large limit holds across workers, with a round trip per lease instead of per hit', async () => {
    const { workers, asked } = cluster();
    const limit = 1200;
    expect(leaseSize(limit)).toBe(37);
    const results = [];
    // Concurrent hits on both workers, 1,500 in all: a lease is taken once per key and worker at a time.
    for (let round = 0; round < 150; round++) {
      results.push(
        ...(await Promise.all(Array.from({ length: 10 }, (_, i) => workers[i % 2].increment('203.0.113.7', 60_000, limit, 0, 'default')))),
      );
    }
    const allowed = results.filter((r) => !r.isBlocked).length;
    expect(allowed).toBeLessThanOrEqual(limit);
    // Stricter by at most a lease per worker, never looser.
    expect(allowed).toBeGreaterThanOrEqual(limit - 2 * leaseSize(limit));
    expect(asked.n).toBeLessThan(150);
    expect(results.slice(-10).every((r) => r.isBlocked)).toBe(true);
    // Refused past the limit without asking again, until the block ends (here: the window's end).
    const asks = asked.n;
    expect(await workers[1].increment('203.0.113.7', 60_000, limit, 0, 'default')).toMatchObject({ isBlocked: true });
    expect(asked.n).toBe(asks);
    // A new window: leases lapse with it and the address is served again.
    now += 60_000;
    expect(await workers[0].increment('203.0.113.7', 60_000, limit, 0, 'default')).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('a small limit (the sign-in limits) is counted by the primary hit by hit, exactly', async () => {
    const { workers, asked } = cluster();
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await workers[i % 2].increment('lcso.auditor', 900_000, 4, 900_000, 'login'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, false, true, true]);
    expect(asked.n).toBe(6);
    // A sign-in limit raised past the leasing size is still counted attempt by attempt.
    for (let i = 0; i < 3; i++) await workers[i % 2].increment('203.0.113.9', 900_000, 500, 900_000, 'login');
    expect(asked.n).toBe(9);
  });

  it('when the primary cannot answer, every hit waiting on the lease fails with it, at once', async () => {
    let asks = 0;
    const worker = new PrimaryThrottlerStorage(async () => {
      asks++;
      await new Promise((r) => setImmediate(r));
      throw new Error('the primary did not answer the rate limiter in 5 s');
    });
    const hits = await Promise.allSettled(Array.from({ length: 5 }, () => worker.increment('a', 60_000, 1200, 0, 'default')));
    expect(hits.map((h) => h.status)).toEqual(Array(5).fill('rejected'));
    expect(asks).toBe(1);
  });

  it('a lease does not outlive its window, and keys are leased apart', async () => {
    const { workers, asked } = cluster();
    await workers[0].increment('a', 10_000, 640, 0, 'default');
    await workers[0].increment('b', 10_000, 640, 0, 'default');
    expect(asked.n).toBe(2);
    await workers[0].increment('a', 10_000, 640, 0, 'default');
    expect(asked.n).toBe(2);
    now += 10_000;
    expect(await workers[0].increment('a', 10_000, 640, 0, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(asked.n).toBe(3);
  });
});
