import { codes, personas, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import { expect } from '@jest/globals';

/**
 * A refused attempt on another agency's record reaches the owning agency's auditors: who, from
 * which agency, what and when, never the values tried; a denied identity read keeps the purpose it
 * gave. Read through the API as each agency's auditor (row-level security decides who sees what).
 */
const EVENTS = graphql(`
  query AuditDenialsAuditEvents($f: AuditEventFilter) {
    auditEvents(first: 100, filter: $f) {
      edges {
        node {
          action
          outcome
          actorUsername
          agencyId
          subjectAgencyId
          recordType
          recordId
          changes
          purpose
        }
      }
    }
  }
`);
const OPEN = graphql(`
  mutation AuditDenialsOpenCase($i: OpenCaseInput!) {
    openCase(input: $i) {
      case {
        id
        version
      }
    }
  }
`);
const SHARE = graphql(`
  mutation AuditDenialsShareCase($i: ShareCaseInput!) {
    shareCase(input: $i) {
      version
    }
  }
`);
const NOTE = graphql(`
  mutation AuditDenialsAddCaseNote($i: AddCaseNoteInput!) {
    addCaseNote(input: $i) {
      id
    }
  }
`);
const UPDATE = graphql(`
  mutation AuditDenialsUpdateCase($i: UpdateCaseInput!) {
    updateCase(input: $i) {
      version
    }
  }
`);
const REGISTER = graphql(`
  mutation AuditDenialsRegisterVictim($i: RegisterVictimInput!) {
    registerVictim(input: $i) {
      victim {
        id
        code
      }
    }
  }
`);
const IDENTITY = graphql(`
  query AuditDenialsVictim($id: ID!, $p: String!) {
    victim(id: $id) {
      code
      identity(purpose: $p) {
        denial
      }
    }
  }
`);

describe("refusals on another agency's records, as its auditors see them", () => {
  let t: TestApp;
  let agency: Record<string, string>;
  const { gql, ok } = personas(() => t);
  const seen = async (auditor: string, recordId: string) =>
    (await ok(EVENTS, { f: { recordId, outcome: 'DENIED' } }, auditor)).auditEvents.edges.map((e) => e.node);

  let caseId: string;
  let victimId: string;
  beforeAll(async () => {
    t = await startTestApp();
    agency = Object.fromEntries(
      (await t.ownerQuery<{ id: string; short_code: string }>(`SELECT id, short_code FROM agencies`)).map((a) => [a.short_code, a.id]),
    );
    const c = (
      await ok(OPEN, { i: { title: 'Denials audit: orchard crew', traffickingType: 'LABOR', counties: ['Laramie'] } }, 'lcso.investigator')
    ).openCase.case;
    caseId = c.id;
    await ok(SHARE, { i: { caseId, version: c.version, agencyId: agency.DCI, access: 'READ' } }, 'lcso.investigator');
    victimId = (
      await ok(
        REGISTER,
        {
          i: {
            ageBand: 'AGE_25_34',
            minorAtExploitation: false,
            gender: 'MALE',
            traffickingType: 'LABOR',
            identity: { legalName: 'Anselmo Vargas Peña' },
          },
        },
        'lcso.advocate',
      )
    ).registerVictim.victim.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a note on a READ-shared case and an edit by the reading agency: FORBIDDEN, seen by the owner's auditors and the actor's, never with the values", async () => {
    expect(codes(await gql(NOTE, { i: { caseId, body: 'Planted note: the foreman is an informant' } }, 'dci.investigator'))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await gql(UPDATE, { i: { id: caseId, version: 2, title: 'Hijacked title' } }, 'dci.investigator'))).toEqual(['FORBIDDEN']);
    const expected = [
      {
        action: 'case.update',
        actorUsername: 'dci.investigator',
        agencyId: agency.DCI,
        subjectAgencyId: agency.LCSO,
        recordType: 'case',
        recordId: caseId,
        outcome: 'DENIED',
        changes: { reason: 'case standing READ, needs LEAD' },
        purpose: null,
      },
      {
        action: 'case_note.add',
        actorUsername: 'dci.investigator',
        agencyId: agency.DCI,
        subjectAgencyId: agency.LCSO,
        recordType: 'case',
        recordId: caseId,
        outcome: 'DENIED',
        changes: { reason: 'case standing READ, needs CONTRIBUTE' },
        purpose: null,
      },
    ];
    expect(await seen('lcso.auditor', caseId)).toEqual(expected);
    expect(await seen('dci.auditor', caseId)).toEqual(expected);
    expect(JSON.stringify(await t.ownerQuery(`SELECT * FROM audit_events WHERE record_id = $1`, [caseId]))).not.toMatch(
      /Planted|informant|Hijacked/,
    );
  });

  it("an edit of a case not shared with the agency at all (NOT_FOUND) reaches the owner's auditors; the agency's own auditor sees its user's probe, nobody else", async () => {
    expect(codes(await gql(UPDATE, { i: { id: caseId, version: 2, title: 'Probe title' } }, 'cpd.investigator'))).toEqual(['NOT_FOUND']);
    const probe = {
      action: 'case.update',
      actorUsername: 'cpd.investigator',
      agencyId: agency.CPD,
      subjectAgencyId: agency.LCSO,
      recordType: 'case',
      recordId: caseId,
      outcome: 'DENIED',
      changes: { reason: 'not found or no access' },
      purpose: null,
    };
    expect(await seen('lcso.auditor', caseId)).toContainEqual(probe);
    expect(await seen('dci.auditor', caseId)).not.toContainEqual(expect.objectContaining({ actorUsername: 'cpd.investigator' }));
    // The same event, underneath: LCSO's auditors read it by its subject agency.
    expect(
      await t.appRoleQuery(
        `SELECT actor_username FROM audit_events WHERE record_id = $1 AND actor_username = 'cpd.investigator'`,
        [caseId],
        'lcso.auditor',
      ),
    ).toEqual([{ actor_username: 'cpd.investigator' }]);
    expect(JSON.stringify(await t.ownerQuery(`SELECT * FROM audit_events WHERE record_id = $1`, [caseId]))).not.toMatch(/Probe title/);
  });

  it('a denied identity read records the purpose given: a victim the reader cannot see (NOT_FOUND), and one it sees without a consent (NO_CONSENT)', async () => {
    const hidden = await gql(IDENTITY, { id: victimId, p: 'Checking a name from the tip line' }, 'dci.investigator');
    expect(codes(hidden)).toEqual(['NOT_FOUND']);
    const inline = await gql(
      graphql(`
        query AuditDenialsVictim2($id: ID!) {
          victim(id: $id) {
            ... on Victim {
              identity(purpose: "Second look at the tip") {
                denial
              }
            }
          }
        }
      `),
      { id: victimId },
      'hsi.investigator',
    );
    expect(codes(inline)).toEqual(['NOT_FOUND']);
    // Linked to the case DCI reads: DCI now sees the code, and the identity is refused for want of a consent.
    await ok(
      graphql(`
        mutation AuditDenialsLinkVictimToCase($i: LinkVictimInput!) {
          linkVictimToCase(input: $i) {
            id
          }
        }
      `),
      { i: { victimId, caseId } },
      'lcso.advocate',
    );
    expect((await ok(IDENTITY, { id: victimId, p: 'Interview planning' }, 'dci.investigator')).victim.identity.denial).toBe('NO_CONSENT');

    const events = await seen('lcso.auditor', victimId);
    expect(events).toEqual([
      {
        action: 'victim.identity.read',
        actorUsername: 'dci.investigator',
        agencyId: agency.DCI,
        subjectAgencyId: agency.LCSO,
        recordType: 'victim',
        recordId: victimId,
        outcome: 'DENIED',
        changes: { denial: 'NO_CONSENT' },
        purpose: 'Interview planning',
      },
      {
        action: 'victim.read',
        actorUsername: 'hsi.investigator',
        agencyId: agency.HSI,
        subjectAgencyId: agency.LCSO,
        recordType: 'victim',
        recordId: victimId,
        outcome: 'DENIED',
        changes: { reason: 'not found or no access' },
        purpose: 'Second look at the tip',
      },
      {
        action: 'victim.read',
        actorUsername: 'dci.investigator',
        agencyId: agency.DCI,
        subjectAgencyId: agency.LCSO,
        recordType: 'victim',
        recordId: victimId,
        outcome: 'DENIED',
        changes: { reason: 'not found or no access' },
        purpose: 'Checking a name from the tip line',
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Anselmo|Vargas/);
    expect((await seen('dci.auditor', victimId)).map((e) => e.purpose)).toEqual([
      'Interview planning',
      'Checking a name from the tip line',
    ]);
  });

  it("a refusal on the actor's own agency's record names no other agency; the lead agency refused another agency's task names that agency", async () => {
    // LCSO's investigator may not correct an LCSO identity (advocates and supervisors do): LCSO's own business.
    const r = await gql(
      graphql(`
        mutation AuditDenialsUpdateVictimIdentity($i: UpdateVictimIdentityInput!) {
          updateVictimIdentity(input: $i) {
            version
          }
        }
      `),
      { i: { victimId, version: 1, reason: 'Spelling', changes: { legalName: 'Anselmo Vargas' } } },
      'lcso.investigator',
    );
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(
      await t.ownerQuery(
        `SELECT agency_id, subject_agency_id, changes FROM audit_events WHERE action = 'victim.identity.update' AND outcome = 'DENIED' AND record_id = $1`,
        [victimId],
      ),
    ).toEqual([{ agency_id: agency.LCSO, subject_agency_id: null, changes: { reason: 'needs VICTIM_ADVOCATE or SUPERVISOR' } }]);

    // DCI's task on an LCSO case it contributes to: LCSO may not change it, and DCI's auditors see LCSO try.
    const c = (await ok(OPEN, { i: { title: 'Denials audit: shared tasks', traffickingType: 'LABOR' } }, 'lcso.investigator')).openCase
      .case;
    await ok(SHARE, { i: { caseId: c.id, version: c.version, agencyId: agency.DCI, access: 'CONTRIBUTE' } }, 'lcso.investigator');
    const task = (
      await ok(
        graphql(`
          mutation AuditDenialsAddCaseTask($i: AddCaseTaskInput!) {
            addCaseTask(input: $i) {
              id
              version
            }
          }
        `),
        { i: { caseId: c.id, title: 'DCI records request' } },
        'dci.investigator',
      )
    ).addCaseTask;
    const refused = await gql(
      graphql(`
        mutation AuditDenialsUpdateCaseTask($i: UpdateCaseTaskInput!) {
          updateCaseTask(input: $i) {
            id
          }
        }
      `),
      { i: { id: task.id, version: task.version, title: 'Taken over' } },
      'lcso.investigator',
    );
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(await seen('dci.auditor', task.id)).toEqual([
      {
        action: 'case_task.update',
        actorUsername: 'lcso.investigator',
        agencyId: agency.LCSO,
        subjectAgencyId: agency.DCI,
        recordType: 'case_task',
        recordId: task.id,
        outcome: 'DENIED',
        changes: { reason: 'task of another agency' },
        purpose: null,
      },
    ]);
  });

  it('the chain still verifies with the subject agencies filled in', async () => {
    expect(
      (
        await ok(
          graphql(`
            query AuditDenialsAuditTrailVerification {
              auditTrailVerification {
                ok
                reason
              }
            }
          `),
          {},
          'lcso.auditor',
        )
      ).auditTrailVerification,
    ).toEqual({
      ok: true,
      reason: null,
    });
  });
});
