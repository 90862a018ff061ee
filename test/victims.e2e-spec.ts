import { randomBytes } from 'node:crypto';
import { codes, Doc, personas, runCli, startTestApp, TestApp } from './support/test-app';
import { expectVisibilityMatchesRules } from './support/visibility';
import { graphql } from './gql';
import { expect } from '@jest/globals';

/**
 * Victims: the encrypted identity, who may read it (and why not), consents that end on time,
 * duplicates found by blind index, and a database that holds no identity in plaintext.
 */
const REGISTER = graphql(`
  mutation VictimsRegisterVictim($i: RegisterVictimInput!) {
    registerVictim(input: $i) {
      victim {
        id
        code
        ageBand
        minorAtExploitation
        custodial
        custodialAgency {
          shortCode
        }
        cases {
          caseNumber
        }
        version
      }
      possibleDuplicates {
        code
      }
    }
  }
`);
const IDENTITY = graphql(`
  query VictimsVictim($id: ID!, $p: String!) {
    victim(id: $id) {
      code
      identity(purpose: $p) {
        denial
        released
        identity {
          legalName
          aliases
          birthDate
          phone
          email
          address
          immigrationStatus
          languages
          healthNotes
        }
      }
    }
  }
`);
const RECORD_CONSENT = graphql(`
  mutation VictimsRecordConsent($i: RecordConsentInput!) {
    recordConsent(input: $i) {
      id
      status
      scopes
      expiresOn
      version
      recipientAgency {
        shortCode
      }
    }
  }
`);
const REVOKE_CONSENT = graphql(`
  mutation VictimsRevokeConsent($i: RevokeConsentInput!) {
    revokeConsent(input: $i) {
      id
      status
      version
    }
  }
`);
const VICTIMS = graphql(`
  query VictimsVictims {
    victims(first: 100) {
      edges {
        node {
          id
          code
          custodial
        }
      }
    }
  }
`);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('victims: encrypted identity and consent-bound sharing', () => {
  let t: TestApp;
  let agency: Record<string, string>;
  const { gql } = personas(() => t);
  const identityOf = async (id: string, u: string, purpose = 'Safety planning before the interview') => {
    const r = await gql(IDENTITY, { id, p: purpose }, u);
    expect(r.errors).toBeUndefined();
    return r.data!.victim.identity;
  };

  const identity = {
    legalName: 'Maria Elena Quispe',
    aliases: 'Mari',
    birthDate: '1998-04-17',
    phone: '+1 307 555 0199',
    email: 'mquispe@example.org',
    address: '400 W 19th St, Cheyenne, WY',
    immigrationStatus: 'H-2A, T visa application in preparation',
    languages: 'Spanish, Quechua',
    healthNotes: 'Untreated hand injury; referred to the clinic',
  };
  async function register(u = 'safeharbor.advocate', over: Record<string, unknown> = {}) {
    const r = await gql(
      REGISTER,
      {
        i: {
          ageBand: 'AGE_25_34',
          minorAtExploitation: false,
          gender: 'FEMALE',
          traffickingType: 'LABOR',
          riskFactors: ['RECENT_MIGRATION_OR_RELOCATION'],
          safetyFlags: ['INTERPRETER_NEEDED'],
          identity,
          ...over,
        },
      },
      u,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.registerVictim;
  }
  async function consent(victimId: string, recipient: string, over: Record<string, unknown> = {}) {
    const r = await gql(
      RECORD_CONSENT,
      {
        i: {
          victimId,
          recipientAgencyId: agency[recipient],
          scopes: ['IDENTITY', 'CONTACT'],
          purpose: 'Coordinate the investigation interview',
          signedOn: day(-1),
          expiresOn: day(90),
          witness: 'B. Sandoval',
          ...over,
        },
      },
      'safeharbor.advocate',
    );
    expect(r.errors).toBeUndefined();
    return r.data!.recordConsent;
  }

  beforeAll(async () => {
    t = await startTestApp();
    agency = Object.fromEntries(
      (await t.ownerQuery<{ id: string; short_code: string }>(`SELECT id, short_code FROM agencies`)).map((a) => [a.short_code, a.id]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('registers a victim with a task-force-wide pseudonymous code; the identity is stored as ciphertext only, and audited masked', async () => {
    const { victim, possibleDuplicates } = await register();
    expect(victim).toMatchObject({
      code: expect.stringMatching(/^V-\d{4}-\d{4}$/),
      custodial: true,
      custodialAgency: { shortCode: 'HPSH' },
      version: 1,
    });
    expect(possibleDuplicates).toEqual([]);
    const [row] = await t.ownerQuery(`SELECT * FROM victim_identities WHERE victim_id = $1`, [victim.id]);
    for (const column of [
      'legal_name',
      'aliases',
      'birth_date',
      'phone',
      'email',
      'address',
      'immigration_status',
      'languages',
      'health_notes',
    ]) {
      expect(row[column]).toMatch(/^v1:/);
    }
    expect(JSON.stringify(row)).not.toContain('Quispe');
    const [event] = await t.ownerQuery<{ changes: { identity: { values: unknown } } }>(
      `SELECT changes FROM audit_events WHERE action = 'victim.register' AND record_id = $1`,
      [victim.id],
    );
    expect(event.changes.identity.values).toBe('[confidential]');
    expect(JSON.stringify(event.changes)).not.toMatch(/Quispe|1998-04-17|555 0199/);
  });

  it('the custodial advocate reads the whole identity for a purpose; the read is audited with the purpose and the fields, not the values', async () => {
    const { victim } = await register();
    const read = await identityOf(victim.id, 'safeharbor.advocate', 'Housing application');
    expect(read.denial).toBeNull();
    expect(read.identity).toEqual(identity);
    const [event] = await t.ownerQuery<{ purpose: string; outcome: string; changes: { fields: string[] } }>(
      `SELECT purpose, outcome, changes FROM audit_events WHERE action = 'victim.identity.read' AND record_id = $1`,
      [victim.id],
    );
    expect(event).toMatchObject({ purpose: 'Housing application', outcome: 'SUCCESS' });
    expect(event.changes.fields).toEqual(expect.arrayContaining(['legalName', 'healthNotes']));
    expect(JSON.stringify(event)).not.toMatch(/Quispe|Quechua/);
    expect(codes(await gql(IDENTITY, { id: victim.id, p: ' ' }, 'safeharbor.advocate'))).toEqual(['BAD_USER_INPUT']);
  });

  it('another agency sees nothing without a consent; with one it reads only the consented scopes; expiry and revocation end it on the next request', async () => {
    const { victim } = await register();
    // Not on a shared case and no consent: the victim is invisible to DCI.
    expect(codes(await gql(IDENTITY, { id: victim.id, p: 'Interview' }, 'dci.investigator'))).toEqual(['NOT_FOUND']);
    const c = await consent(victim.id, 'DCI', { scopes: ['CONTACT'] });
    expect(c).toMatchObject({ status: 'LIVE', scopes: ['CONTACT'], recipientAgency: { shortCode: 'DCI' } });
    const contact = await identityOf(victim.id, 'dci.investigator');
    expect(contact.released.sort()).toEqual(['address', 'email', 'phone']);
    expect(contact.identity).toMatchObject({ phone: identity.phone, legalName: null, birthDate: null, healthNotes: null });
    // Other agencies still see nothing.
    expect(codes(await gql(IDENTITY, { id: victim.id, p: 'Interview' }, 'lcso.investigator'))).toEqual(['NOT_FOUND']);

    // Expiry, by the database clock: the very next request is refused with the reason.
    await t.ownerQuery(`UPDATE consents SET signed_on = current_date - 30, expires_on = current_date WHERE id = $1`, [c.id]);
    const lcsoConsent = await consent(victim.id, 'LCSO', { scopes: ['IDENTITY'] });
    const expiredLcso = await t.ownerQuery(
      `UPDATE consents SET signed_on = current_date - 30, expires_on = current_date WHERE id = $1 RETURNING id`,
      [lcsoConsent.id],
    );
    expect(expiredLcso).toHaveLength(1);
    expect(codes(await gql(IDENTITY, { id: victim.id, p: 'Interview' }, 'dci.investigator'))).toEqual(['NOT_FOUND']);

    // Revocation: a fresh consent works, then revoking it ends access at once.
    const again = await consent(victim.id, 'DCI', { scopes: ['IDENTITY'] });
    expect((await identityOf(victim.id, 'dci.investigator')).identity!.legalName).toBe(identity.legalName);
    const revoked = await gql(
      REVOKE_CONSENT,
      { i: { id: again.id, version: 1, reason: 'Survivor withdrew consent' } },
      'safeharbor.advocate',
    );
    expect(revoked.data!.revokeConsent).toMatchObject({ status: 'REVOKED', version: 2 });
    expect(codes(await gql(IDENTITY, { id: victim.id, p: 'Interview' }, 'dci.investigator'))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(REVOKE_CONSENT, { i: { id: again.id, version: 2, reason: 'again' } }, 'safeharbor.advocate'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('on a shared case the profile is visible but the identity is withheld with a reason: NO_CONSENT, CONSENT_EXPIRED, NOT_PERMITTED', async () => {
    const lcso = 'lcso.investigator';
    const open = await gql(
      graphql(`
        mutation VictimsOpenCase($i: OpenCaseInput!) {
          openCase(input: $i) {
            case {
              id
              number
            }
          }
        }
      `),
      { i: { title: 'Ranch workers (victims test)', traffickingType: 'LABOR', assigneeIds: [] } },
      lcso,
    );
    const kase = open.data!.openCase.case;
    // LCSO's own advocate registers the victim on LCSO's case; DCI participates.
    const { victim } = await register('lcso.advocate', { caseIds: [kase.id] });
    expect(victim.cases).toEqual([{ caseNumber: kase.number }]);
    await gql(
      graphql(`
        mutation VictimsShareCase($i: ShareCaseInput!) {
          shareCase(input: $i) {
            id
          }
        }
      `),
      { i: { caseId: kase.id, version: 1, agencyId: agency.DCI, access: 'READ' } },
      lcso,
    );

    const dciView = await identityOf(victim.id, 'dci.investigator');
    expect(dciView).toEqual({ identity: null, denial: 'NO_CONSENT', released: [] });
    // An investigator of the custodial agency who is not assigned to a linked case: NOT_PERMITTED.
    expect((await identityOf(victim.id, 'lcso.investigator')).denial).toBe('NOT_PERMITTED');
    // Assigned: allowed.
    const [{ id: inv }] = await t.ownerQuery(`SELECT id FROM users WHERE username = 'lcso.investigator'`);
    await t.ownerQuery(`UPDATE cases SET assignee_ids = ARRAY[$1::uuid] WHERE id = $2`, [inv, kase.id]);
    expect((await identityOf(victim.id, 'lcso.investigator')).identity!.legalName).toBe(identity.legalName);
    // An expired consent to DCI: CONSENT_EXPIRED.
    await t.ownerQuery(
      `INSERT INTO consents (victim_id, agency_id, recipient_agency_id, scopes, purpose, signed_on, expires_on, created_by)
       SELECT $1, $2, $3, ARRAY['IDENTITY'], 'Interview', current_date - 60, current_date - 1, created_by FROM victims WHERE id = $1`,
      [victim.id, agency.LCSO, agency.DCI],
    );
    expect((await identityOf(victim.id, 'dci.investigator')).denial).toBe('CONSENT_EXPIRED');
    const denials = await t.ownerQuery(
      `SELECT changes->>'denial' AS denial, purpose FROM audit_events WHERE action = 'victim.identity.read' AND outcome = 'DENIED' AND record_id = $1`,
      [victim.id],
    );
    expect(denials.map((d) => d.denial).sort()).toEqual(['CONSENT_EXPIRED', 'NOT_PERMITTED', 'NO_CONSENT']);
    expect(denials.every((d) => d.purpose === 'Safety planning before the interview')).toBe(true);
  });

  it("admins and auditors have no victim access; another agency's advocate does not see the victim", async () => {
    const { victim } = await register();
    for (const u of ['safeharbor.admin', 'lcso.auditor', 'dci.coordinator'])
      expect(codes(await gql(VICTIMS, {}, u))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(IDENTITY, { id: victim.id, p: 'Shelter intake' }, 'dvs.advocate'))).toEqual(['NOT_FOUND']);
    const seen = (await gql(VICTIMS, {}, 'dvs.advocate')).data!.victims.edges.map((e) => e.node.id);
    expect(seen).not.toContain(victim.id);
    // Row-level security underneath: the app role with an admin principal of the custodial agency reads no identity row.
    const rows = await t.appRoleQuery(`SELECT victim_id FROM victim_identities WHERE victim_id = $1`, [victim.id], 'safeharbor.admin');
    expect(rows).toEqual([]);
  });

  it('a likely duplicate (same name and date of birth in the agency) is reported; findVictims searches by blind index', async () => {
    const first = await register('dvs.advocate', { identity: { legalName: 'Ana Lucia Torres', birthDate: '2001-02-03' } });
    const second = await register('dvs.advocate', { identity: { legalName: '  ana lucía TORRES ', birthDate: '2001-02-03' } });
    expect(second.possibleDuplicates.map((v) => v.code)).toEqual([first.victim.code]);
    const found = await gql(
      graphql(`
        query VictimsFindVictims($i: FindVictimInput!) {
          findVictims(input: $i) {
            code
          }
        }
      `),
      { i: { legalName: 'Ana Lucia Torres', birthDate: '2001-02-03' } },
      'dvs.advocate',
    );
    expect(found.data!.findVictims.map((v) => v.code).sort()).toEqual([first.victim.code, second.victim.code].sort());
    // Another agency with the same person finds nothing of DVS's.
    const other = await gql(
      graphql(`
        query VictimsFindVictims2($i: FindVictimInput!) {
          findVictims(input: $i) {
            code
          }
        }
      `),
      { i: { legalName: 'Ana Lucia Torres', birthDate: '2001-02-03' } },
      'safeharbor.advocate',
    );
    expect(other.data!.findVictims).toEqual([]);
  });

  it('consent rules: expiry required and at most a year unless a reason is given; only the custodial agency records; reminders list those ending soon', async () => {
    const { victim } = await register();
    const bad = async (over: Record<string, unknown>, u = 'safeharbor.advocate') =>
      codes(
        await gql(
          RECORD_CONSENT,
          {
            i: {
              victimId: victim.id,
              recipientAgencyId: agency.DCI,
              scopes: ['IDENTITY'],
              purpose: 'Interview',
              signedOn: day(0),
              expiresOn: day(30),
              ...over,
            },
          },
          u,
        ),
      );
    expect(await bad({ expiresOn: day(400) })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ expiresOn: day(-1) })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ signedOn: day(2) })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ recipientAgencyId: agency.HPSH })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({}, 'dvs.advocate')).toEqual(['NOT_FOUND']);
    expect(await bad({}, 'safeharbor.admin')).toEqual(['FORBIDDEN']);
    const [{ n }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM consents WHERE victim_id = $1`, [victim.id]);
    expect(n).toBe(0);
    const long = await consent(victim.id, 'USAO', { expiresOn: day(500), extendedReason: 'Through the end of the federal trial' });
    expect(long.status).toBe('LIVE');
    const soon = await consent(victim.id, 'DCI', { expiresOn: day(10) });
    const reminders = (
      await gql(
        graphql(`
          query VictimsExpiringConsents {
            expiringConsents {
              id
              victimCode
            }
          }
        `),
        {},
        'safeharbor.advocate',
      )
    ).data!.expiringConsents.map((c) => c.id);
    expect(reminders).toContain(soon.id);
    expect(reminders).not.toContain(long.id);
  });

  it('no identity of any victim appears in plaintext anywhere in the database (every table, as a dump would read it)', async () => {
    await register();
    const tables = await t.ownerQuery<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    let dump = '';
    for (const { tablename } of tables) dump += JSON.stringify(await t.ownerQuery(`SELECT * FROM ${tablename}`));
    expect(dump.length).toBeGreaterThan(10_000);
    // The test's own victim and the demo survivors seeded with the database.
    for (const secret of [
      identity.legalName,
      'Quispe',
      identity.birthDate,
      '555 0199',
      identity.email,
      'Quechua',
      'hand injury',
      'Marín Ochoa',
      'Destiny Rae',
      'Li Wen Zhao',
      '2011-03-22',
      '555 0175',
      'U visa eligibility',
    ]) {
      expect(dump).not.toContain(secret);
    }
  });

  it('services: the custodial agency records them and names the provider; the provider moves them along and keeps its own notes; SERVICES consent shows them', async () => {
    const { victim } = await register();
    const add = await gql(
      graphql(`
        mutation VictimsAddService2($i: AddServiceInput!) {
          addService(input: $i) {
            id
            status
            category
            detail
            startedOn
            endedOn
            outcome
            version
            provider {
              shortCode
            }
            victimCode
          }
        }
      `),
      { i: { victimId: victim.id, category: 'IMMIGRATION_RELIEF', detail: 'T visa', providerAgencyId: agency.DVS } },
      'safeharbor.advocate',
    );
    expect(add.errors).toBeUndefined();
    const service = add.data!.addService;
    expect(service).toMatchObject({ status: 'REQUESTED', provider: { shortCode: 'DVS' }, victimCode: victim.code, version: 1 });
    // Only the custodial agency records a victim's services.
    expect(
      codes(
        await gql(
          graphql(`
            mutation VictimsAddService($i: AddServiceInput!) {
              addService(input: $i) {
                id
              }
            }
          `),
          { i: { victimId: victim.id, category: 'HOUSING', providerAgencyId: agency.DVS } },
          'dvs.advocate',
        ),
      ),
    ).toEqual(['FORBIDDEN']);

    // The provider sees it (and the victim's code, not the identity), starts it, and notes it.
    const provided = await gql(
      graphql(`
        query VictimsProvidedServices {
          providedServices {
            id
            victimCode
          }
        }
      `),
      {},
      'dvs.advocate',
    );
    expect(provided.data!.providedServices).toContainEqual({ id: service.id, victimCode: victim.code });
    const UPDATE = graphql(`
      mutation VictimsUpdateService($i: UpdateServiceInput!) {
        updateService(input: $i) {
          id
          status
          category
          detail
          startedOn
          endedOn
          outcome
          version
          provider {
            shortCode
          }
          victimCode
        }
      }
    `);
    const started = await gql(UPDATE, { i: { id: service.id, version: 1, status: 'IN_PROGRESS' } }, 'dvs.advocate');
    expect(started.data!.updateService).toMatchObject({ status: 'IN_PROGRESS', startedOn: day(0), version: 2 });
    expect(codes(await gql(UPDATE, { i: { id: service.id, version: 1, status: 'PROVIDED' } }, 'dvs.advocate'))).toEqual(['CONFLICT']);
    const bad = await gql(UPDATE, { i: { id: service.id, version: 2, status: 'REQUESTED' } }, 'dvs.advocate');
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toMatch(/Allowed next: PROVIDED, DECLINED/);
    const note = await gql(
      graphql(`
        mutation VictimsAddServiceNote($i: AddServiceNoteInput!) {
          addServiceNote(input: $i) {
            id
            body
          }
        }
      `),
      { i: { serviceId: service.id, body: 'Declaration requested from HSI; survivor prefers phone contact via the shelter.' } },
      'dvs.advocate',
    );
    expect(note.errors).toBeUndefined();
    expect(
      codes(
        await gql(
          graphql(`
            mutation VictimsAddServiceNote2($i: AddServiceNoteInput!) {
              addServiceNote(input: $i) {
                id
              }
            }
          `),
          { i: { serviceId: service.id, body: 'custodial note' } },
          'safeharbor.advocate',
        ),
      ),
    ).toEqual(['FORBIDDEN']);

    // The provider's notes stay with the provider: the custodial agency sees the service, not the note.
    const SERVICES_OF = graphql(`
      query VictimsVictim2($id: ID!) {
        victim(id: $id) {
          services {
            id
            status
            notes {
              body
            }
          }
        }
      }
    `);
    const custodialView = (await gql(SERVICES_OF, { id: victim.id }, 'safeharbor.advocate')).data!.victim.services;
    expect(custodialView).toEqual([{ id: service.id, status: 'IN_PROGRESS', notes: [] }]);
    const providerView = (await gql(SERVICES_OF, { id: victim.id }, 'dvs.advocate')).data!.victim.services;
    expect(providerView[0].notes).toHaveLength(1);
    // An agency without a SERVICES consent sees none; with one, it sees the services (not the notes).
    expect(codes(await gql(SERVICES_OF, { id: victim.id }, 'dci.investigator'))).toEqual(['NOT_FOUND']);
    await consent(victim.id, 'DCI', { scopes: ['SERVICES'] });
    const dciView = (await gql(SERVICES_OF, { id: victim.id }, 'dci.investigator')).data!.victim.services;
    expect(dciView).toEqual([{ id: service.id, status: 'IN_PROGRESS', notes: [] }]);
    expect((await identityOf(victim.id, 'dci.investigator')).denial).toBe('NO_CONSENT');

    const done = await gql(
      UPDATE,
      { i: { id: service.id, version: 2, status: 'PROVIDED', outcome: 'T visa application filed' } },
      'dvs.advocate',
    );
    expect(done.data!.updateService).toMatchObject({ status: 'PROVIDED', endedOn: day(0), version: 3 });
    const events = await t.ownerQuery<{ action: string; outcome: string; changes: unknown }>(
      `SELECT action, outcome, changes FROM audit_events WHERE record_id = $1 ORDER BY seq`,
      [service.id],
    );
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'service.add:SUCCESS',
      'service.update:SUCCESS',
      'service_note.add:DENIED',
      'service.update:SUCCESS',
    ]);
    expect(JSON.stringify(events)).not.toContain('T visa application filed');
  });

  it("the sheriff's investigator on a shared case: no consent, then a consent, after expiry, after revocation; never the services or deadlines", async () => {
    const [{ id: massageCase }] = await t.ownerQuery(`SELECT id FROM cases WHERE title = 'Illicit massage business on East Lincolnway'`);
    const { victim } = await register('safeharbor.advocate', { caseIds: [massageCase] });
    const lcso = 'lcso.investigator';
    const VIEW = graphql(`
      query VictimsVictim3($id: ID!, $p: String!) {
        victim(id: $id) {
          code
          services {
            id
          }
          deadlines {
            id
          }
          legalMatters {
            id
          }
          identity(purpose: $p) {
            denial
            released
            identity {
              legalName
              phone
              healthNotes
            }
          }
        }
      }
    `);
    const view = async () => (await gql(VIEW, { id: victim.id, p: 'Interview scheduling' }, lcso)).data!.victim;
    // LCSO contributes to CPD's case: it sees the pseudonymous profile, nothing confidential.
    expect(await view()).toEqual({
      code: victim.code,
      services: [],
      deadlines: [],
      legalMatters: [],
      identity: { denial: 'NO_CONSENT', released: [], identity: null },
    });
    const k = await consent(victim.id, 'LCSO', { scopes: ['IDENTITY'] });
    expect((await view()).identity).toEqual({
      denial: null,
      released: expect.arrayContaining(['legalName']),
      identity: { legalName: identity.legalName, phone: null, healthNotes: null },
    });
    // Revoked: gone on the very next request (a revoked consent is no consent).
    await gql(REVOKE_CONSENT, { i: { id: k.id, version: k.version, reason: 'Survivor asked to stop sharing' } }, 'safeharbor.advocate');
    expect((await view()).identity).toEqual({ denial: 'NO_CONSENT', released: [], identity: null });
    // A new consent, then its last day passes: CONSENT_EXPIRED on the next request.
    const again = await consent(victim.id, 'LCSO', { scopes: ['IDENTITY'] });
    expect((await view()).identity.identity!.legalName).toBe(identity.legalName);
    await t.ownerQuery(`UPDATE consents SET signed_on = current_date - 30, expires_on = current_date WHERE id = $1`, [again.id]);
    expect((await view()).identity).toEqual({ denial: 'CONSENT_EXPIRED', released: [], identity: null });
    // LCSO cannot act on the record either.
    expect(
      codes(
        await gql(
          graphql(`
            mutation VictimsUpdateVictim($i: UpdateVictimInput!) {
              updateVictim(input: $i) {
                id
              }
            }
          `),
          { i: { id: victim.id, version: 1, gender: 'MALE' } },
          lcso,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await gql(
          graphql(`
            mutation VictimsLinkVictimToCase($i: LinkVictimInput!) {
              linkVictimToCase(input: $i) {
                id
              }
            }
          `),
          { i: { victimId: victim.id, caseId: massageCase } },
          lcso,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const reads = await t.ownerQuery(
      `SELECT outcome, changes->>'denial' AS denial, purpose FROM audit_events WHERE action = 'victim.identity.read' AND record_id = $1 AND agency_id = $2 ORDER BY seq`,
      [victim.id, agency.LCSO],
    );
    expect(reads.map((r) => r.denial ?? r.outcome)).toEqual(['NO_CONSENT', 'SUCCESS', 'NO_CONSENT', 'SUCCESS', 'CONSENT_EXPIRED']);
    expect(reads.every((r) => r.purpose === 'Interview scheduling')).toBe(true);
  });

  it('admins, auditors and task-force roles are refused every victim operation, reads and writes alike', async () => {
    const { victim } = await register();
    const id = victim.id;
    const ops: [Doc<unknown> | string, Record<string, unknown>][] = [
      [VICTIMS, {}],
      [`query($id: ID!) { victim(id: $id) { code } }`, { id }],
      [
        `query($i: FindVictimInput!) { findVictims(input: $i) { id } }`,
        { i: { legalName: identity.legalName, birthDate: identity.birthDate } },
      ],
      [`{ expiringConsents { id } }`, {}],
      [`{ providedServices { id } }`, {}],
      [`{ deadlines { id } }`, {}],
      [`{ myReminders { id } }`, {}],
      [
        REGISTER,
        {
          i: {
            ageBand: 'UNKNOWN',
            minorAtExploitation: false,
            gender: 'UNDISCLOSED',
            traffickingType: 'UNDETERMINED',
            identity: { legalName: 'Jane Roe' },
          },
        },
      ],
      [
        RECORD_CONSENT,
        {
          i: {
            victimId: id,
            recipientAgencyId: agency.DCI,
            scopes: ['IDENTITY'],
            purpose: 'x-purpose',
            signedOn: day(0),
            expiresOn: day(5),
          },
        },
      ],
      [`mutation($i: UpdateVictimInput!) { updateVictim(input: $i) { id } }`, { i: { id, version: 1, gender: 'MALE' } }],
      [
        `mutation($i: UpdateVictimIdentityInput!) { updateVictimIdentity(input: $i) { version } }`,
        { i: { victimId: id, version: 1, reason: 'fix it', changes: { phone: '+1 307 555 0111' } } },
      ],
      [
        `mutation($i: AddServiceInput!) { addService(input: $i) { id } }`,
        { i: { victimId: id, category: 'HOUSING', providerAgencyId: agency.DVS } },
      ],
      [
        `mutation($i: RecordLegalMatterInput!) { recordLegalMatter(input: $i) { id } }`,
        { i: { victimId: id, kind: 'COURT_DATE', eventOn: day(3), description: 'Hearing' } },
      ],
    ];
    for (const u of ['safeharbor.admin', 'dci.auditor', 'lcso.admin', 'lcso.auditor', 'dci.coordinator', 'dci.tfadmin']) {
      for (const [q, v] of ops) {
        const r = await gql(q, v, u);
        expect({ u, q: q.slice(0, 40), codes: codes(r) }).toEqual({ u, q: q.slice(0, 40), codes: ['FORBIDDEN'] });
      }
    }
    const [{ n }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM consents WHERE victim_id = $1`, [id]);
    expect(n).toBe(0);
  });

  it('the audit trail holds no identity value, after every kind of read, write and denial in this suite', async () => {
    const events = JSON.stringify(await t.ownerQuery(`SELECT * FROM audit_events`));
    expect(events).toContain('victim.identity.read');
    for (const secret of [
      identity.legalName,
      'Quispe',
      identity.birthDate,
      '555 0199',
      identity.email,
      'Quechua',
      'hand injury',
      'W 19th St',
      'Ana Lucia',
      '2001-02-03',
    ]) {
      expect(events).not.toContain(secret);
    }
  });

  it('the re-encryption job gives an agency a new data key, re-seals its identities, and the running server still reads them', async () => {
    const { victim } = await register();
    expect((await identityOf(victim.id, 'safeharbor.advocate')).identity!.legalName).toBe(identity.legalName);
    const [before] = await t.ownerQuery<{ key_version: number; legal_name: string }>(
      `SELECT key_version, legal_name FROM victim_identities WHERE victim_id = $1`,
      [victim.id],
    );
    const run = await runCli('rotate-data-keys', t, {}, ['HPSH']);
    expect(run.output).toMatch(/HPSH: data key v\d+, \d+ identities re-encrypted/);
    expect(run.code).toBe(0);
    const [after] = await t.ownerQuery(`SELECT key_version, legal_name FROM victim_identities WHERE victim_id = $1`, [victim.id]);
    expect(after.key_version).toBe(before.key_version + 1);
    expect(after.legal_name).not.toBe(before.legal_name);
    const keys = await t.ownerQuery(`SELECT version, retired_at FROM key_ring WHERE owner = $1 ORDER BY version`, [
      `agency:${agency.HPSH}`,
    ]);
    expect(keys.map((k) => [k.version, k.retired_at !== null])).toEqual([
      [before.key_version, true],
      [after.key_version, false],
    ]);
    expect((await identityOf(victim.id, 'safeharbor.advocate')).identity).toEqual(identity);
    // New victims go under the new version.
    const { victim: newer } = await register();
    expect((await t.ownerQuery(`SELECT key_version FROM victim_identities WHERE victim_id = $1`, [newer.id]))[0].key_version).toBe(
      after.key_version,
    );
    expect(
      await t.ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'keys.rotate_data_key' AND agency_id = $1`, [agency.HPSH]),
    ).toHaveLength(1);
  });

  it('row-level security shows every agency exactly the victims, links and case records the sharing rules give it, after all of the above', async () => {
    const reached = await expectVisibilityMatchesRules(t);
    // The suite's data reaches other agencies' victims through shared cases, services and consents.
    expect(reached.linkedToMyCase).toBeGreaterThan(0);
    expect(reached.servedByMe).toBeGreaterThan(0);
    expect(reached.liveConsent).toBeGreaterThan(0);
  });
});

describe('master key rotation', () => {
  it('re-wraps the key ring under a new master key; a server with the new key reads identities and blind indexes as before; the old key is refused', async () => {
    const t = await startTestApp({}, { keepDatabase: true });
    let restarted: TestApp | undefined;
    try {
      const advocate = await t.login('safeharbor.advocate');
      const r = await t.gql(
        REGISTER,
        {
          i: {
            ageBand: 'AGE_18_24',
            minorAtExploitation: true,
            gender: 'FEMALE',
            traffickingType: 'SEX',
            identity: { legalName: 'Kaya Redbird', birthDate: '2007-09-01' },
          },
        },
        advocate,
      );
      const id = r.data!.registerVictim.victim.id;
      const ids = async () => (await t.ownerQuery(`SELECT DISTINCT master_key_id FROM key_ring`)).map((k) => k.master_key_id);
      const [oldId] = await ids();
      await t.close();

      const newKey = randomBytes(32).toString('base64');
      const run = await runCli('rotate-master-key', t, { NEW_MASTER_KEY: newKey });
      expect(run.output).toMatch(/Master key rotated: \d+ keys re-wrapped/);
      expect(run.code).toBe(0);

      restarted = await startTestApp({ MASTER_KEY: newKey }, { reuseDatabase: t.dbName });
      const after = await restarted.ownerQuery(`SELECT DISTINCT master_key_id FROM key_ring`);
      expect(after).toHaveLength(1);
      expect(after[0].master_key_id).not.toBe(oldId);
      const read = await restarted.gql(IDENTITY, { id, p: 'After rotation' }, await restarted.login('safeharbor.advocate'));
      expect(read.data!.victim.identity.identity).toMatchObject({ legalName: 'Kaya Redbird', birthDate: '2007-09-01' });
      // The deconfliction blind index key survived: the seeded LCSO/DCI phone match still matches.
      const check = await restarted.gql(
        graphql(`
          query VictimsCheckIdentifier($i: IdentifierInput!) {
            checkIdentifier(input: $i) {
              agency {
                shortCode
              }
            }
          }
        `),
        { i: { kind: 'PHONE', value: '307-555-0187' } },
        await restarted.login('dci.investigator'),
      );
      expect(check.data!.checkIdentifier.map((m) => m.agency.shortCode)).toContain('LCSO');
      await restarted.close();
      restarted = undefined;
      // The old key no longer opens the ring: the server refuses to start, and says why.
      await expect(startTestApp({}, { reuseDatabase: t.dbName })).rejects.toThrow(/master key does not open key/);
    } finally {
      await restarted?.close();
      const { Client } = await import('pg');
      const a = new Client({ connectionString: process.env.TF_TEST_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${t.dbName} WITH (FORCE)`);
      await a.end();
    }
  });
});
