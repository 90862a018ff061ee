import { describe, expect, it } from 'vitest';
import { auditSearch, toAuditFilter } from './search';

describe('the audit filters in the URL', () => {
  it('keep what is readable, drop the rest, and never send a blank value', () => {
    const s = auditSearch.parse({
      action: ' auth.login ',
      outcome: 'NOPE',
      recordType: '   ',
      actorUserId: 'not-an-id',
      from: '2026-02-30',
      to: '2026-12-01',
    });
    expect(s).toEqual({ action: 'auth.login', to: '2026-12-01' });
    const f = toAuditFilter(s);
    expect(Object.keys(f).sort()).toEqual(['action', 'to']);
    expect(Object.values(f).every((v) => typeof v === 'string' && v.trim() !== '')).toBe(true);
  });

  it('send days as instants, "to" including its whole day', () => {
    const f = toAuditFilter({ from: '2026-11-01', to: '2026-11-30', outcome: 'DENIED' });
    expect(new Date(f.to!).getTime() - new Date(`2026-11-30T00:00:00`).getTime()).toBe(24 * 3600 * 1000);
    expect(new Date(f.from!).getTime()).toBe(new Date('2026-11-01T00:00:00').getTime());
    expect(f.outcome).toBe('DENIED');
  });
});
