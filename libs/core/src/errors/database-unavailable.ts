/**
 * Whether an error says the database cannot be reached right now (it is down, restarting, in crash
 * recovery, or dropped the connection), as opposed to a fault in a query. Such errors leave the API
 * as SERVICE_UNAVAILABLE: the caller can try again shortly, and nothing is wrong with what it sent.
 */

/** Socket errors from connecting to, or talking with, the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATEs: class 08 (connection exception); 57P01-57P03 (terminated by an administrator or a crash
 * of another backend, or the server is starting up / shutting down / in recovery); 53300 (too many
 * connections, e.g. while a restarted server is still filling).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** node-postgres and pg-pool say it in words, with no code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  // "Client has encountered a connection error ..." / "Client was closed ..." "... and is not queryable"
  /\bis not queryable\b/i,
  /timeout exceeded when trying to connect/i,
  /connection is not open|not connected/i,
];

/**
 * When a pooled connection last failed (DatabaseModule listens on every pg client). TypeORM releases
 * a query runner whose connection failed, and the next statement of its transaction then throws
 * QueryRunnerAlreadyReleasedError, naming no cause: that is unavailability only right after such a
 * failure. Any other use of a released runner is a bug, and stays INTERNAL.
 */
let connectionLostAt = Number.NEGATIVE_INFINITY;
const RELEASED_AFTER_FAILURE_MS = 30_000;

export function noteConnectionLost(now = Date.now()): void {
  connectionLostAt = now;
}

export function isDatabaseUnavailable(error: unknown, now = Date.now()): boolean {
  if (error instanceof Error && error.name === 'QueryRunnerAlreadyReleasedError') {
    // Ending a transaction on a runner TypeORM already released: its connection broke during the
    // transaction (Db.tx owns every runner's lifetime), even when the pool has not reported the
    // failure yet.
    const endingTransaction = /\.(commitTransaction|rollbackTransaction)\b/.test(error.stack ?? '');
    return endingTransaction || now - connectionLostAt < RELEASED_AFTER_FAILURE_MS;
  }
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    const { code, message, driverError, cause } = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    // TypeORM's QueryFailedError carries pg's error as driverError; an AggregateError (a host with
    // several addresses) its attempts.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x, now))) return true;
    e = driverError ?? cause;
  }
  return false;
}
