/**
 * The value a lookup loaded for a key it was given (an agency of a row just read): a missing one is
 * a bug, not a caller's mistake, so it throws a plain error (INTERNAL), never a silent undefined.
 */
export function loaded<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`${what} ${String(key)} was not loaded`);
  return value;
}
