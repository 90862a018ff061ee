import { describe, expect, it } from 'vitest';
import { session } from './session';
import { passwordSchema } from '../routes/account/Account';

const user = {
  userId: 'u1',
  username: 'lcso.investigator',
  displayName: 'Det. Marcus Reyes',
  roles: ['INVESTIGATOR'],
  permissions: ['LEAD_READ', 'CASE_READ'],
  agencyId: 'a1',
  mfaEnabled: false,
};

describe('the session', () => {
  it('lives in memory: signing in keeps the token there and nowhere else; clearing runs every registered cleanup', () => {
    let cleared = 0;
    const off = session.onClear(() => cleared++);
    session.signedIn('token-1', user, { enrolmentRequired: false, idleTimeoutSeconds: 600 });
    expect(session.get()).toMatchObject({ accessToken: 'token-1', idleTimeoutSeconds: 600, enrolmentRequired: false });
    expect(session.can('LEAD_READ')).toBe(true);
    expect(session.can('USER_MANAGE')).toBe(false);
    expect(localStorage.length + sessionStorage.length).toBe(0);
    session.clear('signIn.idle');
    expect(cleared).toBe(1);
    expect(session.get()).toMatchObject({ accessToken: null, user: null, endedBecause: 'signIn.idle' });
    expect(session.can('LEAD_READ')).toBe(false);
    off();
  });

  it('the password form refuses what the API would (short, mismatched) before sending', () => {
    expect(passwordSchema.safeParse({ currentPassword: 'x', newPassword: 'short', again: 'short' }).success).toBe(false);
    expect(passwordSchema.safeParse({ currentPassword: 'x', newPassword: 'long-enough-pass', again: 'long-enough-pasS' }).success).toBe(
      false,
    );
    expect(passwordSchema.safeParse({ currentPassword: 'x', newPassword: 'long-enough-pass', again: 'long-enough-pass' }).success).toBe(
      true,
    );
  });
});
