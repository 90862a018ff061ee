import { codes, GqlError, GqlResult, Row, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import type { CasesCaseQuery, TypedDocumentString } from './gql/graphql';
import { expect } from '@jest/globals';

/**
 * Cases end to end, as the demo personas: opening (directly and from a lead) with gap-free
 * numbers, the status machine and closing, optimistic concurrency, sharing with other agencies
 * (READ / CONTRIBUTE / revoked / never shared), what each role may do, subjects with
 * deconfliction, charges against the statute catalogue, notes, tasks, the audit trail, and the
 * row-level security underneath. Every test opens its own cases, so seeded cases do not matter.
 */

type Principal = { userId: string; agencyId: string; taskForceId: string; roles: string[] };
/** An audit event's `changes` (jsonb): what the test compares, field by field. */
type Changes = Record<string, unknown>;
interface AuditRow {
  action: string;
  outcome: string;
  actor_username: string | null;
  agency_id: string | null;
  subject_agency_id: string | null;
  record_id: string | null;
  changes: Changes;
  request_id: string | null;
}

const YEAR = new Date().getUTCFullYear();
const TODAY = new Date().toISOString().slice(0, 10);
const TOMORROW = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const PATH = ['OPEN', 'ACTIVE', 'REFERRED_FOR_PROSECUTION', 'CHARGED', 'ADJUDICATED'] as const;

const OPS = {
  openCase: graphql(`
    mutation CasesOpenCase($i: OpenCaseInput!) {
      openCase(input: $i) {
        case {
          id
          number
          title
          summary
          traffickingType
          venue
          meansOfControl
          controlDetail
          state
          counties
          status
          closure
          closedReason
          closedAt
          myAccess
          leadId
          version
          subjectCount
          openTaskCount
          participantCount
          leadAgency {
            shortCode
          }
          assignees {
            id
            displayName
          }
          identifiers {
            kind
            value
            birthDate
            source
            sourceId
          }
        }
        deconfliction {
          kind
          agency {
            id
            name
            shortCode
            contactName
            contactPhone
          }
        }
      }
    }
  `),
  promoteLead: graphql(`
    mutation CasesPromoteLead($i: PromoteLeadInput!) {
      promoteLead(input: $i) {
        id
        number
        title
        summary
        traffickingType
        venue
        meansOfControl
        controlDetail
        state
        counties
        status
        closure
        closedReason
        closedAt
        myAccess
        leadId
        version
        subjectCount
        openTaskCount
        participantCount
        leadAgency {
          shortCode
        }
        assignees {
          id
          displayName
        }
        identifiers {
          kind
          value
          birthDate
          source
          sourceId
        }
      }
    }
  `),
  updateCase: graphql(`
    mutation CasesUpdateCase($i: UpdateCaseInput!) {
      updateCase(input: $i) {
        id
        number
        title
        summary
        traffickingType
        venue
        meansOfControl
        controlDetail
        state
        counties
        status
        closure
        closedReason
        closedAt
        myAccess
        leadId
        version
        subjectCount
        openTaskCount
        participantCount
        leadAgency {
          shortCode
        }
        assignees {
          id
          displayName
        }
      }
    }
  `),
  setCaseStatus: graphql(`
    mutation CasesSetCaseStatus($i: SetCaseStatusInput!) {
      setCaseStatus(input: $i) {
        id
        number
        title
        summary
        traffickingType
        venue
        meansOfControl
        controlDetail
        state
        counties
        status
        closure
        closedReason
        closedAt
        myAccess
        leadId
        version
        subjectCount
        openTaskCount
        participantCount
        leadAgency {
          shortCode
        }
        assignees {
          id
          displayName
        }
      }
    }
  `),
  closeCase: graphql(`
    mutation CasesCloseCase($i: CloseCaseInput!) {
      closeCase(input: $i) {
        id
        number
        title
        summary
        traffickingType
        venue
        meansOfControl
        controlDetail
        state
        counties
        status
        closure
        closedReason
        closedAt
        myAccess
        leadId
        version
        subjectCount
        openTaskCount
        participantCount
        leadAgency {
          shortCode
        }
        assignees {
          id
          displayName
        }
      }
    }
  `),
  shareCase: graphql(`
    mutation CasesShareCase($i: ShareCaseInput!) {
      shareCase(input: $i) {
        id
        number
        title
        summary
        traffickingType
        venue
        meansOfControl
        controlDetail
        state
        counties
        status
        closure
        closedReason
        closedAt
        myAccess
        leadId
        version
        subjectCount
        openTaskCount
        participantCount
        leadAgency {
          shortCode
        }
        assignees {
          id
          displayName
        }
        participants {
          access
          agency {
            shortCode
          }
        }
      }
    }
  `),
  revokeCaseShare: graphql(`
    mutation CasesRevokeCaseShare($i: RevokeCaseShareInput!) {
      revokeCaseShare(input: $i) {
        id
        number
        title
        summary
        traffickingType
        venue
        meansOfControl
        controlDetail
        state
        counties
        status
        closure
        closedReason
        closedAt
        myAccess
        leadId
        version
        subjectCount
        openTaskCount
        participantCount
        leadAgency {
          shortCode
        }
        assignees {
          id
          displayName
        }
        participants {
          access
          agency {
            shortCode
          }
        }
      }
    }
  `),
  addSubject: graphql(`
    mutation CasesAddSubject($i: AddSubjectInput!) {
      addSubject(input: $i) {
        subject {
          id
          role
          displayName
          description
          status
          version
          addedBy {
            shortCode
          }
        }
        deconfliction {
          kind
          agency {
            id
            name
            shortCode
            contactName
            contactPhone
          }
        }
      }
    }
  `),
  updateSubject: graphql(`
    mutation CasesUpdateSubject($i: UpdateSubjectInput!) {
      updateSubject(input: $i) {
        id
        role
        displayName
        description
        status
        version
        addedBy {
          shortCode
        }
      }
    }
  `),
  addCharge: graphql(`
    mutation CasesAddCharge($i: AddChargeInput!) {
      addCharge(input: $i) {
        id
        subjectId
        counts
        filedOn
        disposition
        dispositionOn
        sentence
        version
        recordedBy {
          shortCode
        }
        statute {
          code
          citation
          jurisdiction
          nibrs
        }
      }
    }
  `),
  updateCharge: graphql(`
    mutation CasesUpdateCharge($i: UpdateChargeInput!) {
      updateCharge(input: $i) {
        id
        subjectId
        counts
        filedOn
        disposition
        dispositionOn
        sentence
        version
        recordedBy {
          shortCode
        }
        statute {
          code
          citation
          jurisdiction
          nibrs
        }
      }
    }
  `),
  addCaseNote: graphql(`
    mutation CasesAddCaseNote($i: AddCaseNoteInput!) {
      addCaseNote(input: $i) {
        id
        body
        authorName
        createdAt
        agency {
          shortCode
        }
      }
    }
  `),
  addCaseTask: graphql(`
    mutation CasesAddCaseTask($i: AddCaseTaskInput!) {
      addCaseTask(input: $i) {
        id
        title
        assigneeId
        assigneeName
        dueOn
        done
        doneAt
        version
        agency {
          shortCode
        }
      }
    }
  `),
  updateCaseTask: graphql(`
    mutation CasesUpdateCaseTask($i: UpdateCaseTaskInput!) {
      updateCaseTask(input: $i) {
        id
        title
        assigneeId
        assigneeName
        dueOn
        done
        doneAt
        version
        agency {
          shortCode
        }
      }
    }
  `),
  linkVictimToCase: graphql(`
    mutation CasesLinkVictimToCase($i: LinkVictimInput!) {
      linkVictimToCase(input: $i) {
        id
        cases {
          caseId
        }
      }
    }
  `),
  registerVictim: graphql(`
    mutation CasesRegisterVictim($i: RegisterVictimInput!) {
      registerVictim(input: $i) {
        victim {
          id
          code
        }
      }
    }
  `),
  sendCaseReferral: graphql(`
    mutation CasesSendCaseReferral($i: SendCaseReferralInput!) {
      sendCaseReferral(input: $i) {
        id
        status
        version
      }
    }
  `),
  acceptReferral: graphql(`
    mutation CasesAcceptReferral($i: ReferralAnswerInput!) {
      acceptReferral(input: $i) {
        id
        status
        version
      }
    }
  `),
  createLead: graphql(`
    mutation CasesCreateLead($i: CreateLeadInput!) {
      createLead(input: $i) {
        lead {
          id
          reference
          status
          version
        }
      }
    }
  `),
  triageLead: graphql(`
    mutation CasesTriageLead($i: TriageLeadInput!) {
      triageLead(input: $i) {
        id
        status
        version
      }
    }
  `),
  closeLead: graphql(`
    mutation CasesCloseLead($i: CloseLeadInput!) {
      closeLead(input: $i) {
        id
        status
        version
      }
    }
  `),
};
type Op = keyof typeof OPS;
/** What the operation `O` answers under its own name (each of OPS selects one root field named like its key). */
type OpResult<O extends Op> =
  (typeof OPS)[O] extends TypedDocumentString<infer R, infer _V> ? (R extends Record<O, infer F> ? F : never) : never;

const CASE_QUERY = graphql(`
  query CasesCase($id: ID!) {
    case(id: $id) {
      id
      number
      title
      summary
      traffickingType
      venue
      meansOfControl
      controlDetail
      state
      counties
      status
      closure
      closedReason
      closedAt
      myAccess
      leadId
      version
      subjectCount
      openTaskCount
      participantCount
      leadAgency {
        shortCode
      }
      assignees {
        id
        displayName
      }
      participants {
        access
        agency {
          shortCode
        }
      }
      subjects {
        id
        role
        displayName
        description
        status
        version
        addedBy {
          shortCode
        }
      }
      charges {
        id
        subjectId
        counts
        filedOn
        disposition
        dispositionOn
        sentence
        version
        recordedBy {
          shortCode
        }
        statute {
          code
          citation
          jurisdiction
          nibrs
        }
      }
      notes {
        id
        body
        authorName
        createdAt
        agency {
          shortCode
        }
      }
      tasks {
        id
        title
        assigneeId
        assigneeName
        dueOn
        done
        doneAt
        version
        agency {
          shortCode
        }
      }
      identifiers {
        kind
        value
        birthDate
        source
        sourceId
      }
    }
  }
`);
const CASES_QUERY = graphql(`
  query CasesCases($f: CaseFilter, $first: Int) {
    cases(filter: $f, first: $first) {
      edges {
        node {
          id
          number
          myAccess
        }
      }
    }
  }
`);
const LEAD_QUERY = graphql(`
  query CasesLead($id: ID!) {
    lead(id: $id) {
      id
      status
      version
      caseId
    }
  }
`);
const STATUTES = graphql(`
  query CasesStatutes {
    statutes {
      code
      jurisdiction
      citation
      title
      nibrs
    }
  }
`);
const NOTICES = graphql(`
  query CasesDeconflictionNotices {
    deconflictionNotices(first: 100) {
      edges {
        node {
          kind
          identifierValue
          otherAgency {
            shortCode
          }
        }
      }
    }
  }
`);

const caseNumber = (code: string, n: number) => `${code}-${YEAR}-${String(n).padStart(4, '0')}`;

function caseInput(overrides: Record<string, unknown> = {}) {
  return { title: 'Ranch hands housed in a trailer', traffickingType: 'LABOR', counties: ['Laramie'], ...overrides };
}

function leadInput(overrides: Record<string, unknown> = {}) {
  return {
    source: 'HOTLINE',
    receivedAt: '2026-10-02T15:30:00Z',
    suspectedType: 'LABOR',
    county: 'Laramie',
    city: 'Cheyenne',
    venue: 'AGRICULTURE_ANIMAL_HUSBANDRY',
    indicators: ['CONTROLLED_IDENTITY_DOCUMENTS'],
    narrative: 'Caller reports ranch hands housed in a trailer, passports held by the foreman.',
    identifiers: [],
    ...overrides,
  };
}

describe('cases, as the personas', () => {
  let t: TestApp;
  /** Agencies by short code, users by username (ids and what the tests compare against). */
  let agency: Record<string, { id: string; name: string; contactName: string; contactPhone: string }>;
  let user: Record<string, { id: string; agencyId: string; roles: string[] }>;
  const tokens = new Map<string, Promise<string>>();

  const as = (username: string): Promise<string> => {
    if (!tokens.has(username)) tokens.set(username, t.login(username));
    return tokens.get(username)!;
  };

  /** Runs one of OPS as `username`. */
  async function call<O extends Op>(op: O, input: Record<string, unknown>, username: string): Promise<GqlResult<Record<O, OpResult<O>>>> {
    // The document's text, answered as the type its generated result gives for the chosen key.
    return t.gql<Record<O, OpResult<O>>>(OPS[op].toString(), { i: input }, await as(username));
  }

  /** Runs one of OPS and returns its result, failing the test with the errors if there were any. */
  async function ok<O extends Op>(op: O, input: Record<string, unknown>, username: string): Promise<OpResult<O>> {
    const r = await call(op, input, username);
    if (r.errors || r.data === undefined) throw new Error(`${op} as ${username} failed: ${JSON.stringify(r.errors)}`);
    return r.data[op];
  }

  /** Runs one of OPS expecting exactly one error with `code` and no data; returns the error. */
  async function refused(op: Op, input: Record<string, unknown>, username: string, code: string): Promise<GqlError> {
    const r = await call(op, input, username);
    expect({ op, username, codes: codes(r) }).toEqual({ op, username, codes: [code] });
    expect(r.data?.[op] ?? null).toBeNull();
    return r.errors![0];
  }

  async function readCase(id: string, username: string): Promise<GqlResult<CasesCaseQuery>> {
    return t.gql(CASE_QUERY, { id }, await as(username));
  }

  async function visibleCase(id: string, username: string): Promise<CasesCaseQuery['case']> {
    const r = await readCase(id, username);
    if (r.errors || r.data === undefined) throw new Error(`case(${id}) as ${username} failed: ${JSON.stringify(r.errors)}`);
    return r.data.case;
  }

  async function listedIds(username: string, filter?: Record<string, unknown>): Promise<string[]> {
    const r = await t.gql(CASES_QUERY, { f: filter, first: 100 }, await as(username));
    if (r.errors) throw new Error(`cases as ${username} failed: ${JSON.stringify(r.errors)}`);
    return r.data!.cases.edges.map((e) => e.node.id);
  }

  async function openCase(username = 'lcso.investigator', overrides: Record<string, unknown> = {}) {
    return (await ok('openCase', caseInput(overrides), username)).case;
  }

  /** The case's current version, from the database. */
  async function version(caseId: string): Promise<number> {
    const [r] = await t.ownerQuery<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [caseId]);
    return r.version;
  }

  async function share(caseId: string, code: string, access: 'READ' | 'CONTRIBUTE', username = 'lcso.investigator') {
    return ok('shareCase', { caseId, version: await version(caseId), agencyId: agency[code].id, access }, username);
  }

  async function setStatus(caseId: string, status: string, username = 'lcso.investigator') {
    return ok('setCaseStatus', { id: caseId, version: await version(caseId), status }, username);
  }

  /** Walks a fresh case along the main path up to `status`. */
  async function walkTo(caseId: string, status: (typeof PATH)[number]): Promise<void> {
    for (const s of PATH.slice(1, PATH.indexOf(status) + 1)) await setStatus(caseId, s);
  }

  async function addSubject(caseId: string, username = 'lcso.investigator', overrides: Record<string, unknown> = {}) {
    return (await ok('addSubject', { caseId, role: 'TRAFFICKER', displayName: 'Dale "Boss" Burns', ...overrides }, username)).subject;
  }

  /**
   * Everything about a case in the database, for "changed nothing" assertions: the row itself and
   * how many of each thing hang off it.
   */
  async function caseState(caseId: string): Promise<Row> {
    const [row] = await t.ownerQuery(
      `SELECT c.*,
         (SELECT count(*)::int FROM subjects WHERE case_id = c.id) AS n_subjects,
         (SELECT json_agg(s.* ORDER BY s.id) FROM subjects s WHERE s.case_id = c.id) AS subject_rows,
         (SELECT count(*)::int FROM charges WHERE case_id = c.id) AS n_charges,
         (SELECT json_agg(ch.* ORDER BY ch.id) FROM charges ch WHERE ch.case_id = c.id) AS charge_rows,
         (SELECT json_agg(n.* ORDER BY n.id) FROM case_notes n WHERE n.case_id = c.id) AS note_rows,
         (SELECT json_agg(vc.* ORDER BY vc.victim_id) FROM victim_cases vc WHERE vc.case_id = c.id) AS victim_link_rows,
         (SELECT json_agg(r.* ORDER BY r.id) FROM referrals r WHERE r.case_id = c.id) AS referral_rows,
         (SELECT json_agg(k.* ORDER BY k.id) FROM case_tasks k WHERE k.case_id = c.id) AS task_rows,
         (SELECT json_agg(p.* ORDER BY p.id) FROM case_participants p WHERE p.case_id = c.id) AS participant_rows,
         (SELECT count(*)::int FROM identifiers WHERE case_id = c.id) AS n_identifiers
       FROM cases c WHERE c.id = $1`,
      [caseId],
    );
    expect(row).toBeDefined();
    return row;
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [r] = await t.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return r.n;
  }

  /** How many cases of the agency carry this year's numbers (the demo seed may have some). */
  const numbered = (code: string) =>
    count(`cases c JOIN agencies a ON a.id = c.agency_id WHERE a.short_code = $1 AND c.number LIKE $2`, [code, `${code}-${YEAR}-%`]);

  const events = (action: string, recordId: string, outcome = 'SUCCESS') =>
    t.ownerQuery<AuditRow>(
      `SELECT e.action, e.outcome, e.actor_username, e.agency_id, e.subject_agency_id, e.record_id, e.changes, e.request_id
       FROM audit_events e WHERE e.action = $1 AND e.record_id = $2 AND e.outcome = $3 ORDER BY e.seq`,
      [action, recordId, outcome],
    );

  async function principalOf(username: string): Promise<Principal> {
    const u = user[username];
    const [tf] = await t.ownerQuery<{ task_force_id: string }>(`SELECT task_force_id FROM agencies WHERE id = $1`, [u.agencyId]);
    return { userId: u.id, agencyId: u.agencyId, taskForceId: tf.task_force_id, roles: u.roles };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const agencies = await t.ownerQuery<{ id: string; name: string; short_code: string; contact_name: string; contact_phone: string }>(
      `SELECT id, name, short_code, contact_name, contact_phone FROM agencies`,
    );
    agency = Object.fromEntries(
      agencies.map((a) => [a.short_code, { id: a.id, name: a.name, contactName: a.contact_name, contactPhone: a.contact_phone }]),
    );
    const users = await t.ownerQuery<{ id: string; username: string; agency_id: string; roles: string[] }>(
      `SELECT id, username, agency_id, roles FROM users`,
    );
    user = Object.fromEntries(users.map((u) => [u.username, { id: u.id, agencyId: u.agency_id, roles: u.roles }]));
    expect(user['safeharbor.advocate'].agencyId).toBe(agency.HPSH.id);
    await Promise.all(
      [
        'lcso.investigator',
        'lcso.investigator2',
        'lcso.supervisor',
        'dci.investigator',
        'dci.supervisor',
        'cpd.investigator',
        'cpd.supervisor',
      ].map(as),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  // -------------------------------------------------------------------------------------------
  describe('opening a case', () => {
    it('an investigator opens a case directly: numbered per agency and year, OPEN at version 1, identifiers on the case, audited without the summary', async () => {
      const [lcsoBase, cpdBase] = [await numbered('LCSO'), await numbered('CPD')];
      const inv2 = user['lcso.investigator2'];
      const r = await ok(
        'openCase',
        caseInput({
          summary: 'Foreman keeps the passports of six ranch hands in a safe.',
          counties: [' Laramie ', 'Laramie', 'Goshen'],
          meansOfControl: ['COERCION', 'FRAUD'],
          venue: 'AGRICULTURE_ANIMAL_HUSBANDRY',
          assigneeIds: [inv2.id],
          identifiers: [{ kind: 'HANDLE', value: '@cases_spec_open' }],
        }),
        'lcso.investigator',
      );
      expect(r.deconfliction).toEqual([]);
      expect(r.case).toMatchObject({
        number: caseNumber('LCSO', lcsoBase + 1),
        status: 'OPEN',
        version: 1,
        myAccess: 'LEAD',
        leadId: null,
        state: 'WY',
        closure: null,
        counties: ['Laramie', 'Goshen'],
        meansOfControl: ['COERCION', 'FRAUD'],
        traffickingType: 'LABOR',
        leadAgency: { shortCode: 'LCSO' },
        assignees: [{ id: inv2.id, displayName: 'Det. Hannah Blake' }],
        subjectCount: 0,
        openTaskCount: 0,
        participantCount: 0,
      });
      expect(r.case.identifiers).toEqual([
        { kind: 'HANDLE', value: '@cases_spec_open', birthDate: null, source: 'CASE', sourceId: r.case.id },
      ]);
      expect((await openCase('lcso.supervisor')).number).toBe(caseNumber('LCSO', lcsoBase + 2));
      expect((await openCase('cpd.investigator')).number).toBe(caseNumber('CPD', cpdBase + 1));

      const [event] = await events('case.open', r.case.id);
      expect(event).toMatchObject({ actor_username: 'lcso.investigator', agency_id: agency.LCSO.id, subject_agency_id: null });
      expect(event.changes).toMatchObject({ number: { to: r.case.number }, summary: '[confidential]', leadId: { to: null } });
      expect(JSON.stringify(event.changes)).not.toContain('passports');
    });

    it('case numbers stay unique and gap-free per agency when many are opened at once', async () => {
      const [lcsoBase, cpdBase] = [await numbered('LCSO'), await numbered('CPD')];
      const openers = ['lcso.investigator', 'lcso.investigator2', 'lcso.supervisor'];
      const results = await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => call('openCase', caseInput({ title: `Opened at once ${i}` }), openers[i % openers.length])),
        ...Array.from({ length: 3 }, () => call('openCase', caseInput(), 'cpd.investigator')),
      ]);
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      const numbers = results.map((r) => r.data!.openCase.case.number);
      expect(numbers.filter((n) => n.startsWith('LCSO-')).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => caseNumber('LCSO', lcsoBase + i + 1)),
      );
      expect(numbers.filter((n) => n.startsWith('CPD-')).sort()).toEqual(
        Array.from({ length: 3 }, (_, i) => caseNumber('CPD', cpdBase + i + 1)),
      );
      expect(await numbered('LCSO')).toBe(lcsoBase + 8);
    });

    it('promoting a lead: the lead becomes PROMOTED and points at the case, the case keeps the lead and its identifiers (source LEAD)', async () => {
      const inv = 'lcso.investigator';
      const lead = (
        await ok(
          'createLead',
          leadInput({
            identifiers: [
              { kind: 'PHONE', value: '(808) 555-0191' },
              { kind: 'HANDLE', value: '@cases_spec_lead' },
            ],
          }),
          inv,
        )
      ).lead;
      await ok('triageLead', { id: lead.id, version: 1, priority: 'HIGH' }, 'lcso.supervisor');

      const before = await count('cases');
      const stale = await call('promoteLead', { leadId: lead.id, leadVersion: 1, title: 'Ranch crew' }, inv);
      expect(codes(stale)).toEqual(['CONFLICT']);
      expect(await t.ownerQuery(`SELECT status, version FROM leads WHERE id = $1`, [lead.id])).toEqual([{ status: 'TRIAGED', version: 2 }]);
      expect(await count('cases')).toBe(before);

      const base = await numbered('LCSO');
      const c = await ok('promoteLead', { leadId: lead.id, leadVersion: 2, title: 'Burns ranch labor case' }, inv);
      expect(c).toMatchObject({
        number: caseNumber('LCSO', base + 1),
        status: 'OPEN',
        version: 1,
        leadId: lead.id,
        myAccess: 'LEAD',
        traffickingType: 'LABOR',
        venue: 'AGRICULTURE_ANIMAL_HUSBANDRY',
        counties: ['Laramie'],
        state: 'WY',
      });
      // Recorded in one transaction, so in no particular order among themselves.
      expect([...c.identifiers].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
        { kind: 'HANDLE', value: '@cases_spec_lead', birthDate: null, source: 'LEAD', sourceId: lead.id },
        { kind: 'PHONE', value: '(808) 555-0191', birthDate: null, source: 'LEAD', sourceId: lead.id },
      ]);
      expect((await t.gql(LEAD_QUERY, { id: lead.id }, await as(inv))).data!.lead).toEqual({
        id: lead.id,
        status: 'PROMOTED',
        version: 3,
        caseId: c.id,
      });
      expect((await visibleCase(c.id, inv)).leadId).toBe(lead.id);

      // The lead and the case move together, in one transaction.
      const [promoted] = await events('lead.promote', lead.id);
      const [opened] = await events('case.open', c.id);
      expect(promoted.changes).toEqual({ status: { from: 'TRIAGED', to: 'PROMOTED' } });
      expect(opened.changes.leadId).toEqual({ to: lead.id });
      expect(opened.request_id).toBe(promoted.request_id);

      // Only the lead agency knows which lead it came from.
      await share(c.id, 'DCI', 'READ');
      const seenByDci = await visibleCase(c.id, 'dci.investigator');
      expect(seenByDci.leadId).toBeNull();
      expect(seenByDci.identifiers.map((i) => i.value).sort()).toEqual(['(808) 555-0191', '@cases_spec_lead']);
    });

    it("a lead cannot be promoted twice, nor when closed; the error names the allowed transitions; another agency's lead is NOT_FOUND", async () => {
      const inv = 'lcso.investigator';
      const lead = (await ok('createLead', leadInput(), inv)).lead;
      const c = await ok('promoteLead', { leadId: lead.id, leadVersion: 1, title: 'Promoted from NEW' }, inv);
      expect(c.leadId).toBe(lead.id);
      const cases = await count('cases');

      const twice = await refused('promoteLead', { leadId: lead.id, leadVersion: 2, title: 'Promoted again' }, inv, 'BAD_USER_INPUT');
      expect(twice.message).toMatch(/A PROMOTED lead cannot become PROMOTED\. It is closed/);
      expect(twice.extensions).toMatchObject({ currentStatus: 'PROMOTED', allowed: [] });

      const unfounded = (await ok('createLead', leadInput(), inv)).lead;
      await ok('closeLead', { id: unfounded.id, version: 1, as: 'UNFOUNDED', reason: 'Workers interviewed, nothing found.' }, inv);
      const closed = await refused('promoteLead', { leadId: unfounded.id, leadVersion: 2, title: 'Too late' }, inv, 'BAD_USER_INPUT');
      expect(closed.extensions).toMatchObject({ currentStatus: 'UNFOUNDED', allowed: [] });

      const dciLead = (await ok('createLead', leadInput(), 'dci.investigator')).lead;
      await refused('promoteLead', { leadId: dciLead.id, leadVersion: 1, title: 'Not ours' }, inv, 'NOT_FOUND');
      expect(await t.ownerQuery(`SELECT status FROM leads WHERE id = $1`, [dciLead.id])).toEqual([{ status: 'NEW' }]);
      expect(await count('cases')).toBe(cases);
      expect(await events('lead.promote', unfounded.id)).toEqual([]);
    });

    it('bad input is BAD_USER_INPUT and writes nothing: no case row, no event, no number used up', async () => {
      const inv = 'lcso.investigator';
      const base = await numbered('LCSO');
      const cases = await count('cases');
      const opens = await count(`audit_events WHERE action = 'case.open'`);

      const person = await refused(
        'openCase',
        caseInput({ identifiers: [{ kind: 'PERSON', value: 'Jose Ramirez' }] }),
        inv,
        'BAD_USER_INPUT',
      );
      expect(person.message).toMatch(/birthDate/);
      await refused(
        'openCase',
        caseInput({
          identifiers: [
            { kind: 'HANDLE', value: '@ok_handle' },
            { kind: 'PHONE', value: '12' },
          ],
        }),
        inv,
        'BAD_USER_INPUT',
      );
      await refused('openCase', caseInput({ title: 'ab' }), inv, 'BAD_USER_INPUT');
      await refused('openCase', caseInput({ state: 'Wyoming' }), inv, 'BAD_USER_INPUT');
      await refused('openCase', caseInput({ counties: ['L'] }), inv, 'BAD_USER_INPUT');
      const foreign = await refused('openCase', caseInput({ assigneeIds: [user['dci.investigator'].id] }), inv, 'BAD_USER_INPUT');
      expect(foreign.extensions).toMatchObject({ field: 'assigneeIds' });
      await refused('openCase', caseInput({ assigneeIds: [user['lcso.admin'].id] }), inv, 'BAD_USER_INPUT');
      // Unknown enum values never reach the resolver: GraphQL refuses the variables.
      for (const bad of [{ traffickingType: 'PIRACY' }, { venue: 'SPACESHIP' }, { meansOfControl: ['MAGIC'] }]) {
        const r = await call('openCase', caseInput(bad), inv);
        expect(r.errors?.length).toBeGreaterThan(0);
        expect(r.data?.openCase ?? null).toBeNull();
      }

      expect(await count('cases')).toBe(cases);
      expect(await count(`audit_events WHERE action = 'case.open'`)).toBe(opens);
      expect((await openCase(inv)).number).toBe(caseNumber('LCSO', base + 1));
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('editing a case', () => {
    it('updateCase changes the given fields only, one version up, assignees of the own agency only', async () => {
      const c = await openCase('lcso.investigator', { summary: 'Six workers, one trailer.', venue: 'AGRICULTURE_ANIMAL_HUSBANDRY' });
      const inv2 = user['lcso.investigator2'];
      const r = await ok(
        'updateCase',
        {
          id: c.id,
          version: 1,
          title: 'Ranch and construction crews',
          counties: ['Albany', ' Albany ', 'Laramie'],
          meansOfControl: ['FORCE'],
          assigneeIds: [inv2.id, user['lcso.supervisor'].id],
          venue: 'CONSTRUCTION',
        },
        'lcso.investigator',
      );
      expect(r).toMatchObject({
        title: 'Ranch and construction crews',
        counties: ['Albany', 'Laramie'],
        meansOfControl: ['FORCE'],
        venue: 'CONSTRUCTION',
        summary: 'Six workers, one trailer.',
        traffickingType: 'LABOR',
        status: 'OPEN',
        version: 2,
        assignees: [
          { id: inv2.id, displayName: 'Det. Hannah Blake' },
          { id: user['lcso.supervisor'].id, displayName: 'Lt. Dana Whitfield' },
        ],
      });
      const [event] = await events('case.update', c.id);
      expect(event.changes).toEqual({
        title: { from: 'Ranch hands housed in a trailer', to: 'Ranch and construction crews' },
        counties: { from: ['Laramie'], to: ['Albany', 'Laramie'] },
        meansOfControl: { from: [], to: ['FORCE'] },
        assigneeIds: { from: [], to: [inv2.id, user['lcso.supervisor'].id] },
        venue: { from: 'AGRICULTURE_ANIMAL_HUSBANDRY', to: 'CONSTRUCTION' },
      });
      expect(await ok('updateCase', { id: c.id, version: 2, summary: null, venue: null }, 'lcso.investigator')).toMatchObject({
        summary: null,
        venue: null,
        version: 3,
      });

      const before = await caseState(c.id);
      for (const assigneeIds of [[user['dci.investigator'].id], [user['lcso.advocate'].id]]) {
        const e = await refused('updateCase', { id: c.id, version: 3, assigneeIds }, 'lcso.investigator', 'BAD_USER_INPUT');
        expect(e.extensions).toMatchObject({ field: 'assigneeIds' });
      }
      await refused('updateCase', { id: c.id, version: 3 }, 'lcso.investigator', 'BAD_USER_INPUT');
      await refused('updateCase', { id: c.id, version: 3, title: 'x' }, 'lcso.investigator', 'BAD_USER_INPUT');
      expect(await caseState(c.id)).toEqual(before);
    });

    it('null for a field that cannot be empty is BAD_USER_INPUT (not a server error) and changes nothing', async () => {
      const c = await openCase();
      const subject = await addSubject(c.id);
      const before = await caseState(c.id);
      for (const field of ['title', 'traffickingType', 'counties', 'meansOfControl', 'assigneeIds']) {
        const e = await refused('updateCase', { id: c.id, version: 1, [field]: null }, 'lcso.investigator', 'BAD_USER_INPUT');
        expect(e.extensions).toMatchObject({ field });
      }
      for (const field of ['role', 'displayName', 'status']) {
        const e = await refused('updateSubject', { id: subject.id, version: 1, [field]: null }, 'lcso.investigator', 'BAD_USER_INPUT');
        expect(e.extensions).toMatchObject({ field });
      }
      expect(await caseState(c.id)).toEqual(before);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('status machine and closing', () => {
    it('OPEN → ACTIVE → REFERRED_FOR_PROSECUTION → (declined) ACTIVE → REFERRED → CHARGED → ADJUDICATED: one version and one audit event per step', async () => {
      const c = await openCase();
      const steps = ['ACTIVE', 'REFERRED_FOR_PROSECUTION', 'ACTIVE', 'REFERRED_FOR_PROSECUTION', 'CHARGED', 'ADJUDICATED'];
      let v = 1;
      for (const status of steps) {
        const r = await ok('setCaseStatus', { id: c.id, version: v, status }, 'lcso.investigator');
        expect(r).toMatchObject({ status, version: ++v });
      }
      const audit = await events('case.status', c.id);
      expect(audit.map((e) => e.changes.status)).toEqual(steps.map((to, i) => ({ from: i === 0 ? 'OPEN' : steps[i - 1], to })));
    });

    it('an invalid transition is BAD_USER_INPUT naming the allowed ones, and changes nothing', async () => {
      const c = await openCase();
      const tryMove = async (status: string) => {
        const before = await caseState(c.id);
        const e = await refused('setCaseStatus', { id: c.id, version: before.version, status }, 'lcso.investigator', 'BAD_USER_INPUT');
        expect(await caseState(c.id)).toEqual(before);
        return e;
      };
      const fromOpen = await tryMove('CHARGED');
      expect(fromOpen.message).toMatch(/A OPEN case cannot become CHARGED\. Allowed next: ACTIVE\./);
      expect(fromOpen.extensions).toMatchObject({ currentStatus: 'OPEN', allowed: ['ACTIVE'] });
      expect((await tryMove('OPEN')).extensions).toMatchObject({ currentStatus: 'OPEN', allowed: ['ACTIVE'] });

      await walkTo(c.id, 'REFERRED_FOR_PROSECUTION');
      const fromReferred = await tryMove('ADJUDICATED');
      expect(fromReferred.message).toMatch(/Allowed next: CHARGED, ACTIVE\./);
      expect(fromReferred.extensions).toMatchObject({ currentStatus: 'REFERRED_FOR_PROSECUTION', allowed: ['CHARGED', 'ACTIVE'] });
      expect((await tryMove('OPEN')).message).toMatch(/cannot become OPEN/);

      await setStatus(c.id, 'CHARGED');
      expect((await tryMove('ACTIVE')).message).toMatch(/Allowed next: ADJUDICATED\./);
      await setStatus(c.id, 'ADJUDICATED');
      const fromAdjudicated = await tryMove('ACTIVE');
      expect(fromAdjudicated.message).toMatch(/close it with closeCase as RESOLVED/);
      expect(fromAdjudicated.extensions).toMatchObject({ currentStatus: 'ADJUDICATED', allowed: [] });

      const closing = await tryMove('CLOSED');
      expect(closing.message).toMatch(/closed with closeCase .*not with setCaseStatus/);
      expect(await events('case.status', c.id)).toHaveLength(4);
    });

    it("only a supervisor of the lead agency closes a case: an investigator and a participant's supervisor are FORBIDDEN, an outsider's supervisor NOT_FOUND", async () => {
      const c = await openCase();
      await share(c.id, 'DCI', 'CONTRIBUTE');
      const before = await caseState(c.id);
      const input = {
        id: c.id,
        version: before.version,
        as: 'UNFOUNDED',
        reason: 'Workers interviewed; documents in their own possession.',
      };
      await refused('closeCase', input, 'lcso.investigator', 'FORBIDDEN');
      const participant = await refused('closeCase', input, 'dci.supervisor', 'FORBIDDEN');
      expect(participant.message).toMatch(/lead agency/);
      await refused('closeCase', input, 'cpd.supervisor', 'NOT_FOUND');
      await refused('closeCase', input, 'usao.supervisor', 'NOT_FOUND');
      expect(await caseState(c.id)).toEqual(before);

      const closed = await ok('closeCase', input, 'lcso.supervisor');
      expect(closed).toMatchObject({
        status: 'CLOSED',
        closure: 'UNFOUNDED',
        closedReason: input.reason,
        version: (before.version as number) + 1,
      });
      expect(closed.closedAt).not.toBeNull();
      const [event] = await events('case.close', c.id);
      expect(event.changes).toEqual({
        status: { from: 'OPEN', to: 'CLOSED' },
        closure: { from: null, to: 'UNFOUNDED' },
        reason: '[confidential]',
      });
      expect(JSON.stringify(event.changes)).not.toContain('own possession');
    });

    it('RESOLVED only from ADJUDICATED; UNFOUNDED and INSUFFICIENT_EVIDENCE from any open status', async () => {
      const early = await openCase();
      await walkTo(early.id, 'CHARGED');
      const before = await caseState(early.id);
      const e = await refused(
        'closeCase',
        { id: early.id, version: before.version, as: 'RESOLVED', reason: 'Done' },
        'lcso.supervisor',
        'BAD_USER_INPUT',
      );
      expect(e.message).toMatch(/Only an ADJUDICATED case can be closed as RESOLVED; this one is CHARGED/);
      expect(e.extensions).toMatchObject({ currentStatus: 'CHARGED', allowed: ['UNFOUNDED', 'INSUFFICIENT_EVIDENCE'] });
      expect(await caseState(early.id)).toEqual(before);

      const done = await openCase();
      await walkTo(done.id, 'ADJUDICATED');
      expect(
        await ok(
          'closeCase',
          { id: done.id, version: await version(done.id), as: 'RESOLVED', reason: 'Convicted on all counts.' },
          'lcso.supervisor',
        ),
      ).toMatchObject({ status: 'CLOSED', closure: 'RESOLVED' });

      for (const [i, status] of PATH.entries()) {
        const c = await openCase();
        await walkTo(c.id, status);
        const closure = i % 2 ? 'UNFOUNDED' : 'INSUFFICIENT_EVIDENCE';
        const r = await ok(
          'closeCase',
          { id: c.id, version: await version(c.id), as: closure, reason: `Closed from ${status}` },
          'lcso.supervisor',
        );
        expect({ from: status, status: r.status, closure: r.closure }).toEqual({ from: status, status: 'CLOSED', closure });
      }
    });

    it('a closed case is read-only: every case-writing mutation, by the lead agency or a contributor, gets the same BAD_USER_INPUT and changes nothing', async () => {
      const c = await openCase();
      const subject = await addSubject(c.id);
      const charge = await ok('addCharge', { subjectId: subject.id, statuteCode: 'WY-6-2-702' }, 'lcso.investigator');
      const task = await ok('addCaseTask', { caseId: c.id, title: 'Interview the foreman' }, 'lcso.investigator');
      await ok('addCaseNote', { caseId: c.id, body: 'Foreman interviewed.' }, 'lcso.investigator');
      await share(c.id, 'DCI', 'CONTRIBUTE');
      const victimOf = async (username: string, name: string) =>
        (
          await ok(
            'registerVictim',
            { ageBand: 'AGE_25_34', minorAtExploitation: false, gender: 'MALE', traffickingType: 'LABOR', identity: { legalName: name } },
            username,
          )
        ).victim;
      const lcsoVictim = await victimOf('lcso.advocate', 'Tomas Quintero Ruiz');
      const dciVictim = await victimOf('dci.investigator', 'Efrain Solis Mena');
      const pending = await ok(
        'sendCaseReferral',
        { caseId: c.id, toAgencyId: agency.USAO.id, reason: 'Federal forced-labor counts', urgency: 'ROUTINE', access: 'READ' },
        'lcso.investigator',
      );
      await ok(
        'closeCase',
        { id: c.id, version: await version(c.id), as: 'INSUFFICIENT_EVIDENCE', reason: 'Witnesses left the state.' },
        'lcso.supervisor',
      );
      await Promise.all(['lcso.advocate', 'usao.prosecutor'].map(as));
      const before = await caseState(c.id);
      const cv = before.version as number;
      const [{ seq: closedAt }] = await t.ownerQuery(`SELECT max(seq)::text AS seq FROM audit_events`);
      const victims = await count('victims');

      // Every mutation that writes to a case or to something on it.
      const attempts: [Op, Record<string, unknown>, string][] = [
        ['updateCase', { id: c.id, version: cv, title: 'Reopened?' }, 'lcso.investigator'],
        ['setCaseStatus', { id: c.id, version: cv, status: 'ACTIVE' }, 'lcso.investigator'],
        ['closeCase', { id: c.id, version: cv, as: 'UNFOUNDED', reason: 'Again' }, 'lcso.supervisor'],
        ['shareCase', { caseId: c.id, version: cv, agencyId: agency.CPD.id, access: 'READ' }, 'lcso.investigator'],
        ['revokeCaseShare', { caseId: c.id, version: cv, agencyId: agency.DCI.id }, 'lcso.investigator'],
        ['addSubject', { caseId: c.id, role: 'BUYER', displayName: 'Late subject' }, 'lcso.investigator'],
        ['addSubject', { caseId: c.id, role: 'BUYER', displayName: 'Late subject' }, 'dci.investigator'],
        ['updateSubject', { id: subject.id, version: 1, status: 'ARRESTED' }, 'lcso.investigator'],
        ['addCharge', { subjectId: subject.id, statuteCode: 'US-18-1589' }, 'lcso.investigator'],
        ['updateCharge', { id: charge.id, version: 1, filedOn: TODAY }, 'lcso.investigator'],
        ['addCaseNote', { caseId: c.id, body: 'A note after closing' }, 'lcso.investigator'],
        ['addCaseNote', { caseId: c.id, body: "A contributor's note after closing" }, 'dci.investigator'],
        ['addCaseTask', { caseId: c.id, title: 'Late task' }, 'lcso.investigator'],
        ['updateCaseTask', { id: task.id, version: 1, done: true }, 'lcso.investigator'],
        ['linkVictimToCase', { victimId: lcsoVictim.id, caseId: c.id }, 'lcso.advocate'],
        ['linkVictimToCase', { victimId: dciVictim.id, caseId: c.id }, 'dci.investigator'],
        [
          'registerVictim',
          {
            ageBand: 'AGE_18_24',
            minorAtExploitation: false,
            gender: 'FEMALE',
            traffickingType: 'LABOR',
            identity: { legalName: 'Late Registration' },
            caseIds: [c.id],
          },
          'lcso.advocate',
        ],
        [
          'sendCaseReferral',
          { caseId: c.id, toAgencyId: agency.FBI.id, reason: 'Another look', urgency: 'ROUTINE', access: 'READ' },
          'lcso.investigator',
        ],
        ['acceptReferral', { id: pending.id, version: pending.version }, 'usao.prosecutor'],
      ];
      for (const [op, input, who] of attempts) {
        const e = await refused(op, input, who, 'BAD_USER_INPUT');
        expect({ op, who, message: e.message, ext: e.extensions }).toEqual({
          op,
          who,
          message: 'This case is closed and read-only: nothing on it can be added, changed or shared.',
          ext: { code: 'BAD_USER_INPUT', currentStatus: 'CLOSED' },
        });
      }
      expect(await caseState(c.id)).toEqual(before);
      expect(await count('victims')).toBe(victims);
      expect(await t.ownerQuery(`SELECT status, version FROM referrals WHERE id = $1`, [pending.id])).toEqual([
        { status: 'PENDING', version: pending.version },
      ]);
      expect(
        await t.ownerQuery(`SELECT action FROM audit_events WHERE seq > $1 AND outcome = 'SUCCESS' AND action NOT LIKE 'auth.%'`, [
          closedAt,
        ]),
      ).toEqual([]);
      // Reading it still works, for the lead agency and the contributor.
      for (const who of ['lcso.investigator', 'dci.investigator']) expect((await visibleCase(c.id, who)).status).toBe('CLOSED');
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('optimistic concurrency', () => {
    it('a stale case version is CONFLICT for updateCase, setCaseStatus, closeCase, shareCase and revokeCaseShare, and changes nothing', async () => {
      const c = await openCase();
      await share(c.id, 'DCI', 'READ');
      const stale = await version(c.id);
      await ok('updateCase', { id: c.id, version: stale, title: 'Current title' }, 'lcso.investigator');
      const before = await caseState(c.id);
      const attempts: [Op, Record<string, unknown>, string][] = [
        ['updateCase', { id: c.id, version: stale, title: 'Stale title' }, 'lcso.investigator'],
        ['setCaseStatus', { id: c.id, version: stale, status: 'ACTIVE' }, 'lcso.investigator'],
        ['closeCase', { id: c.id, version: stale, as: 'UNFOUNDED', reason: 'Stale close' }, 'lcso.supervisor'],
        ['shareCase', { caseId: c.id, version: stale, agencyId: agency.CPD.id, access: 'READ' }, 'lcso.investigator'],
        ['shareCase', { caseId: c.id, version: stale, agencyId: agency.DCI.id, access: 'CONTRIBUTE' }, 'lcso.investigator'],
        ['revokeCaseShare', { caseId: c.id, version: stale, agencyId: agency.DCI.id }, 'lcso.investigator'],
      ];
      for (const [op, input, who] of attempts) {
        const e = await refused(op, input, who, 'CONFLICT');
        expect({ op, currentVersion: e.extensions?.currentVersion }).toEqual({ op, currentVersion: before.version });
      }
      expect(await caseState(c.id)).toEqual(before);
      expect(await events('case.update', c.id)).toHaveLength(1);
    });

    it('a stale version is CONFLICT for updateSubject, updateCharge and updateCaseTask, and changes nothing', async () => {
      const c = await openCase();
      const subject = await addSubject(c.id);
      const charge = await ok('addCharge', { subjectId: subject.id, statuteCode: 'US-18-1591' }, 'lcso.investigator');
      const task = await ok('addCaseTask', { caseId: c.id, title: 'Pull the phone records' }, 'lcso.investigator');
      expect((await ok('updateSubject', { id: subject.id, version: 1, status: 'ARRESTED' }, 'lcso.investigator')).version).toBe(2);
      expect((await ok('updateCharge', { id: charge.id, version: 1, filedOn: TODAY }, 'lcso.investigator')).version).toBe(2);
      expect(
        (await ok('updateCaseTask', { id: task.id, version: 1, title: 'Pull the phone records (subpoena)' }, 'lcso.investigator')).version,
      ).toBe(2);
      const before = await caseState(c.id);
      for (const [op, input] of [
        ['updateSubject', { id: subject.id, version: 1, status: 'CLEARED' }],
        ['updateCharge', { id: charge.id, version: 1, disposition: 'DISMISSED', dispositionOn: TODAY }],
        ['updateCaseTask', { id: task.id, version: 1, done: true }],
      ] as [Op, Record<string, unknown>][]) {
        const e = await refused(op, input, 'lcso.investigator', 'CONFLICT');
        expect({ op, currentVersion: e.extensions?.currentVersion }).toEqual({ op, currentVersion: 2 });
      }
      expect(await caseState(c.id)).toEqual(before);
    });

    it('updates sent at once with the same version: exactly one wins, the others are CONFLICT', async () => {
      const c = await openCase();
      const writers = ['lcso.investigator', 'lcso.investigator2', 'lcso.supervisor', 'lcso.investigator', 'lcso.investigator2'];
      const results = await Promise.all(
        writers.map((who, i) => call('updateCase', { id: c.id, version: 1, title: `Racing title ${i}` }, who)),
      );
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.errors).map(codes)).toEqual(Array(4).fill(['CONFLICT']));
      const [row] = await t.ownerQuery(`SELECT title, version FROM cases WHERE id = $1`, [c.id]);
      expect(row).toEqual({ title: winners[0].data!.updateCase.title, version: 2 });
      expect(await events('case.update', c.id)).toHaveLength(1);

      // Different operations racing on the same version: still one winner.
      const mixed = await Promise.all([
        call('setCaseStatus', { id: c.id, version: 2, status: 'ACTIVE' }, 'lcso.investigator'),
        call('shareCase', { caseId: c.id, version: 2, agencyId: agency.DCI.id, access: 'READ' }, 'lcso.investigator2'),
        call('updateCase', { id: c.id, version: 2, counties: ['Albany'] }, 'lcso.supervisor'),
      ]);
      expect(mixed.filter((r) => !r.errors)).toHaveLength(1);
      expect(await version(c.id)).toBe(3);

      const subject = await addSubject(c.id);
      const subjectRace = await Promise.all(
        ['ARRESTED', 'CHARGED', 'CLEARED'].map((status) =>
          call('updateSubject', { id: subject.id, version: 1, status }, 'lcso.investigator'),
        ),
      );
      expect(subjectRace.filter((r) => !r.errors)).toHaveLength(1);
      expect(await t.ownerQuery(`SELECT version FROM subjects WHERE id = $1`, [subject.id])).toEqual([{ version: 2 }]);
    });

    it('one lead promoted twice at once becomes one case', async () => {
      const lead = (await ok('createLead', leadInput(), 'lcso.investigator')).lead;
      const base = await numbered('LCSO');
      const results = await Promise.all(
        ['lcso.investigator', 'lcso.investigator2', 'lcso.supervisor'].map((who) =>
          call('promoteLead', { leadId: lead.id, leadVersion: 1, title: `Promoted by ${who}` }, who),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors).map(codes)).toEqual([['BAD_USER_INPUT'], ['BAD_USER_INPUT']]);
      expect(await t.ownerQuery(`SELECT number FROM cases WHERE lead_id = $1`, [lead.id])).toEqual([
        { number: caseNumber('LCSO', base + 1) },
      ]);
      expect(await numbered('LCSO')).toBe(base + 1);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('sharing', () => {
    /** A case of LCSO with a note, a subject (with an identifier), a task, and the given share with DCI. */
    async function sharedCase(access?: 'READ' | 'CONTRIBUTE') {
      const c = await openCase('lcso.investigator', {
        assigneeIds: [user['lcso.investigator'].id],
        identifiers: [{ kind: 'PLATE', value: 'WY 8-4471' }],
      });
      const note = await ok('addCaseNote', { caseId: c.id, body: 'Surveillance at the ranch gate, 0600.' }, 'lcso.investigator');
      const subject = await addSubject(c.id, 'lcso.investigator', {
        identifiers: [{ kind: 'HANDLE', value: `@boss_${c.id.slice(0, 8)}` }],
      });
      const task = await ok('addCaseTask', { caseId: c.id, title: 'Interview the neighbours' }, 'lcso.investigator');
      const charge = await ok('addCharge', { subjectId: subject.id, statuteCode: 'WY-6-2-702' }, 'lcso.investigator');
      if (access) await share(c.id, 'DCI', access);
      return { c, note, subject, task, charge };
    }

    it('READ: the participant sees the case, its notes, subjects and identifiers, in case(id) and in cases; names stay with the lead agency', async () => {
      const { c, subject } = await sharedCase();
      const shared = await share(c.id, 'DCI', 'READ');
      expect(shared).toMatchObject({ participants: [{ access: 'READ', agency: { shortCode: 'DCI' } }], participantCount: 1, version: 2 });

      const seen = await visibleCase(c.id, 'dci.investigator');
      expect(seen).toMatchObject({
        id: c.id,
        number: c.number,
        myAccess: 'READ',
        leadAgency: { shortCode: 'LCSO' },
        participantCount: 1,
        subjectCount: 1,
      });
      expect(seen.assignees).toEqual([{ id: user['lcso.investigator'].id, displayName: null }]);
      expect(seen.notes).toEqual([
        expect.objectContaining({ body: 'Surveillance at the ranch gate, 0600.', authorName: null, agency: { shortCode: 'LCSO' } }),
      ]);
      expect(seen.subjects).toEqual([
        expect.objectContaining({ id: subject.id, displayName: 'Dale "Boss" Burns', addedBy: { shortCode: 'LCSO' } }),
      ]);
      expect(seen.identifiers.map((i) => `${i.source}:${i.value}`).sort()).toEqual(['CASE:WY 8-4471', `SUBJECT:@boss_${c.id.slice(0, 8)}`]);
      expect(seen.charges.map((ch) => ch.statute.code)).toEqual(['WY-6-2-702']);
      expect(seen.tasks.map((k) => k.title)).toEqual(['Interview the neighbours']);
      // The lead agency sees its own people's names.
      const own = await visibleCase(c.id, 'lcso.investigator');
      expect(own.myAccess).toBe('LEAD');
      expect(own.assignees).toEqual([{ id: user['lcso.investigator'].id, displayName: 'Det. Marcus Reyes' }]);
      expect(own.notes[0].authorName).toBe('Det. Marcus Reyes');

      expect(await listedIds('dci.investigator')).toContain(c.id);
      expect(await listedIds('dci.investigator', { leading: false })).toContain(c.id);
      expect(await listedIds('dci.investigator', { leading: true })).not.toContain(c.id);
      expect(await listedIds('dci.supervisor')).toContain(c.id);
      expect(await listedIds('lcso.investigator', { leading: true })).toContain(c.id);
    });

    it('READ: adding or changing notes, subjects, tasks and charges is FORBIDDEN and writes nothing', async () => {
      const { c, subject, task, charge } = await sharedCase('READ');
      const before = await caseState(c.id);
      const attempts: [Op, Record<string, unknown>][] = [
        ['addCaseNote', { caseId: c.id, body: 'DCI would like to add this.' }],
        ['addSubject', { caseId: c.id, role: 'ASSOCIATE', displayName: 'Someone DCI knows' }],
        ['addCaseTask', { caseId: c.id, title: 'DCI task' }],
        ['addCharge', { subjectId: subject.id, statuteCode: 'US-18-1589' }],
        ['updateSubject', { id: subject.id, version: 1, status: 'ARRESTED' }],
        ['updateCharge', { id: charge.id, version: 1, filedOn: TODAY }],
        ['updateCaseTask', { id: task.id, version: 1, done: true }],
      ];
      for (const [op, input] of attempts) {
        const e = await refused(op, input, 'dci.investigator', 'FORBIDDEN');
        expect({ op, message: e.message }).toEqual({ op, message: expect.stringMatching(/your agency has READ access/) });
      }
      expect(await caseState(c.id)).toEqual(before);
    });

    it('the lead agency raises READ to CONTRIBUTE; the participant then adds notes, subjects, tasks and charges in its own name', async () => {
      const { c, subject } = await sharedCase('READ');
      const raised = await share(c.id, 'DCI', 'CONTRIBUTE');
      expect(raised).toMatchObject({ participants: [{ access: 'CONTRIBUTE', agency: { shortCode: 'DCI' } }], participantCount: 1 });
      expect(await count(`case_participants WHERE case_id = $1 AND revoked_at IS NULL`, [c.id])).toBe(1);
      const shares = await events('case.share', c.id);
      expect(shares.map((e) => e.changes.access)).toEqual([{ to: 'READ' }, { from: 'READ', to: 'CONTRIBUTE' }]);
      expect(shares.map((e) => e.subject_agency_id)).toEqual([agency.DCI.id, agency.DCI.id]);

      const again = await refused(
        'shareCase',
        { caseId: c.id, version: await version(c.id), agencyId: agency.DCI.id, access: 'CONTRIBUTE' },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );
      expect(again.message).toMatch(/already shared/);
      await refused(
        'shareCase',
        { caseId: c.id, version: await version(c.id), agencyId: agency.LCSO.id, access: 'READ' },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );

      const note = await ok('addCaseNote', { caseId: c.id, body: 'DCI ran the plate: registered to a shell LLC.' }, 'dci.investigator');
      expect(note).toMatchObject({ agency: { shortCode: 'DCI' }, authorName: 'SA Carla Nez' });
      expect((await addSubject(c.id, 'dci.investigator', { role: 'FACILITATOR', displayName: 'LLC registered agent' })).addedBy).toEqual({
        shortCode: 'DCI',
      });
      const task = await ok(
        'addCaseTask',
        { caseId: c.id, title: 'Pull the LLC filings', assigneeId: user['dci.supervisor'].id, dueOn: '2026-12-15' },
        'dci.investigator',
      );
      expect(task).toMatchObject({ agency: { shortCode: 'DCI' }, assigneeName: 'SSA Robert Haines', dueOn: '2026-12-15', done: false });
      const charge = await ok('addCharge', { subjectId: subject.id, statuteCode: 'WY-6-2-703', counts: 2 }, 'dci.investigator');
      expect(charge).toMatchObject({ recordedBy: { shortCode: 'DCI' }, counts: 2 });

      const own = await visibleCase(c.id, 'lcso.investigator');
      expect(own).toMatchObject({ subjectCount: 2, openTaskCount: 2 });
      expect(own.notes.map((n) => [n.agency.shortCode, n.authorName])).toEqual([
        ['DCI', null],
        ['LCSO', 'Det. Marcus Reyes'],
      ]);

      // And lowers it again: back to reading only.
      expect((await share(c.id, 'DCI', 'READ')).participants).toEqual([{ access: 'READ', agency: { shortCode: 'DCI' } }]);
      await refused('addCaseNote', { caseId: c.id, body: 'One more from DCI.' }, 'dci.investigator', 'FORBIDDEN');
      expect(await count(`case_notes WHERE case_id = $1`, [c.id])).toBe(2);
    });

    it('a CONTRIBUTE participant cannot act as the lead agency: updateCase, setCaseStatus, shareCase and revokeCaseShare are FORBIDDEN', async () => {
      const { c } = await sharedCase('CONTRIBUTE');
      const before = await caseState(c.id);
      const v = before.version;
      for (const [op, input] of [
        ['updateCase', { id: c.id, version: v, title: 'DCI retitles it' }],
        ['setCaseStatus', { id: c.id, version: v, status: 'ACTIVE' }],
        ['shareCase', { caseId: c.id, version: v, agencyId: agency.CPD.id, access: 'READ' }],
        ['revokeCaseShare', { caseId: c.id, version: v, agencyId: agency.DCI.id }],
      ] as [Op, Record<string, unknown>][]) {
        const e = await refused(op, input, 'dci.investigator', 'FORBIDDEN');
        expect({ op, message: e.message }).toEqual({ op, message: expect.stringMatching(/Only the lead agency/) });
      }
      expect(await caseState(c.id)).toEqual(before);
    });

    it('revoking: the former participant gets NOT_FOUND for the case and its writes, and the case leaves its list; history stays', async () => {
      const { c } = await sharedCase('CONTRIBUTE');
      const dciTask = await ok('addCaseTask', { caseId: c.id, title: 'DCI follow-up' }, 'dci.investigator');
      const revoked = await ok(
        'revokeCaseShare',
        { caseId: c.id, version: await version(c.id), agencyId: agency.DCI.id },
        'lcso.investigator',
      );
      expect(revoked).toMatchObject({ participants: [], participantCount: 0 });
      const [row] = await t.ownerQuery(`SELECT revoked_at IS NOT NULL AS revoked, revoked_by FROM case_participants WHERE case_id = $1`, [
        c.id,
      ]);
      expect(row).toEqual({ revoked: true, revoked_by: user['lcso.investigator'].id });
      const [event] = await events('case.revoke_share', c.id);
      expect(event).toMatchObject({ subject_agency_id: agency.DCI.id, changes: { agencyId: agency.DCI.id } });

      const before = await caseState(c.id);
      expect(codes(await readCase(c.id, 'dci.investigator'))).toEqual(['NOT_FOUND']);
      expect(await listedIds('dci.investigator')).not.toContain(c.id);
      await refused('addCaseNote', { caseId: c.id, body: 'Still here?' }, 'dci.investigator', 'NOT_FOUND');
      await refused('addSubject', { caseId: c.id, role: 'BUYER', displayName: 'Late' }, 'dci.investigator', 'NOT_FOUND');
      await refused('updateCaseTask', { id: dciTask.id, version: 1, done: true }, 'dci.investigator', 'NOT_FOUND');
      expect(await caseState(c.id)).toEqual(before);
      const twice = await refused(
        'revokeCaseShare',
        { caseId: c.id, version: await version(c.id), agencyId: agency.DCI.id },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );
      expect(twice.message).toMatch(/not shared/);

      // Sharing again starts a new share; the revoked one stays as history.
      await share(c.id, 'DCI', 'READ');
      expect((await visibleCase(c.id, 'dci.investigator')).myAccess).toBe('READ');
      expect(await count(`case_participants WHERE case_id = $1`, [c.id])).toBe(2);
    });

    it('an agency the case was never shared with gets NOT_FOUND (never FORBIDDEN) for reading and for every write', async () => {
      const { c, subject, task, charge } = await sharedCase('READ');
      const before = await caseState(c.id);
      const v = before.version;
      expect(codes(await readCase(c.id, 'cpd.investigator'))).toEqual(['NOT_FOUND']);
      expect(await listedIds('cpd.investigator')).not.toContain(c.id);
      const attempts: [Op, Record<string, unknown>][] = [
        ['updateCase', { id: c.id, version: v, title: 'CPD retitles it' }],
        ['setCaseStatus', { id: c.id, version: v, status: 'ACTIVE' }],
        ['shareCase', { caseId: c.id, version: v, agencyId: agency.CPD.id, access: 'CONTRIBUTE' }],
        ['revokeCaseShare', { caseId: c.id, version: v, agencyId: agency.DCI.id }],
        ['addCaseNote', { caseId: c.id, body: 'CPD note' }],
        ['addSubject', { caseId: c.id, role: 'BUYER', displayName: 'CPD subject' }],
        ['updateSubject', { id: subject.id, version: 1, status: 'CLEARED' }],
        ['addCharge', { subjectId: subject.id, statuteCode: 'US-18-1591' }],
        ['updateCharge', { id: charge.id, version: 1, filedOn: TODAY }],
        ['addCaseTask', { caseId: c.id, title: 'CPD task' }],
        ['updateCaseTask', { id: task.id, version: 1, done: true }],
      ];
      for (const [op, input] of attempts) await refused(op, input, 'cpd.investigator', 'NOT_FOUND');
      await refused('closeCase', { id: c.id, version: v, as: 'UNFOUNDED', reason: 'Not ours' }, 'cpd.supervisor', 'NOT_FOUND');
      expect(await caseState(c.id)).toEqual(before);
      // A malformed id is bad input, not a probe.
      expect(codes(await readCase('not-a-uuid', 'cpd.investigator'))).toEqual(['BAD_USER_INPUT']);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('roles', () => {
    it('admins, auditors and the task-force roles have no case permission: FORBIDDEN for cases, case, statutes and openCase', async () => {
      const c = await openCase();
      for (const who of ['lcso.admin', 'lcso.auditor', 'dci.coordinator', 'dci.tfadmin']) {
        const token = await as(who);
        expect({ who, cases: codes(await t.gql(CASES_QUERY, { first: 5 }, token)) }).toEqual({ who, cases: ['FORBIDDEN'] });
        expect({ who, case: codes(await t.gql(CASE_QUERY, { id: c.id }, token)) }).toEqual({ who, case: ['FORBIDDEN'] });
        expect({ who, statutes: codes(await t.gql(STATUTES, {}, token)) }).toEqual({ who, statutes: ['FORBIDDEN'] });
        await refused('openCase', caseInput(), who, 'FORBIDDEN');
        await refused('addCaseNote', { caseId: c.id, body: 'Admin note' }, who, 'FORBIDDEN');
      }
      const denied = await t.ownerQuery<Pick<AuditRow, 'actor_username' | 'changes'>>(
        `SELECT actor_username, changes FROM audit_events WHERE action = 'operation.cases' AND outcome = 'DENIED' ORDER BY seq`,
      );
      expect(denied.map((d) => d.actor_username)).toEqual(
        expect.arrayContaining(['lcso.admin', 'lcso.auditor', 'dci.coordinator', 'dci.tfadmin']),
      );
      expect(new Set(denied.map((d) => d.changes.reason))).toEqual(new Set(['missing permission CASE_READ']));
    });

    it('victim advocates read only the cases shared with their agency, notes included, and never write', async () => {
      const c = await openCase();
      await ok('addCaseNote', { caseId: c.id, body: 'Survivor prefers contact through the shelter.' }, 'lcso.investigator');
      expect(codes(await readCase(c.id, 'safeharbor.advocate'))).toEqual(['NOT_FOUND']);
      expect(await listedIds('safeharbor.advocate')).not.toContain(c.id);

      await share(c.id, 'HPSH', 'READ');
      const seen = await visibleCase(c.id, 'safeharbor.advocate');
      expect(seen).toMatchObject({ myAccess: 'READ', leadAgency: { shortCode: 'LCSO' } });
      expect(seen.notes.map((n) => n.body)).toEqual(['Survivor prefers contact through the shelter.']);
      expect(await listedIds('safeharbor.advocate')).toContain(c.id);
      expect(codes(await readCase(c.id, 'dfs.advocate'))).toEqual(['NOT_FOUND']);

      // Even at CONTRIBUTE an advocate's role does not write.
      await share(c.id, 'HPSH', 'CONTRIBUTE');
      const before = await caseState(c.id);
      for (const [op, input] of [
        ['addCaseNote', { caseId: c.id, body: 'Advocate note' }],
        ['addSubject', { caseId: c.id, role: 'BUYER', displayName: 'Advocate subject' }],
        ['addCaseTask', { caseId: c.id, title: 'Advocate task' }],
        ['openCase', caseInput()],
      ] as [Op, Record<string, unknown>][]) {
        const e = await refused(op, input, 'safeharbor.advocate', 'FORBIDDEN');
        expect(e.message).toMatch(/role/);
      }
      // The lead agency's own advocate reads its cases, and does not write either.
      expect((await visibleCase(c.id, 'lcso.advocate')).myAccess).toBe('LEAD');
      await refused('addCaseNote', { caseId: c.id, body: 'Advocate note' }, 'lcso.advocate', 'FORBIDDEN');
      expect(await caseState(c.id)).toEqual(before);
    });

    it('a prosecutor on a case shared with the office at CONTRIBUTE records charges and notes, but does not edit the case, add subjects or tasks', async () => {
      const c = await openCase();
      const subject = await addSubject(c.id);
      await share(c.id, 'USAO', 'CONTRIBUTE');
      const charge = await ok(
        'addCharge',
        { subjectId: subject.id, statuteCode: 'US-18-1589', counts: 3, filedOn: '2026-03-02' },
        'usao.prosecutor',
      );
      expect(charge).toMatchObject({
        recordedBy: { shortCode: 'USAO' },
        counts: 3,
        filedOn: '2026-03-02',
        disposition: 'PENDING',
        statute: { code: 'US-18-1589', nibrs: '64B' },
      });
      const updated = await ok(
        'updateCharge',
        { id: charge.id, version: 1, disposition: 'PLEA', dispositionOn: '2026-06-10', sentence: '60 months' },
        'usao.prosecutor',
      );
      expect(updated).toMatchObject({ disposition: 'PLEA', dispositionOn: '2026-06-10', sentence: '60 months', version: 2 });
      expect(await ok('addCaseNote', { caseId: c.id, body: 'Grand jury date set.' }, 'usao.prosecutor')).toMatchObject({
        agency: { shortCode: 'USAO' },
      });

      const before = await caseState(c.id);
      for (const [op, input] of [
        ['addSubject', { caseId: c.id, role: 'FACILITATOR', displayName: 'Prosecutor subject' }],
        ['updateSubject', { id: subject.id, version: 1, status: 'CHARGED' }],
        ['updateCase', { id: c.id, version: before.version, title: 'Prosecutor title' }],
        ['setCaseStatus', { id: c.id, version: before.version, status: 'ACTIVE' }],
        ['addCaseTask', { caseId: c.id, title: 'Prosecutor task' }],
        ['openCase', caseInput()],
      ] as [Op, Record<string, unknown>][]) {
        const e = await refused(op, input, 'usao.prosecutor', 'FORBIDDEN');
        expect(e.message).toMatch(/role/);
      }
      expect(await caseState(c.id)).toEqual(before);

      // At READ, the office's standing (not the role) stops the charge.
      const readOnly = await openCase();
      const s2 = await addSubject(readOnly.id);
      await share(readOnly.id, 'USAO', 'READ');
      const e = await refused('addCharge', { subjectId: s2.id, statuteCode: 'US-18-1591' }, 'usao.prosecutor', 'FORBIDDEN');
      expect(e.message).toMatch(/READ access/);
      expect(await count(`charges WHERE case_id = $1`, [readOnly.id])).toBe(0);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('subjects and deconfliction', () => {
    it("subjects of every role, with identifiers that become the case's (source SUBJECT); audited without the name", async () => {
      const c = await openCase();
      const roles = ['TRAFFICKER', 'BUYER', 'FACILITATOR', 'ASSOCIATE'];
      const added: OpResult<'addSubject'>['subject'][] = [];
      for (const [i, role] of roles.entries()) {
        const r = await ok(
          'addSubject',
          {
            caseId: c.id,
            role,
            displayName: `Subject ${role.toLowerCase()} Rowan`,
            description: 'Drives a white pickup',
            identifiers: [{ kind: 'HANDLE', value: `@cases_spec_${role.toLowerCase()}_${c.id.slice(0, 6)}` }],
            ...(i === 1 ? { status: 'UNIDENTIFIED' } : {}),
          },
          'lcso.investigator',
        );
        expect(r.deconfliction).toEqual([]);
        expect(r.subject).toMatchObject({
          role,
          version: 1,
          addedBy: { shortCode: 'LCSO' },
          status: i === 1 ? 'UNIDENTIFIED' : 'UNDER_INVESTIGATION',
        });
        added.push(r.subject);
      }
      const seen = await visibleCase(c.id, 'lcso.investigator');
      expect(seen.subjectCount).toBe(4);
      expect(seen.subjects.map((s) => s.role)).toEqual(roles);
      expect(seen.identifiers.filter((i) => i.source === 'SUBJECT').map((i) => i.sourceId)).toEqual(added.map((s) => s.id));

      const [event] = await events('subject.add', added[0].id);
      expect(event).toMatchObject({ agency_id: agency.LCSO.id, subject_agency_id: null });
      expect(event.changes).toMatchObject({
        displayName: '[confidential]',
        role: { to: 'TRAFFICKER' },
        identifiers: { count: 1, kinds: ['HANDLE'] },
      });
      expect(JSON.stringify(event.changes)).not.toMatch(/Rowan|pickup|cases_spec/);

      const updated = await ok(
        'updateSubject',
        { id: added[0].id, version: 1, displayName: 'Rowan Pike', status: 'ARRESTED' },
        'lcso.investigator',
      );
      expect(updated).toMatchObject({ displayName: 'Rowan Pike', status: 'ARRESTED', role: 'TRAFFICKER', version: 2 });
      const [update] = await events('subject.update', added[0].id);
      expect(update.changes).toEqual({ displayName: '[confidential]', status: { from: 'UNDER_INVESTIGATION', to: 'ARRESTED' } });
    });

    it('bad subject input is refused and writes nothing', async () => {
      const c = await openCase();
      const before = await caseState(c.id);
      await refused(
        'addSubject',
        { caseId: c.id, role: 'BUYER', displayName: 'X', identifiers: [{ kind: 'PERSON', value: 'Jose Ramirez' }] },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );
      await refused('addSubject', { caseId: c.id, role: 'BUYER', displayName: '' }, 'lcso.investigator', 'BAD_USER_INPUT');
      const unknownRole = await call('addSubject', { caseId: c.id, role: 'KINGPIN', displayName: 'Someone' }, 'lcso.investigator');
      expect(unknownRole.errors?.length).toBeGreaterThan(0);
      const subject = await addSubject(c.id);
      await refused('updateSubject', { id: subject.id, version: 1 }, 'lcso.investigator', 'BAD_USER_INPUT');
      const after = await caseState(c.id);
      expect(after.n_subjects).toBe(1);
      expect(after.n_identifiers).toBe(before.n_identifiers);
    });

    it('a subject identifier another agency already works returns a match naming only that agency; both agencies get a notice', async () => {
      const dciCase = await openCase('dci.investigator', { title: 'DCI: escort ads out of Cheyenne' });
      await addSubject(dciCase.id, 'dci.investigator', {
        displayName: 'Vic "Smooth" Laramie',
        identifiers: [{ kind: 'PHONE', value: '(808) 555-0177' }],
      });

      const c = await openCase();
      const r = await ok(
        'addSubject',
        { caseId: c.id, role: 'BUYER', displayName: 'Unknown buyer', identifiers: [{ kind: 'PHONE', value: '+1 808 555 0177' }] },
        'lcso.investigator',
      );
      const dci = agency.DCI;
      expect(r.deconfliction).toEqual([
        {
          kind: 'PHONE',
          agency: { id: dci.id, name: dci.name, shortCode: 'DCI', contactName: dci.contactName, contactPhone: dci.contactPhone },
        },
      ]);
      const text = JSON.stringify(r);
      for (const secret of [dciCase.number, dciCase.id, 'Smooth', '(808) 555-0177', 'escort']) expect(text).not.toContain(secret);

      const about = async (who: string, value: string) =>
        (await t.gql(NOTICES, {}, await as(who)))
          .data!.deconflictionNotices.edges.map((e) => e.node)
          .filter((n) => n.identifierValue === value);
      expect(await about('lcso.investigator', '+1 808 555 0177')).toEqual([
        { kind: 'PHONE', identifierValue: '+1 808 555 0177', otherAgency: { shortCode: 'DCI' } },
      ]);
      expect(await about('dci.investigator', '(808) 555-0177')).toEqual([
        { kind: 'PHONE', identifierValue: '(808) 555-0177', otherAgency: { shortCode: 'LCSO' } },
      ]);
      // LCSO cannot read DCI's case through the match.
      expect(codes(await readCase(dciCase.id, 'lcso.investigator'))).toEqual(['NOT_FOUND']);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('charges', () => {
    it('the statute catalogue lists the federal and Wyoming offences with their NIBRS codes', async () => {
      const r = await t.gql(STATUTES, {}, await as('usao.prosecutor'));
      expect(r.errors).toBeUndefined();
      const byCitation = new Map(r.data!.statutes.map((s) => [s.citation, s]));
      expect(byCitation.get('18 U.S.C. 1591')).toMatchObject({ jurisdiction: 'FEDERAL', nibrs: '64A' });
      expect(byCitation.get('18 U.S.C. 1589')).toMatchObject({ jurisdiction: 'FEDERAL', nibrs: '64B', title: 'Forced labor' });
      expect(byCitation.get('W.S. 6-2-702')).toMatchObject({ jurisdiction: 'STATE', code: 'WY-6-2-702' });
      expect((await t.gql(STATUTES, {}, await as('safeharbor.advocate'))).data!.statutes.length).toBe(r.data!.statutes.length);
    });

    it('charges: from the catalogue only, filed no later than today; audited', async () => {
      const c = await openCase();
      const subject = await addSubject(c.id);
      const charge = await ok(
        'addCharge',
        { subjectId: subject.id, statuteCode: 'US-18-1591', counts: 2, filedOn: TODAY },
        'lcso.investigator',
      );
      expect(charge).toMatchObject({
        subjectId: subject.id,
        counts: 2,
        filedOn: TODAY,
        disposition: 'PENDING',
        dispositionOn: null,
        sentence: null,
        version: 1,
        recordedBy: { shortCode: 'LCSO' },
        statute: { code: 'US-18-1591', citation: '18 U.S.C. 1591', jurisdiction: 'FEDERAL', nibrs: '64A' },
      });
      const before = await caseState(c.id);
      const unknown = await refused(
        'addCharge',
        { subjectId: subject.id, statuteCode: 'US-18-9999' },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );
      expect(unknown.message).toMatch(/statute catalogue/);
      await refused(
        'addCharge',
        { subjectId: subject.id, statuteCode: 'WY-6-2-702', filedOn: TOMORROW },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );
      await refused(
        'addCharge',
        { subjectId: subject.id, statuteCode: 'WY-6-2-702', filedOn: '2026-02-30' },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );
      await refused('addCharge', { subjectId: subject.id, statuteCode: 'WY-6-2-702', counts: 0 }, 'lcso.investigator', 'BAD_USER_INPUT');
      expect(await caseState(c.id)).toEqual(before);
      expect((await visibleCase(c.id, 'lcso.investigator')).charges.map((ch) => ch.id)).toEqual([charge.id]);
      const [event] = await events('charge.add', charge.id);
      expect(event.changes).toMatchObject({ statuteCode: { to: 'US-18-1591' }, counts: { to: 2 }, subjectId: { to: subject.id } });
    });

    it('dispositions: other than PENDING needs its date, a sentence only for CONVICTED or PLEA, no future or backwards dates', async () => {
      const c = await openCase();
      const subject = await addSubject(c.id);
      const charge = await ok(
        'addCharge',
        { subjectId: subject.id, statuteCode: 'WY-6-2-702', filedOn: '2026-01-15' },
        'lcso.investigator',
      );
      const before = await caseState(c.id);
      const bad: [Record<string, unknown>, RegExp][] = [
        [{ disposition: 'CONVICTED' }, /dispositionOn/],
        [{ disposition: 'DISMISSED', dispositionOn: '2026-02-01', sentence: '12 months' }, /sentence/],
        [{ sentence: '12 months' }, /sentence/],
        [{ disposition: 'CONVICTED', dispositionOn: '2026-01-01' }, /before filedOn/],
        [{ disposition: 'CONVICTED', dispositionOn: TOMORROW }, /future/],
        [{ filedOn: TOMORROW }, /future/],
      ];
      for (const [input, message] of bad) {
        const e = await refused('updateCharge', { id: charge.id, version: 1, ...input }, 'lcso.investigator', 'BAD_USER_INPUT');
        expect({ input, message: e.message }).toEqual({ input, message: expect.stringMatching(message) });
      }
      const bogus = await call('updateCharge', { id: charge.id, version: 1, disposition: 'PARDONED' }, 'lcso.investigator');
      expect(bogus.errors?.length).toBeGreaterThan(0);
      expect(await caseState(c.id)).toEqual(before);

      const convicted = await ok(
        'updateCharge',
        { id: charge.id, version: 1, disposition: 'CONVICTED', dispositionOn: '2026-05-20', sentence: '15 years' },
        'lcso.investigator',
      );
      expect(convicted).toMatchObject({
        disposition: 'CONVICTED',
        dispositionOn: '2026-05-20',
        sentence: '15 years',
        filedOn: '2026-01-15',
        version: 2,
      });
      const [event] = await events('charge.update', charge.id);
      expect(event.changes).toMatchObject({
        disposition: { from: 'PENDING', to: 'CONVICTED' },
        dispositionOn: { from: null, to: '2026-05-20' },
      });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('notes', () => {
    it('notes are listed newest first, audited without their body, and cannot be edited or deleted', async () => {
      const c = await openCase();
      const bodies = ['First contact with the survivor.', 'Foreman seen moving workers at night.', 'Bank records requested.'];
      const ids: string[] = [];
      for (const body of bodies) ids.push((await ok('addCaseNote', { caseId: c.id, body }, 'lcso.investigator')).id);
      const seen = await visibleCase(c.id, 'lcso.investigator');
      expect(seen.notes.map((n) => n.body)).toEqual([...bodies].reverse());
      expect(seen.notes[0]).toMatchObject({ authorName: 'Det. Marcus Reyes', agency: { shortCode: 'LCSO' } });

      const [event] = await events('case_note.add', ids[0]);
      expect(event.changes).toEqual({ caseId: { to: c.id }, body: '[confidential]' });
      await refused('addCaseNote', { caseId: c.id, body: '' }, 'lcso.investigator', 'BAD_USER_INPUT');

      // Append-only: the API has no way to change a note, and the app role cannot either.
      const schema = await t.gql(
        graphql(`
          query CasesSchema {
            __schema {
              mutationType {
                fields {
                  name
                }
              }
            }
          }
        `),
        {},
        await as('lcso.investigator'),
      );
      const noteMutations = schema.data!.__schema.mutationType!.fields!.map((f) => f.name).filter((n: string) => /note/i.test(n));
      expect(noteMutations).toContain('addCaseNote');
      expect(noteMutations.filter((n: string) => !n.startsWith('add'))).toEqual([]);
      const p = await principalOf('lcso.investigator');
      await expect(t.appRoleQuery(`UPDATE case_notes SET body = 'rewritten' WHERE id = $1`, [ids[0]], p)).rejects.toThrow(
        /permission denied/,
      );
      await expect(t.appRoleQuery(`DELETE FROM case_notes WHERE id = $1`, [ids[0]], p)).rejects.toThrow(/permission denied/);
      expect(await t.ownerQuery(`SELECT body FROM case_notes WHERE id = $1`, [ids[0]])).toEqual([{ body: bodies[0] }]);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('tasks', () => {
    it('tasks: assigned within the own agency, due dates, completing; open ones first by due date', async () => {
      const c = await openCase();
      const inv2 = user['lcso.investigator2'];
      const later = await ok(
        'addCaseTask',
        { caseId: c.id, title: 'Serve the warrant', assigneeId: inv2.id, dueOn: '2026-12-20' },
        'lcso.investigator',
      );
      expect(later).toMatchObject({
        assigneeId: inv2.id,
        assigneeName: 'Det. Hannah Blake',
        dueOn: '2026-12-20',
        done: false,
        doneAt: null,
        version: 1,
        agency: { shortCode: 'LCSO' },
      });
      const sooner = await ok('addCaseTask', { caseId: c.id, title: 'Photograph the trailer', dueOn: '2026-12-01' }, 'lcso.investigator');
      const first = await ok('addCaseTask', { caseId: c.id, title: 'Call the hotline back' }, 'lcso.investigator');

      const before = await caseState(c.id);
      const foreign = await refused(
        'addCaseTask',
        { caseId: c.id, title: 'DCI agent task', assigneeId: user['dci.investigator'].id },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );
      expect(foreign.extensions).toMatchObject({ field: 'assigneeId' });
      await refused('addCaseTask', { caseId: c.id, title: 'Bad date', dueOn: '2026-13-01' }, 'lcso.investigator', 'BAD_USER_INPUT');
      await refused(
        'updateCaseTask',
        { id: sooner.id, version: 1, assigneeId: user['cpd.investigator'].id },
        'lcso.investigator',
        'BAD_USER_INPUT',
      );
      await refused('updateCaseTask', { id: sooner.id, version: 1 }, 'lcso.investigator', 'BAD_USER_INPUT');
      expect(await caseState(c.id)).toEqual(before);

      const done = await ok('updateCaseTask', { id: first.id, version: 1, done: true }, 'lcso.investigator2');
      expect(done).toMatchObject({ done: true, version: 2 });
      expect(done.doneAt).not.toBeNull();
      const seen = await visibleCase(c.id, 'lcso.investigator');
      expect(seen.openTaskCount).toBe(2);
      expect(seen.tasks.map((k) => k.id)).toEqual([sooner.id, later.id, first.id]);
      const [event] = await events('case_task.update', first.id);
      expect(event.changes).toEqual({ done: { from: false, to: true } });
      expect((await events('case_task.add', later.id))[0].changes).toMatchObject({
        title: { to: 'Serve the warrant' },
        assigneeId: { to: inv2.id },
      });

      const reopened = await ok('updateCaseTask', { id: first.id, version: 2, done: false }, 'lcso.investigator');
      expect(reopened).toMatchObject({ done: false, doneAt: null, version: 3 });

      const kept = await ok('updateCaseTask', { id: later.id, version: 1, title: 'Serve the search warrant' }, 'lcso.investigator');
      expect(kept).toMatchObject({ assigneeId: inv2.id, version: 2 });
      const unassigned = await ok('updateCaseTask', { id: later.id, version: 2, assigneeId: null }, 'lcso.investigator');
      expect(unassigned).toMatchObject({ assigneeId: null, assigneeName: null, version: 3 });
    });

    it('a task created by another agency cannot be changed (FORBIDDEN), in either direction', async () => {
      const c = await openCase();
      await share(c.id, 'DCI', 'CONTRIBUTE');
      const lcsoTask = await ok('addCaseTask', { caseId: c.id, title: 'LCSO task' }, 'lcso.investigator');
      const dciTask = await ok(
        'addCaseTask',
        { caseId: c.id, title: 'DCI task', assigneeId: user['dci.investigator'].id },
        'dci.investigator',
      );
      await refused(
        'addCaseTask',
        { caseId: c.id, title: 'For an LCSO detective', assigneeId: user['lcso.investigator'].id },
        'dci.investigator',
        'BAD_USER_INPUT',
      );
      const before = await caseState(c.id);
      const e = await refused('updateCaseTask', { id: dciTask.id, version: 1, done: true }, 'lcso.investigator', 'FORBIDDEN');
      expect(e.message).toMatch(/agency that created/);
      await refused('updateCaseTask', { id: lcsoTask.id, version: 1, title: 'Renamed by DCI' }, 'dci.investigator', 'FORBIDDEN');
      expect(await caseState(c.id)).toEqual(before);
      expect((await events('case_task.update', dciTask.id, 'DENIED')).map((d) => [d.actor_username, d.changes])).toEqual([
        ['lcso.investigator', { reason: 'task of another agency' }],
      ]);
      expect(await ok('updateCaseTask', { id: dciTask.id, version: 1, done: true }, 'dci.supervisor')).toMatchObject({ done: true });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('audit trail', () => {
    it("each change writes its event, in order, in the writer's agency and for the lead agency; confidential values never appear", async () => {
      const secrets = {
        summary: 'Survivor S.M. is 16 and staying with an aunt.',
        control: 'Threatened deportation of family.',
        note: 'Informant is the cousin, do not disclose.',
        subject: 'Marisol Quintana',
        subject2: 'Teodoro Quintana',
        dciNote: 'Undercover account @uc_dci_77 is ours.',
        dciSubject: 'Efrain Salcedo',
        reason: 'Survivor recanted under pressure.',
      };
      const lead = (await ok('createLead', leadInput(), 'lcso.investigator')).lead;
      const [{ seq }] = await t.ownerQuery(`SELECT max(seq)::int AS seq FROM audit_events`);

      const c = await ok('promoteLead', { leadId: lead.id, leadVersion: 1, title: 'Ranch labor case' }, 'lcso.investigator');
      await ok(
        'updateCase',
        { id: c.id, version: 1, summary: secrets.summary, controlDetail: secrets.control, title: 'Ranch family labor case' },
        'lcso.investigator',
      );
      await setStatus(c.id, 'ACTIVE');
      await share(c.id, 'DCI', 'CONTRIBUTE');
      const subject = await addSubject(c.id, 'lcso.investigator', { displayName: secrets.subject });
      await ok('updateSubject', { id: subject.id, version: 1, displayName: secrets.subject2 }, 'lcso.investigator');
      const charge = await ok('addCharge', { subjectId: subject.id, statuteCode: 'US-18-1589' }, 'lcso.investigator');
      await ok('updateCharge', { id: charge.id, version: 1, filedOn: TODAY }, 'lcso.investigator');
      await ok('addCaseNote', { caseId: c.id, body: secrets.note }, 'lcso.investigator');
      const task = await ok('addCaseTask', { caseId: c.id, title: 'Locate the aunt' }, 'lcso.investigator');
      await ok('updateCaseTask', { id: task.id, version: 1, done: true }, 'lcso.investigator');
      await ok('addCaseNote', { caseId: c.id, body: secrets.dciNote }, 'dci.investigator');
      const dciSubject = await addSubject(c.id, 'dci.investigator', { displayName: secrets.dciSubject, role: 'ASSOCIATE' });
      const dciTask = await ok('addCaseTask', { caseId: c.id, title: 'DCI: check the ranch payroll' }, 'dci.investigator');
      await ok('updateCaseTask', { id: dciTask.id, version: 1, dueOn: '2026-12-31' }, 'dci.investigator');
      await ok('addCharge', { subjectId: dciSubject.id, statuteCode: 'WY-6-2-703' }, 'dci.investigator');
      await ok('updateSubject', { id: dciSubject.id, version: 1, status: 'ARRESTED' }, 'dci.investigator');
      await ok('revokeCaseShare', { caseId: c.id, version: await version(c.id), agencyId: agency.DCI.id }, 'lcso.investigator');
      await ok('closeCase', { id: c.id, version: await version(c.id), as: 'UNFOUNDED', reason: secrets.reason }, 'lcso.supervisor');

      const added = await t.ownerQuery<Omit<AuditRow, 'record_id' | 'request_id'>>(
        `SELECT action, outcome, actor_username, agency_id, subject_agency_id, changes FROM audit_events WHERE seq > $1 ORDER BY seq`,
        [seq],
      );
      const L = agency.LCSO.id;
      const D = agency.DCI.id;
      expect(added.map((e) => [e.action, e.outcome, e.actor_username, e.agency_id, e.subject_agency_id])).toEqual([
        ['lead.promote', 'SUCCESS', 'lcso.investigator', L, null],
        ['case.open', 'SUCCESS', 'lcso.investigator', L, null],
        ['case.update', 'SUCCESS', 'lcso.investigator', L, null],
        ['case.status', 'SUCCESS', 'lcso.investigator', L, null],
        ['case.share', 'SUCCESS', 'lcso.investigator', L, D],
        ['subject.add', 'SUCCESS', 'lcso.investigator', L, null],
        ['subject.update', 'SUCCESS', 'lcso.investigator', L, null],
        ['charge.add', 'SUCCESS', 'lcso.investigator', L, null],
        ['charge.update', 'SUCCESS', 'lcso.investigator', L, null],
        ['case_note.add', 'SUCCESS', 'lcso.investigator', L, null],
        ['case_task.add', 'SUCCESS', 'lcso.investigator', L, null],
        ['case_task.update', 'SUCCESS', 'lcso.investigator', L, null],
        ['case_note.add', 'SUCCESS', 'dci.investigator', D, L],
        ['subject.add', 'SUCCESS', 'dci.investigator', D, L],
        ['case_task.add', 'SUCCESS', 'dci.investigator', D, L],
        ['case_task.update', 'SUCCESS', 'dci.investigator', D, L],
        ['charge.add', 'SUCCESS', 'dci.investigator', D, L],
        ['subject.update', 'SUCCESS', 'dci.investigator', D, L],
        ['case.revoke_share', 'SUCCESS', 'lcso.investigator', L, D],
        ['case.close', 'SUCCESS', 'lcso.supervisor', L, null],
      ]);
      const byAction = (a: string) => added.filter((e) => e.action === a).map((e) => e.changes);
      expect(byAction('case.update')[0]).toMatchObject({
        summary: '[confidential]',
        controlDetail: '[confidential]',
        title: { from: 'Ranch labor case', to: 'Ranch family labor case' },
      });
      expect(byAction('subject.add').map((ch) => ch.displayName)).toEqual(['[confidential]', '[confidential]']);
      expect(byAction('subject.update')[0]).toEqual({ displayName: '[confidential]' });
      expect(byAction('case_note.add').map((ch) => ch.body)).toEqual(['[confidential]', '[confidential]']);
      expect(byAction('case.close')[0].reason).toBe('[confidential]');
      const all = JSON.stringify(added.map((e) => e.changes));
      for (const value of Object.values(secrets)) expect({ value, leaked: all.includes(value) }).toEqual({ value, leaked: false });
      for (const fragment of ['Quintana', 'Salcedo', 'S.M.', 'deportation', 'cousin', 'uc_dci', 'recanted']) {
        expect({ fragment, leaked: all.includes(fragment) }).toEqual({ fragment, leaked: false });
      }
    });

    it('a refused change writes no SUCCESS event; a denial leaves a DENIED event that survives the rollback', async () => {
      const c = await openCase();
      await share(c.id, 'DCI', 'READ');
      const [{ seq }] = await t.ownerQuery(`SELECT max(seq)::int AS seq FROM audit_events`);
      await refused('updateCase', { id: c.id, version: 1, title: 'Stale' }, 'lcso.investigator', 'CONFLICT');
      await refused('setCaseStatus', { id: c.id, version: await version(c.id), status: 'CHARGED' }, 'lcso.investigator', 'BAD_USER_INPUT');
      await refused('addCaseNote', { caseId: c.id, body: 'Probe' }, 'cpd.investigator', 'NOT_FOUND');
      await refused('addSubject', { caseId: c.id, role: 'BUYER', displayName: 'Probe' }, 'dci.investigator', 'FORBIDDEN');
      expect(codes(await readCase(c.id, 'cpd.supervisor'))).toEqual(['NOT_FOUND']);

      const added = await t.ownerQuery(
        `SELECT action, outcome, actor_username, record_id, changes FROM audit_events WHERE seq > $1 ORDER BY seq`,
        [seq],
      );
      expect(added).toEqual([
        {
          action: 'case_note.add',
          outcome: 'DENIED',
          actor_username: 'cpd.investigator',
          record_id: c.id,
          changes: { reason: 'not found or no access' },
        },
        {
          action: 'subject.add',
          outcome: 'DENIED',
          actor_username: 'dci.investigator',
          record_id: c.id,
          changes: { reason: 'case standing READ, needs CONTRIBUTE' },
        },
        {
          action: 'case.read',
          outcome: 'DENIED',
          actor_username: 'cpd.supervisor',
          record_id: c.id,
          changes: { reason: 'not found or no access' },
        },
      ]);
      expect(await count(`case_notes WHERE case_id = $1`, [c.id])).toBe(0);
      expect(await count(`subjects WHERE case_id = $1`, [c.id])).toBe(0);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('row-level security underneath', () => {
    let c: Awaited<ReturnType<typeof openCase>>;
    let note: OpResult<'addCaseNote'>;
    beforeAll(async () => {
      c = await openCase('lcso.investigator', { identifiers: [{ kind: 'HANDLE', value: '@cases_spec_rls' }] });
      note = await ok('addCaseNote', { caseId: c.id, body: 'Only LCSO and its partners read this.' }, 'lcso.investigator');
      await addSubject(c.id);
      await ok('addCaseTask', { caseId: c.id, title: 'RLS task' }, 'lcso.investigator');
      await share(c.id, 'DCI', 'READ');
    });

    it('an agency without access sees no row of the case or of anything hanging off it, whatever SQL it sends; the lead agency and the participant do', async () => {
      const outsider = await principalOf('cpd.investigator');
      expect(await t.appRoleQuery(`SELECT * FROM cases WHERE id = $1`, [c.id], outsider)).toEqual([]);
      expect((await t.appRoleQuery(`SELECT case_id FROM case_notes`, [], outsider)).filter((n) => n.case_id === c.id)).toEqual([]);
      for (const table of ['case_notes', 'subjects', 'case_tasks', 'case_participants', 'identifiers']) {
        expect({
          table,
          rows: await t.appRoleQuery(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [c.id], outsider),
        }).toEqual({ table, rows: [{ n: 0 }] });
      }
      expect(await t.appRoleQuery(`SELECT case_access($1) AS a`, [c.id], outsider)).toEqual([{ a: null }]);

      const lead = await principalOf('lcso.investigator');
      expect(await t.appRoleQuery(`SELECT id FROM cases WHERE id = $1`, [c.id], lead)).toEqual([{ id: c.id }]);
      expect(await t.appRoleQuery(`SELECT id FROM case_notes WHERE case_id = $1`, [c.id], lead)).toEqual([{ id: note.id }]);
      const participant = await principalOf('dci.investigator');
      expect(await t.appRoleQuery(`SELECT id FROM cases WHERE id = $1`, [c.id], participant)).toEqual([{ id: c.id }]);
      expect(await t.appRoleQuery(`SELECT case_access($1) AS a`, [c.id], participant)).toEqual([{ a: 'READ' }]);
      // A participant cannot change the case row itself.
      expect(await t.appRoleQuery(`UPDATE cases SET title = 'Hijacked' WHERE id = $1 RETURNING id`, [c.id], participant)).toEqual([]);
      expect((await t.ownerQuery(`SELECT title FROM cases WHERE id = $1`, [c.id]))[0].title).toBe(c.title);
    });

    it('roles without case work see no case even of their own agency (admin, auditor)', async () => {
      expect(await count(`cases WHERE agency_id = $1`, [agency.LCSO.id])).toBeGreaterThan(0);
      for (const who of ['lcso.admin', 'lcso.auditor']) {
        const p = await principalOf(who);
        expect({ who, rows: await t.appRoleQuery(`SELECT * FROM cases WHERE id = $1`, [c.id], p) }).toEqual({ who, rows: [] });
        expect({ who, rows: await t.appRoleQuery(`SELECT count(*)::int AS n FROM cases`, [], p) }).toEqual({ who, rows: [{ n: 0 }] });
        expect({ who, rows: await t.appRoleQuery(`SELECT count(*)::int AS n FROM case_notes`, [], p) }).toEqual({ who, rows: [{ n: 0 }] });
      }
      // The same principal with a case-working role does see them (the policy, not the query, said no).
      // (Another user of the same agency, since the database takes the roles from the live session.)
      expect(await t.appRoleQuery(`SELECT id FROM cases WHERE id = $1`, [c.id], 'lcso.investigator')).toEqual([{ id: c.id }]);
    });

    it("direct inserts into another agency's case are refused: no access, READ, or in the lead agency's name", async () => {
      const insert = `INSERT INTO case_notes (case_id, agency_id, author_id, body) VALUES ($1, $2, $3, 'Planted note')`;
      const outsider = await principalOf('cpd.investigator');
      await expect(t.appRoleQuery(insert, [c.id, outsider.agencyId, outsider.userId], outsider)).rejects.toThrow(/row-level security/);
      const reader = await principalOf('dci.investigator');
      await expect(t.appRoleQuery(insert, [c.id, reader.agencyId, reader.userId], reader)).rejects.toThrow(/row-level security/);
      await expect(
        t.appRoleQuery(
          `INSERT INTO subjects (case_id, agency_id, role, display_name, created_by) VALUES ($1, $2, 'BUYER', 'Planted', $3)`,
          [c.id, outsider.agencyId, outsider.userId],
          outsider,
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        t.appRoleQuery(
          `INSERT INTO case_participants (case_id, agency_id, access, granted_by) VALUES ($1, $2, 'CONTRIBUTE', $3)`,
          [c.id, outsider.agencyId, outsider.userId],
          outsider,
        ),
      ).rejects.toThrow(/row-level security/);
      expect(await count(`case_notes WHERE body = 'Planted note'`)).toBe(0);
      expect(await count(`case_participants WHERE case_id = $1 AND agency_id = $2`, [c.id, outsider.agencyId])).toBe(0);

      // At CONTRIBUTE the participant may insert in its own name, never in the lead agency's.
      await share(c.id, 'DCI', 'CONTRIBUTE');
      await expect(t.appRoleQuery(insert, [c.id, agency.LCSO.id, reader.userId], reader)).rejects.toThrow(/row-level security/);
      await t.appRoleQuery(insert, [c.id, reader.agencyId, reader.userId], reader);
      expect(await t.ownerQuery(`SELECT agency_id FROM case_notes WHERE body = 'Planted note'`)).toEqual([{ agency_id: agency.DCI.id }]);
    });
  });

  // Last: after every write of this file (subjects added, tasks done, shares revoked, victims linked).
  describe('the counts kept on each case (migration 1763950000000)', () => {
    it("equal the case's children counted, for every case", async () => {
      const drift = await t.ownerQuery(
        `SELECT c.number FROM cases c
         WHERE c.subject_count <> (SELECT count(*) FROM subjects s WHERE s.case_id = c.id)
            OR c.open_task_count <> (SELECT count(*) FROM case_tasks k WHERE k.case_id = c.id AND k.done_at IS NULL)
            OR c.participant_count <> (SELECT count(*) FROM case_participants p WHERE p.case_id = c.id AND p.revoked_at IS NULL)
            OR c.victim_count <> (SELECT count(*) FROM victim_cases v WHERE v.case_id = c.id)`,
      );
      expect(drift).toEqual([]);
      const [n] = await t.ownerQuery<{ subjects: number; participants: number }>(
        `SELECT count(*) FILTER (WHERE subject_count > 0)::int AS subjects, count(*) FILTER (WHERE participant_count > 0)::int AS participants FROM cases`,
      );
      expect(n.subjects).toBeGreaterThan(0);
      expect(n.participants).toBeGreaterThan(0);
    });

    it('follow a subject added, a share granted and a share revoked, through the API', async () => {
      const c = await openCase();
      const read = async () =>
        (
          await t.ownerQuery<{ s: number; p: number }>(`SELECT subject_count AS s, participant_count AS p FROM cases WHERE id = $1`, [c.id])
        )[0];
      const before = await read();
      await addSubject(c.id);
      expect(await read()).toEqual({ s: before.s + 1, p: before.p });
      await share(c.id, 'DCI', 'READ');
      expect(await read()).toEqual({ s: before.s + 1, p: before.p + 1 });
      await ok('revokeCaseShare', { caseId: c.id, version: await version(c.id), agencyId: agency.DCI.id }, 'lcso.investigator');
      expect(await read()).toEqual({ s: before.s + 1, p: before.p });
    });
  });
});
