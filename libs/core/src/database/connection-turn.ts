/**
 * Statements of one connection, sent one after another. A GraphQL read request runs in one
 * transaction on one connection (request-transaction.ts) while its root fields and loaders resolve
 * side by side; node-postgres queues a query sent to a busy client only with a deprecation warning,
 * and pg 9 drops that queue. Each statement waits here for the one before it on the same connection
 * (keyed by its query runner), so the order and the outcome stay what the queue gave, and a COMMIT
 * waits for the reads still in flight.
 */
const tails = new WeakMap<object, Promise<void>>();

export function inTurn<T>(connection: object, send: () => Promise<T>): Promise<T> {
  const before = tails.get(connection);
  const sent = before ? before.then(send) : send();
  const tail = sent.then(
    () => undefined,
    () => undefined,
  );
  tails.set(connection, tail);
  void tail.then(() => {
    if (tails.get(connection) === tail) tails.delete(connection);
  });
  return sent;
}
