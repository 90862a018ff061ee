import { createHmac } from 'node:crypto';
import { IdentifierKind } from './identifier-kind';

/**
 * Canonical forms of identifiers, so that the same phone, handle, plate, address or person written
 * differently by two agencies produces the same keyed blind index. Pure functions (no Nest), unit
 * tested in normalize.spec.ts. Returns null when the value cannot be a valid identifier of its kind.
 */

/** Phones to E.164. Numbers without a country code are taken as North American (+1). */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  if (!international) {
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length !== 10) return null;
    digits = '1' + digits;
  }
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return null;
  return '+' + digits;
}

/** Online handles: lower-case, without a leading @ or surrounding spaces. */
export function normalizeHandle(raw: string): string | null {
  const h = raw.trim().replace(/^@+/, '').toLowerCase();
  return h.length >= 2 && h.length <= 100 && !/\s/.test(h) ? h : null;
}

/** Vehicle plates: upper-case letters and digits only (spaces, dashes and dots removed). */
export function normalizePlate(raw: string): string | null {
  const p = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return p.length >= 2 && p.length <= 10 ? p : null;
}

const ADDRESS_WORDS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  drive: 'dr',
  boulevard: 'blvd',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  highway: 'hwy',
  parkway: 'pkwy',
  circle: 'cir',
  terrace: 'ter',
  trail: 'trl',
  suite: 'ste',
  apartment: 'apt',
  unit: 'apt',
  '#': 'apt',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
  'p.o.': 'po',
  box: 'box',
  wyoming: 'wy',
};

/** Street addresses: lower-case, punctuation folded, USPS-style abbreviations, single spaces. */
export function normalizeAddress(raw: string): string | null {
  const words = fold(raw)
    .replace(/#/g, ' # ')
    .replace(/[.,;:]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ADDRESS_WORDS[w] ?? w);
  const a = words.join(' ');
  return a.length >= 5 && /\d/.test(a) ? a : null;
}

/** Lower-case, accents removed, apostrophes and hyphens folded, single spaces. */
function fold(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A person: folded name (word order kept, middle initials dropped) and ISO birth date. Both are
 * needed; a name alone is too weak to deconflict on.
 */
export function normalizePerson(name: string, birthDate: string | undefined): string | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || Number.isNaN(Date.parse(birthDate + 'T00:00:00Z'))) return null;
  const words = fold(name)
    .replace(/[^a-z ]/g, '')
    .split(' ')
    .filter((w) => w.length > 1);
  return words.length >= 2 ? `${words.join(' ')}|${birthDate}` : null;
}

export function normalizeIdentifier(kind: IdentifierKind, value: string, birthDate?: string): string | null {
  switch (kind) {
    case IdentifierKind.PHONE:
      return normalizePhone(value);
    case IdentifierKind.HANDLE:
      return normalizeHandle(value);
    case IdentifierKind.PLATE:
      return normalizePlate(value);
    case IdentifierKind.ADDRESS:
      return normalizeAddress(value);
    case IdentifierKind.PERSON:
      return normalizePerson(value, birthDate);
  }
}

/**
 * The keyed blind index: HMAC-SHA-256 under a task-force deconfliction key, over kind and canonical
 * form. Equal identifiers match across agencies; the index reveals nothing without the key.
 */
export function blindIndex(key: Buffer, kind: IdentifierKind, normalized: string): Buffer {
  return createHmac('sha256', key).update(`${kind}\u0000${normalized}`).digest();
}
