/**
 * What no text from a client may hold: a NUL (PostgreSQL refuses it in text and JSON) or a UTF-16
 * surrogate without its pair (no UTF-8 for it: PostgreSQL's JSON refuses it, encodeURI throws).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasUnsafeCharacters(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/** True when any string in a JSON-like value (keys included) holds an unsafe character. */
export function holdsUnsafeText(value: unknown): boolean {
  if (typeof value === 'string') return hasUnsafeCharacters(value);
  if (Array.isArray(value)) return value.some(holdsUnsafeText);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).some(([k, v]) => hasUnsafeCharacters(k) || holdsUnsafeText(v));
  }
  return false;
}

/**
 * A header value fit for logs and audit rows: visible ASCII and spaces only (HTTP allows other
 * bytes, which Node reads as Latin-1), cut to `max`; undefined when nothing is left.
 */
export function headerText(value: string | string[] | undefined, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .slice(0, max);
  return text || undefined;
}
