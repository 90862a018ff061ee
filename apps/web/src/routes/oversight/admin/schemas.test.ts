import { describe, expect, it } from 'vitest';
import { agencyEditSchema, agencySchema, changed, createUserSchema, present } from './schemas';

const admin = { username: 'acso.admin', displayName: 'Jo Admin', title: '', email: '', password: 'Albany-County-2026!' };

describe('the user and agency forms', () => {
  it("hold a new user to the API's rules", () => {
    expect(createUserSchema.safeParse({ ...admin, roles: ['AUDITOR'] }).success).toBe(true);
    const bad = createUserSchema.safeParse({ ...admin, username: 'Jo Admin', email: 'not-mail', password: 'short', roles: [] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort()).toEqual([
      'email:oversight.v.email',
      'password:oversight.v.password',
      'roles:oversight.v.roles',
      'username:oversight.v.username',
    ]);
    // Task-force roles are not an agency admin's to give.
    expect(createUserSchema.safeParse({ ...admin, roles: ['TASK_FORCE_COORDINATOR'] }).success).toBe(false);
  });

  it('want an ORI of a law-enforcement agency, and upper-case its codes', () => {
    const agency = {
      name: 'Albany County',
      shortCode: 'acso',
      level: 'COUNTY',
      kind: 'LAW_ENFORCEMENT',
      ori: '',
      contactName: '',
      contactPhone: '',
      contactEmail: '',
      firstAdmin: admin,
    };
    const noOri = agencySchema.safeParse(agency);
    expect(noOri.error!.issues.map((i) => i.message)).toEqual(['oversight.v.oriRequired']);
    const ok = agencySchema.parse({ ...agency, ori: 'wy0010000' });
    expect([ok.shortCode, ok.ori]).toEqual(['ACSO', 'WY0010000']);
    expect(agencySchema.safeParse({ ...agency, kind: 'VICTIM_SERVICES' }).success).toBe(true);
    expect(
      agencyEditSchema
        .safeParse({ name: 'A', ori: '', contactName: '', contactPhone: 'call me', contactEmail: '', active: true })
        .error!.issues.map((i) => i.message)
        .sort(),
    ).toEqual(['oversight.v.agencyName', 'oversight.v.phone']);
  });

  it('never send a blank value, and send only what changed', () => {
    expect(present({ title: '', email: 'a@b.example', x: undefined })).toEqual({ email: 'a@b.example' });
    const before = { name: 'Albany', ori: 'WY0010000', contactName: 'Jo', contactPhone: '', active: true };
    expect(changed(before, { name: 'Albany', ori: 'WY0010000', contactName: '', contactPhone: '+1 307 555 0100', active: false })).toEqual({
      contactPhone: '+1 307 555 0100',
      active: false,
    });
  });
});
