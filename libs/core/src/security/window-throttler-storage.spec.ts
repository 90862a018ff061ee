import { WindowThrottlerStorage } from './window-throttler-storage';

describe('WindowThrottlerStorage (the rate limits: a fixed window per throttler and key)', () => {
  let now: number;
  beforeEach(() => {
    now = Date.UTC(2026, 11, 3, 12);
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

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
});
