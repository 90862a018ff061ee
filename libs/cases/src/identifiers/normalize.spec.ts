import { randomBytes } from 'node:crypto';
import { IdentifierKind } from './identifier-kind';
import {
  blindIndex,
  normalizeAddress,
  normalizeHandle,
  normalizeIdentifier,
  normalizePerson,
  normalizePhone,
  normalizePlate,
} from './normalize';

describe('identifier normalisation (unit)', () => {
  it.each([
    ['(307) 555-0142', '+13075550142'],
    ['307.555.0142', '+13075550142'],
    ['1-307-555-0142', '+13075550142'],
    ['+1 307 555 0142', '+13075550142'],
    ['+52 1 55 1234 5678', '+5215512345678'],
    ['0052 55 1234 5678', '+525512345678'],
  ])('phone %s -> %s', (raw, e164) => expect(normalizePhone(raw)).toBe(e164));

  it.each([['555-0142'], ['call me'], ['+0 123 456 789'], ['+1234567890123456']])('phone %s is not a phone', (raw) =>
    expect(normalizePhone(raw)).toBeNull(),
  );

  it('handles fold case and the leading @', () => {
    expect(normalizeHandle('@Cowgirl_Jobs307')).toBe('cowgirl_jobs307');
    expect(normalizeHandle(' cowgirl_jobs307 ')).toBe('cowgirl_jobs307');
    expect(normalizeHandle('two words')).toBeNull();
  });

  it('plates lose spaces, dashes and case', () => {
    expect(normalizePlate('2-1234 b')).toBe('21234B');
    expect(normalizePlate('2 1234B')).toBe('21234B');
    expect(normalizePlate('-')).toBeNull();
  });

  it('addresses written differently meet in one form', () => {
    const a = normalizeAddress('1420 West Lincolnway, Apt. 3, Cheyenne, Wyoming');
    expect(a).toBe('1420 w lincolnway apt 3 cheyenne wy');
    expect(normalizeAddress('1420 W. LINCOLNWAY #3 CHEYENNE WY')).toBe(a);
    expect(normalizeAddress('Main Street')).toBeNull();
  });

  it('people need a name and a valid birth date; accents, case and middle initials fold away', () => {
    const p = normalizePerson('José  A. Ramírez-López', '1988-04-12');
    expect(p).toBe('jose ramirez lopez|1988-04-12');
    expect(normalizePerson('JOSE RAMIREZ LOPEZ', '1988-04-12')).toBe(p);
    expect(normalizePerson('Jose Ramirez', undefined)).toBeNull();
    expect(normalizePerson('Jose Ramirez', '1988-02-31x')).toBeNull();
    expect(normalizePerson('Cher', '1988-04-12')).toBeNull();
  });

  it('blind indexes match for equal identifiers, differ by kind and by key, and hide the value', () => {
    const key = randomBytes(32);
    const a = blindIndex(key, IdentifierKind.PHONE, normalizeIdentifier(IdentifierKind.PHONE, '(307) 555-0142')!);
    const b = blindIndex(key, IdentifierKind.PHONE, normalizeIdentifier(IdentifierKind.PHONE, '+1 307 555 0142')!);
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(32);
    expect(a.toString('hex')).not.toContain('3075550142');
    expect(blindIndex(key, IdentifierKind.HANDLE, '+13075550142').equals(a)).toBe(false);
    expect(blindIndex(randomBytes(32), IdentifierKind.PHONE, '+13075550142').equals(a)).toBe(false);
  });
});
