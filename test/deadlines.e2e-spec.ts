import { codes, personas, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import { expect } from '@jest/globals';
import type { DeadlinesMyRemindersQuery } from './gql/graphql';

/**
 * Legal deadlines: computed from a victim's facts with their rule named, re-computed when the facts
 * change, met by services, facts or by hand, listed per advocate and per agency, the custodial
 * agency's alone; and the daily pg-boss job that marks them overdue and leaves reminders.
 */
const REGISTER = graphql(`
  mutation DeadlinesRegisterVictim($i: RegisterVictimInput!) {
    registerVictim(input: $i) {
      victim {
        id
        code
        version
        advocate {
          displayName
        }
        identifiedOn
        crimeDate
      }
    }
  }
`);
const VICTIM_DEADLINES = graphql(`
  query DeadlinesVictim2($id: ID!) {
    victim(id: $id) {
      version
      deadlines {
        id
        rule
        dueOn
        remindOn
        status
        metOn
        metBy
        matterId
        description
        version
        assignee {
          displayName
        }
      }
      legalMatters {
        id
        kind
        version
      }
    }
  }
`);
const UPDATE_VICTIM = graphql(`
  mutation DeadlinesUpdateVictim($i: UpdateVictimInput!) {
    updateVictim(input: $i) {
      version
      crimeDate
    }
  }
`);
const RECORD_MATTER = graphql(`
  mutation DeadlinesRecordLegalMatter($i: RecordLegalMatterInput!) {
    recordLegalMatter(input: $i) {
      id
      kind
      version
    }
  }
`);
const UPDATE_MATTER = graphql(`
  mutation DeadlinesUpdateLegalMatter($i: UpdateLegalMatterInput!) {
    updateLegalMatter(input: $i) {
      id
      version
      decidedOn
      outcome
    }
  }
`);
const ADD_SERVICE = graphql(`
  mutation DeadlinesAddService($i: AddServiceInput!) {
    addService(input: $i) {
      id
      version
      status
    }
  }
`);
const UPDATE_SERVICE = graphql(`
  mutation DeadlinesUpdateService($i: UpdateServiceInput!) {
    updateService(input: $i) {
      id
      version
      status
    }
  }
`);
const LIST = graphql(`
  query DeadlinesDeadlines($f: DeadlinesFilter) {
    deadlines(filter: $f) {
      id
      rule
      dueOn
      remindOn
      status
      metOn
      metBy
      matterId
      description
      version
      assignee {
        displayName
      }
      victimCode
    }
  }
`);
const REMINDERS = graphql(`
  query DeadlinesMyReminders {
    myReminders {
      id
      kind
      deadline {
        id
        rule
        status
        victimCode
      }
    }
  }
`);

const NOT_AN_ADVOCATE = '00000000-0000-4000-8000-000000000001';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const plusYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

describe('legal deadlines', () => {
  let t: TestApp;
  let agency: Record<string, string>;
  const { gql, ok, forget } = personas(() => t);
  const deadlinesOf = async (id: string, u = 'lcso.advocate') => (await ok(VICTIM_DEADLINES, { id }, u)).victim;
  const byRule = <D extends { rule: string }>(ds: D[], rule: string) => ds.filter((d) => d.rule === rule);

  async function registerMinor(over: Record<string, unknown> = {}) {
    return (
      await ok(
        REGISTER,
        {
          i: {
            ageBand: 'AGE_15_17',
            minorAtExploitation: true,
            gender: 'FEMALE',
            traffickingType: 'SEX',
            identity: { legalName: 'Kaylee Dawn Redcloud', birthDate: '2010-05-31' },
            crimeDate: day(-20),
            identifiedOn: day(-3),
            ...over,
          },
        },
        'lcso.advocate',
      )
    ).registerVictim.victim;
  }

  beforeAll(async () => {
    t = await startTestApp({}, { keepDatabase: true });
    agency = Object.fromEntries(
      (await t.ownerQuery<{ id: string; short_code: string }>(`SELECT id, short_code FROM agencies`)).map((a) => [a.short_code, a.id]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a minor sex-trafficking victim gets the compensation claim, the mandatory DFS referral and the civil-action window, on the advocate's list", async () => {
    const v = await registerMinor();
    expect(v).toMatchObject({ advocate: { displayName: 'Renee Calloway' }, identifiedOn: day(-3), crimeDate: day(-20) });
    const { deadlines } = await deadlinesOf(v.id);
    expect(deadlines.map((d) => d.rule).sort()).toEqual(['CIVIL_ACTION_WINDOW', 'CVC_CLAIM', 'DFS_REFERRAL']);
    const [cvc] = byRule(deadlines, 'CVC_CLAIM');
    expect(cvc).toMatchObject({ dueOn: plusYears(day(-20), 1), status: 'OPEN', assignee: { displayName: 'Renee Calloway' } });
    // Identified three days ago and not yet referred: the one-day referral is overdue at once.
    expect(byRule(deadlines, 'DFS_REFERRAL')[0]).toMatchObject({ dueOn: day(-2), status: 'OVERDUE' });
    expect(byRule(deadlines, 'CIVIL_ACTION_WINDOW')[0]).toMatchObject({ dueOn: '2031-05-31', status: 'OPEN' });
    // The audit says the civil window was set, never the date (it is the birth date plus 21 years).
    const events = await t.ownerQuery<{ changes: Record<string, { to: unknown }> }>(
      `SELECT changes FROM audit_events WHERE action = 'deadline.recompute' AND record_id = $1`,
      [v.id],
    );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0].changes)).not.toMatch(/2031|2010-05-31/);
    expect(events[0].changes['CIVIL_ACTION_WINDOW|'].to).toBe('[confidential]');

    // The advocate's own list and the agency's; another agency's advocate sees none of it.
    const mine = (await ok(LIST, { f: { mine: true } }, 'lcso.advocate')).deadlines.map((d) => d.id);
    expect(mine).toEqual(expect.arrayContaining(deadlines.map((d) => d.id)));
    const soon = (await ok(LIST, { f: { victimId: v.id, dueWithinDays: 30 } }, 'lcso.supervisor')).deadlines;
    expect(soon.map((d) => d.rule)).toEqual(['DFS_REFERRAL']);
    const [{ id: renee }] = await t.ownerQuery(`SELECT id FROM users WHERE username = 'lcso.advocate'`);
    const perAdvocate = (await ok(LIST, { f: { assigneeId: renee, victimId: v.id } }, 'lcso.supervisor')).deadlines;
    expect(perAdvocate).toHaveLength(3);
    expect((await ok(LIST, { f: { victimId: v.id } }, 'safeharbor.advocate')).deadlines).toEqual([]);
    // The civil-action date gives the birth date away: the agency's investigators (who may not read it) do not see that deadline.
    const investigatorView = (await deadlinesOf(v.id, 'lcso.investigator')).deadlines.map((d) => d.rule).sort();
    expect(investigatorView).toEqual(['CVC_CLAIM', 'DFS_REFERRAL']);
  });

  it('services meet deadlines: the DFS referral is met when the referral is made, and open again if DFS declines it', async () => {
    const v = await registerMinor();
    const s = (
      await ok(ADD_SERVICE, { i: { victimId: v.id, category: 'CHILD_WELFARE_REFERRAL', providerAgencyId: agency.DFS } }, 'lcso.advocate')
    ).addService;
    let dfs = byRule((await deadlinesOf(v.id)).deadlines, 'DFS_REFERRAL')[0];
    expect(dfs).toMatchObject({ status: 'MET', metBy: 'SERVICE', metOn: day(0) });
    // DFS (the provider, not the custodial agency) declines: the deadline is not met any more.
    await ok(
      UPDATE_SERVICE,
      { i: { id: s.id, version: s.version, status: 'DECLINED', outcome: 'Referred to the wrong county office' } },
      'dfs.advocate',
    );
    dfs = byRule((await deadlinesOf(v.id)).deadlines, 'DFS_REFERRAL')[0];
    expect(dfs).toMatchObject({ status: 'OVERDUE', metBy: null, metOn: null });
    // A compensation claim under way meets the claim deadline.
    const cvc = (
      await ok(
        ADD_SERVICE,
        { i: { victimId: v.id, category: 'CRIME_VICTIMS_COMPENSATION', providerAgencyId: agency.DVS } },
        'lcso.advocate',
      )
    ).addService;
    expect(byRule((await deadlinesOf(v.id)).deadlines, 'CVC_CLAIM')[0].status).toBe('OPEN');
    await ok(UPDATE_SERVICE, { i: { id: cvc.id, version: cvc.version, status: 'IN_PROGRESS' } }, 'dvs.advocate');
    expect(byRule((await deadlinesOf(v.id)).deadlines, 'CVC_CLAIM')[0]).toMatchObject({ status: 'MET', metBy: 'SERVICE' });
  });

  it('re-computed when the facts change: a corrected profile withdraws or moves deadlines, a corrected birth date moves the civil window', async () => {
    const v = await registerMinor();
    let version = v.version;
    const update = async (fields: Record<string, unknown>) => {
      const r = (await ok(UPDATE_VICTIM, { i: { id: v.id, version, ...fields } }, 'lcso.advocate')).updateVictim;
      version = r.version;
      return (await deadlinesOf(v.id)).deadlines;
    };
    let ds = await update({ crimeDate: day(-40) });
    expect(byRule(ds, 'CVC_CLAIM')[0].dueOn).toBe(plusYears(day(-40), 1));
    // An adult after all: the minor's rules no longer apply; kept as WITHDRAWN, never deleted.
    ds = await update({ minorAtExploitation: false, ageBand: 'AGE_18_24' });
    expect(byRule(ds, 'DFS_REFERRAL')[0].status).toBe('WITHDRAWN');
    expect(byRule(ds, 'CIVIL_ACTION_WINDOW')[0].status).toBe('WITHDRAWN');
    ds = await update({ minorAtExploitation: true });
    expect(byRule(ds, 'DFS_REFERRAL')[0].status).toBe('OVERDUE');
    ds = await update({ crimeDate: null });
    expect(byRule(ds, 'CVC_CLAIM')[0].status).toBe('WITHDRAWN');

    // The identity is corrected (custodial advocate), sealed again, and the civil window follows the new birth date.
    const read = (
      await ok(
        graphql(`
          query DeadlinesVictim($id: ID!) {
            victim(id: $id) {
              identity(purpose: "Correct the birth date") {
                version
              }
            }
          }
        `),
        { id: v.id },
        'lcso.advocate',
      )
    ).victim.identity;
    const fix = await ok(
      graphql(`
        mutation DeadlinesUpdateVictimIdentity($i: UpdateVictimIdentityInput!) {
          updateVictimIdentity(input: $i) {
            version
            identity {
              legalName
              birthDate
            }
          }
        }
      `),
      { i: { victimId: v.id, version: read.version, reason: 'Birth certificate received from DFS', changes: { birthDate: '2009-12-01' } } },
      'lcso.advocate',
    );
    expect(fix.updateVictimIdentity).toMatchObject({
      version: read.version! + 1,
      identity: { legalName: 'Kaylee Dawn Redcloud', birthDate: '2009-12-01' },
    });
    expect(byRule((await deadlinesOf(v.id)).deadlines, 'CIVIL_ACTION_WINDOW')[0]).toMatchObject({ dueOn: '2030-12-01', status: 'OPEN' });
    const [row] = await t.ownerQuery(`SELECT birth_date FROM victim_identities WHERE victim_id = $1`, [v.id]);
    expect(row.birth_date).toMatch(/^v1:/);
    const [event] = await t.ownerQuery(
      `SELECT purpose, changes FROM audit_events WHERE action = 'victim.identity.update' AND record_id = $1`,
      [v.id],
    );
    expect(event).toMatchObject({
      purpose: 'Birth certificate received from DFS',
      changes: { fields: ['birthDate'], values: '[confidential]' },
    });
    expect(JSON.stringify(event)).not.toContain('2009-12-01');
    // The blind index follows: the corrected name and birth date find the victim.
    const found = await ok(
      graphql(`
        query DeadlinesFindVictims($i: FindVictimInput!) {
          findVictims(input: $i) {
            id
          }
        }
      `),
      { i: { legalName: 'Kaylee Dawn Redcloud', birthDate: '2009-12-01' } },
      'lcso.advocate',
    );
    expect(found.findVictims.map((x) => x.id)).toContain(v.id);

    // Who may correct: not the custodial investigator (NOT an advocate or supervisor), not another agency; stale versions conflict.
    const change = (u: string, ver = read.version! + 1) =>
      gql(
        graphql(`
          mutation DeadlinesUpdateVictimIdentity2($i: UpdateVictimIdentityInput!) {
            updateVictimIdentity(input: $i) {
              version
            }
          }
        `),
        { i: { victimId: v.id, version: ver, reason: 'Correction', changes: { phone: '+1 307 555 0100' } } },
        u,
      );
    expect(codes(await change('lcso.investigator'))).toEqual(['FORBIDDEN']);
    expect(codes(await change('safeharbor.advocate'))).toEqual(['NOT_FOUND']);
    expect(codes(await change('lcso.advocate', read.version!))).toEqual(['CONFLICT']);
    expect(codes(await gql(UPDATE_VICTIM, { i: { id: v.id, version: version - 1, gender: 'MALE' } }, 'lcso.advocate'))).toEqual([
      'CONFLICT',
    ]);
    expect(codes(await gql(UPDATE_VICTIM, { i: { id: v.id, version, crimeDate: day(1) } }, 'lcso.advocate'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(UPDATE_VICTIM, { i: { id: v.id, version, advocateId: NOT_AN_ADVOCATE } }, 'lcso.advocate'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('legal matters: Continued Presence expiry and renewal, a visa declaration awaiting an answer, court dates; bad input changes nothing', async () => {
    const v = (
      await ok(
        REGISTER,
        {
          i: {
            ageBand: 'AGE_25_34',
            minorAtExploitation: false,
            gender: 'MALE',
            traffickingType: 'LABOR',
            identity: { legalName: 'Tomas Quispe Huaman' },
            identifiedOn: day(-120),
          },
        },
        'lcso.advocate',
      )
    ).registerVictim.victim;
    const record = (i: Record<string, unknown>) => gql(RECORD_MATTER, { i: { victimId: v.id, ...i } }, 'lcso.advocate');
    const cp = (await record({ kind: 'CONTINUED_PRESENCE', grantedOn: day(-60), description: 'Sponsored by HSI' })).data!.recordLegalMatter;
    const visa = (await record({ kind: 'T_VISA_DECLARATION', certifyingAgency: 'HSI Casper', requestedOn: day(-100) })).data!
      .recordLegalMatter;
    const court = (await record({ kind: 'COURT_DATE', eventOn: day(3), description: 'Detention hearing' })).data!.recordLegalMatter;
    const past = (await record({ kind: 'COURT_DATE', eventOn: day(-3), description: 'Initial appearance' })).data!.recordLegalMatter;
    let ds = (await deadlinesOf(v.id)).deadlines;
    const expiry = ds.find((d) => d.rule === 'CONTINUED_PRESENCE_EXPIRY');
    expect(expiry).toMatchObject({ matterId: cp.id, dueOn: plusYears(day(-60), 2), status: 'OPEN' });
    expect(byRule(ds, 'CONTINUED_PRESENCE_RENEWAL')[0].dueOn < expiry!.dueOn).toBe(true);
    expect(byRule(ds, 'VISA_DECLARATION_ANSWER')[0]).toMatchObject({ matterId: visa.id, dueOn: day(-10), status: 'OVERDUE' });
    expect(ds.find((d) => d.matterId === court.id)).toMatchObject({
      rule: 'COURT_DATE',
      dueOn: day(3),
      status: 'OPEN',
      remindOn: day(-4),
    });
    expect(ds.find((d) => d.matterId === past.id)).toMatchObject({ status: 'MET', metBy: 'HELD' });

    // The renewal asked and the declaration signed: both met by the facts.
    await ok(UPDATE_MATTER, { i: { id: cp.id, version: cp.version, renewalRequestedOn: day(0) } }, 'lcso.advocate');
    const answered = (
      await ok(UPDATE_MATTER, { i: { id: visa.id, version: visa.version, decidedOn: day(-1), outcome: 'SIGNED' } }, 'lcso.advocate')
    ).updateLegalMatter;
    expect(answered).toMatchObject({ decidedOn: day(-1), outcome: 'SIGNED', version: 2 });
    ds = (await deadlinesOf(v.id)).deadlines;
    expect(byRule(ds, 'CONTINUED_PRESENCE_RENEWAL')[0]).toMatchObject({ status: 'MET', metBy: 'FACTS', metOn: day(0) });
    expect(byRule(ds, 'VISA_DECLARATION_ANSWER')[0]).toMatchObject({ status: 'MET', metBy: 'FACTS', metOn: day(-1) });
    // The hearing moves: the same deadline moves with it.
    await ok(UPDATE_MATTER, { i: { id: court.id, version: court.version, eventOn: day(9) } }, 'lcso.advocate');
    expect((await deadlinesOf(v.id)).deadlines.filter((d) => d.matterId === court.id).map((d) => d.dueOn)).toEqual([day(9)]);

    const before = (await t.ownerQuery(`SELECT count(*)::int AS n FROM legal_matters WHERE victim_id = $1`, [v.id]))[0].n;
    for (const bad of [
      { kind: 'CONTINUED_PRESENCE', lengthMonths: 24 },
      { kind: 'COURT_DATE', eventOn: day(5), description: 'Hearing', grantedOn: day(-1) },
      { kind: 'U_VISA_CERTIFICATION', certifyingAgency: 'CPD', requestedOn: day(-5), decidedOn: day(-1) },
      { kind: 'U_VISA_CERTIFICATION', certifyingAgency: 'CPD', requestedOn: day(-5), decidedOn: day(-6), outcome: 'SIGNED' },
      { kind: 'T_VISA_DECLARATION', certifyingAgency: 'HSI', requestedOn: day(2) },
      { kind: 'COURT_DATE', eventOn: 'next week', description: 'Hearing' },
    ]) {
      const r = await record(bad);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message.length).toBeGreaterThan(10);
    }
    expect(codes(await gql(UPDATE_MATTER, { i: { id: court.id, version: 1, eventOn: day(10) } }, 'lcso.advocate'))).toEqual(['CONFLICT']);
    expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM legal_matters WHERE victim_id = $1`, [v.id]))[0].n).toBe(before);
  });

  it("deadlines are the custodial agency's: a shared-case agency, another advocate, an admin and an auditor see none; RLS agrees", async () => {
    const open = await ok(
      graphql(`
        mutation DeadlinesOpenCase($i: OpenCaseInput!) {
          openCase(input: $i) {
            case {
              id
            }
          }
        }
      `),
      { i: { title: 'Deadline visibility case', traffickingType: 'SEX', assigneeIds: [] } },
      'lcso.investigator',
    );
    const kase = open.openCase.case;
    await ok(
      graphql(`
        mutation DeadlinesShareCase($i: ShareCaseInput!) {
          shareCase(input: $i) {
            id
          }
        }
      `),
      { i: { caseId: kase.id, version: 1, agencyId: agency.DCI, access: 'CONTRIBUTE' } },
      'lcso.investigator',
    );
    const v = await registerMinor({ caseIds: [kase.id] });
    // DCI sees the pseudonymous profile on the shared case, but no deadline and no legal matter.
    expect(await deadlinesOf(v.id, 'dci.investigator')).toMatchObject({ deadlines: [], legalMatters: [] });
    expect((await ok(LIST, { f: { victimId: v.id } }, 'dci.supervisor')).deadlines).toEqual([]);
    expect(
      codes(
        await gql(
          RECORD_MATTER,
          { i: { victimId: v.id, kind: 'COURT_DATE', eventOn: day(4), description: 'x hearing' } },
          'dci.investigator',
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const [d] = (await deadlinesOf(v.id)).deadlines;
    const met = (u: string) =>
      gql(
        graphql(`
          mutation DeadlinesMarkDeadlineMet($i: MarkDeadlineMetInput!) {
            markDeadlineMet(input: $i) {
              status
            }
          }
        `),
        { i: { id: d.id, version: d.version, note: 'Filed on paper' } },
        u,
      );
    expect(codes(await met('dci.investigator'))).toEqual(['NOT_FOUND']);
    for (const u of ['lcso.admin', 'lcso.auditor']) {
      expect(codes(await gql(LIST, {}, u))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(REMINDERS, {}, u))).toEqual(['FORBIDDEN']);
      expect(codes(await met(u))).toEqual(['FORBIDDEN']);
    }
    // Row-level security underneath, as the app role: DCI and an LCSO admin read no deadline rows; the LCSO advocate does.
    const rows = async (u: string) =>
      t.appRoleQuery(
        `SELECT id FROM deadlines WHERE victim_id = $1 UNION ALL SELECT id FROM legal_matters WHERE victim_id = $1`,
        [v.id],
        u,
      );
    expect(await rows('dci.investigator')).toEqual([]);
    expect(await rows('lcso.admin')).toEqual([]);
    expect((await rows('lcso.advocate')).length).toBe(3);

    // Met by hand, with a note, by the custodial agency; a stale version conflicts.
    const done = await ok(
      graphql(`
        mutation DeadlinesMarkDeadlineMet2($i: MarkDeadlineMetInput!) {
          markDeadlineMet(input: $i) {
            status
            metBy
            manualNote
            version
          }
        }
      `),
      { i: { id: d.id, version: d.version, note: 'Filed on paper with the Division of Victim Services' } },
      'lcso.advocate',
    );
    expect(done.markDeadlineMet).toMatchObject({
      status: 'MET',
      metBy: 'MANUAL',
      manualNote: 'Filed on paper with the Division of Victim Services',
    });
    expect(codes(await met('lcso.advocate'))).toEqual(['CONFLICT']);
  });

  it('the demo advocate starts the day with deadlines and reminders drawn from the demo survivors', async () => {
    const reminders = (await ok(REMINDERS, {}, 'lcso.advocate')).myReminders;
    expect(reminders.length).toBeGreaterThanOrEqual(2);
    const kinds = reminders.map((r) => `${r.kind}:${r.deadline.rule}`);
    expect(kinds).toEqual(expect.arrayContaining(['OVERDUE:VISA_DECLARATION_ANSWER', 'DUE_SOON:COURT_DATE']));
    const demo = (await t.ownerQuery(`SELECT code FROM victims ORDER BY created_at, code LIMIT 3`)).map((r) => r.code);
    const list = (await ok(LIST, { f: { mine: true } }, 'lcso.advocate')).deadlines.filter((d) => demo.includes(d.victimCode));
    expect(list.map((d) => d.rule)).toEqual(expect.arrayContaining(['CVC_CLAIM', 'CONTINUED_PRESENCE_EXPIRY', 'CIVIL_ACTION_WINDOW']));
    // The minor's DFS referral was made (DFS is working it): met, so not on the open list.
    expect(list.map((d) => d.rule)).not.toContain('DFS_REFERRAL');
    expect((await ok(REMINDERS, {}, 'safeharbor.advocate')).myReminders.map((r) => r.deadline.rule)).not.toContain('COURT_DATE');
  });

  it('the daily pg-boss job marks deadlines overdue and leaves reminders; a reminder can be dismissed', async () => {
    const v = await registerMinor({ minorAtExploitation: false, ageBand: 'AGE_18_24', traffickingType: 'LABOR' });
    const court = (
      await ok(
        RECORD_MATTER,
        { i: { victimId: v.id, kind: 'COURT_DATE', eventOn: day(30), description: 'Motions hearing' } },
        'lcso.advocate',
      )
    ).recordLegalMatter;
    const [cvc] = byRule((await deadlinesOf(v.id)).deadlines, 'CVC_CLAIM');
    expect(cvc.status).toBe('OPEN');
    // Time passes (simulated in the database): the claim's day is behind us, the hearing is in three days.
    await t.ownerQuery(`UPDATE deadlines SET due_on = current_date - 1, remind_on = current_date - 30 WHERE id = $1`, [cvc.id]);
    await t.ownerQuery(`UPDATE deadlines SET due_on = current_date + 3, remind_on = current_date - 4 WHERE matter_id = $1`, [court.id]);
    expect((await ok(REMINDERS, {}, 'lcso.advocate')).myReminders.filter((r) => r.deadline.victimCode === v.code)).toEqual([]);

    // A server with jobs on: pg-boss schedules the sweep and catches up on start.
    const dbName = t.dbName;
    await t.close();
    t = await startTestApp({ JOBS: 'true' }, { reuseDatabase: dbName });
    forget();
    const [schedule] = await t.ownerQuery(`SELECT name, cron FROM pgboss.schedule WHERE name = 'deadlines-sweep'`);
    expect(schedule).toEqual({ name: 'deadlines-sweep', cron: '15 5 * * *' });
    let mine: DeadlinesMyRemindersQuery['myReminders'] = [];
    for (let i = 0; i < 60 && mine.length < 2; i++) {
      mine = (await ok(REMINDERS, {}, 'lcso.advocate')).myReminders.filter((r) => r.deadline.victimCode === v.code);
      if (mine.length < 2) await new Promise((r) => setTimeout(r, 250));
    }
    expect(mine.map((r) => `${r.kind}:${r.deadline.rule}:${r.deadline.status}`).sort()).toEqual([
      'DUE_SOON:COURT_DATE:OPEN',
      'OVERDUE:CVC_CLAIM:OVERDUE',
    ]);
    const [job] = await t.ownerQuery(`SELECT state, output FROM pgboss.job WHERE name = 'deadlines-sweep' AND state = 'completed' LIMIT 1`);
    expect(job.output).toMatchObject({ reminded: expect.any(Number) });
    // Reminders are personal: another LCSO advocate-less user sees none of them; dismissing removes one.
    expect(
      codes(
        await gql(
          graphql(`
            mutation DeadlinesDismissReminder($id: ID!) {
              dismissReminder(id: $id)
            }
          `),
          { id: mine[0].id },
          'dci.investigator',
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      (
        await ok(
          graphql(`
            mutation DeadlinesDismissReminder2($id: ID!) {
              dismissReminder(id: $id)
            }
          `),
          { id: mine[0].id },
          'lcso.advocate',
        )
      ).dismissReminder,
    ).toBe(true);
    const left = (await ok(REMINDERS, {}, 'lcso.advocate')).myReminders.filter((r) => r.deadline.victimCode === v.code);
    expect(left.map((r) => r.id)).toEqual([mine[1].id]);
  });
});
