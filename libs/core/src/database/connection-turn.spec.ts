import { inTurn } from './connection-turn';

describe('inTurn: the statements of one connection, one after another', () => {
  const later = <T>(ms: number, value: T, log: string[], name: string): (() => Promise<T>) => {
    return () => {
      log.push(`start ${name}`);
      return new Promise((done) =>
        setTimeout(() => {
          log.push(`end ${name}`);
          done(value);
        }, ms),
      );
    };
  };

  it('starts each only when the one before it on the same connection has ended, in the order sent', async () => {
    const log: string[] = [];
    const conn = {};
    const results = await Promise.all([
      inTurn(conn, later(30, 1, log, 'a')),
      inTurn(conn, later(1, 2, log, 'b')),
      inTurn(conn, later(1, 3, log, 'c')),
    ]);
    expect(results).toEqual([1, 2, 3]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps connections apart, and a failed statement neither stops the next nor hides its own error', async () => {
    const log: string[] = [];
    const one = {};
    const other = {};
    const failed = inTurn(one, () => Promise.reject(new Error('refused')));
    const next = inTurn(one, later(1, 'next', log, 'next'));
    const apart = inTurn(other, later(1, 'apart', log, 'apart'));
    expect(log).toEqual(['start apart']);
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
    await expect(apart).resolves.toBe('apart');
  });
});
