import { isDatabaseUnavailable, noteConnectionLost } from './database-unavailable';

/** What node-postgres, pg-pool and TypeORM throw while the database is down or restarting, and what they throw otherwise. */
describe('isDatabaseUnavailable', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:54329', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['the postmaster gone (57P01)', withCode('terminating connection due to unexpected postmaster exit', '57P01')],
    ['crash recovery of another backend (57P02)', withCode('terminating connection because of crash of another server process', '57P02')],
    ['starting up / in recovery (57P03)', withCode('the database system is not yet accepting connections', '57P03')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a closed client', new Error('Client was closed and is not queryable')],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    [
      "TypeORM's QueryFailedError around one",
      Object.assign(new Error('query failed'), { driverError: withCode('the database system is starting up', '57P03') }),
    ],
    ['a cause chain', new Error('outer', { cause: new Error('Connection terminated') })],
    ['every address refused', Object.assign(new AggregateError([withCode('x', 'ECONNREFUSED')], 'all failed'), {})],
  ])('%s is unavailability', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a permission refusal', withCode('permission denied for table cases', '42501')],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated'],
    ['nothing', undefined],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('a released query runner', () => {
  const released = () =>
    Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' });

  it('is unavailability right after a pooled connection failed, and a bug (not unavailability) otherwise', () => {
    noteConnectionLost(1_000_000);
    expect(isDatabaseUnavailable(released(), 1_000_000 + 5_000)).toBe(true);
    expect(isDatabaseUnavailable(released(), 1_000_000 + 60_000)).toBe(false);
  });

  it('is unavailability when the transaction could not be ended on it (its connection broke mid-transaction)', () => {
    const atCommit = Object.assign(released(), {
      stack: 'QueryRunnerAlreadyReleasedError: Query runner already released.\n    at PostgresQueryRunner.commitTransaction (x.js:1:1)',
    });
    expect(isDatabaseUnavailable(atCommit, 1_000_000 + 60_000)).toBe(true);
  });
});
