import { codes, personas, startTestApp, TestApp } from './support/test-app';
import { expectVisibilityMatchesRules } from './support/visibility';
import { graphql } from './gql';
import { expect } from '@jest/globals';

/**
 * Referrals between agencies, as the people who send and answer them: every step by the right and
 * the wrong side, two answers at once, expiry by the job, consent for a victim's identity, the
 * mandatory child-welfare report, participation on acceptance, notifications, history and audit.
 */
const SEND_CASE = graphql(`
  mutation ReferralsSendCaseReferral($i: SendCaseReferralInput!) {
    sendCaseReferral(input: $i) {
      id
      kind
      status
      urgency
      reason
      overdue
      direction
      caseId
      victimId
      offeredAccess
      serviceCategory
      disclosesIdentity
      answerReason
      outcome
      serviceId
      version
      fromAgency {
        shortCode
      }
      toAgency {
        shortCode
      }
      fromUser {
        displayName
      }
      brief {
        label
        caseType
        caseCounties
        victimCode
        ageBand
        minorAtExploitation
        traffickingType
      }
    }
  }
`);
const SEND_VICTIM = graphql(`
  mutation ReferralsSendVictimReferral($i: SendVictimReferralInput!) {
    sendVictimReferral(input: $i) {
      id
      kind
      status
      urgency
      reason
      overdue
      direction
      caseId
      victimId
      offeredAccess
      serviceCategory
      disclosesIdentity
      answerReason
      outcome
      serviceId
      version
      fromAgency {
        shortCode
      }
      toAgency {
        shortCode
      }
      fromUser {
        displayName
      }
      brief {
        label
        caseType
        caseCounties
        victimCode
        ageBand
        minorAtExploitation
        traffickingType
      }
    }
  }
`);
const ACCEPT = graphql(`
  mutation ReferralsAcceptReferral($i: ReferralAnswerInput!) {
    acceptReferral(input: $i) {
      id
      kind
      status
      urgency
      reason
      overdue
      direction
      caseId
      victimId
      offeredAccess
      serviceCategory
      disclosesIdentity
      answerReason
      outcome
      serviceId
      version
      fromAgency {
        shortCode
      }
      toAgency {
        shortCode
      }
      fromUser {
        displayName
      }
      brief {
        label
        caseType
        caseCounties
        victimCode
        ageBand
        minorAtExploitation
        traffickingType
      }
      history {
        action
        actor {
          displayName
        }
        actorAgency {
          shortCode
        }
        note
      }
    }
  }
`);
const DECLINE = graphql(`
  mutation ReferralsDeclineReferral($i: ReferralAnswerInput!) {
    declineReferral(input: $i) {
      id
      kind
      status
      urgency
      reason
      overdue
      direction
      caseId
      victimId
      offeredAccess
      serviceCategory
      disclosesIdentity
      answerReason
      outcome
      serviceId
      version
      fromAgency {
        shortCode
      }
      toAgency {
        shortCode
      }
      fromUser {
        displayName
      }
      brief {
        label
        caseType
        caseCounties
        victimCode
        ageBand
        minorAtExploitation
        traffickingType
      }
      history {
        action
        actor {
          displayName
        }
        actorAgency {
          shortCode
        }
        note
      }
    }
  }
`);
const WITHDRAW = graphql(`
  mutation ReferralsWithdrawReferral($i: ReferralAnswerInput!) {
    withdrawReferral(input: $i) {
      id
      kind
      status
      urgency
      reason
      overdue
      direction
      caseId
      victimId
      offeredAccess
      serviceCategory
      disclosesIdentity
      answerReason
      outcome
      serviceId
      version
      fromAgency {
        shortCode
      }
      toAgency {
        shortCode
      }
      fromUser {
        displayName
      }
      brief {
        label
        caseType
        caseCounties
        victimCode
        ageBand
        minorAtExploitation
        traffickingType
      }
      history {
        action
        actor {
          displayName
        }
        actorAgency {
          shortCode
        }
        note
      }
    }
  }
`);
const COMPLETE = graphql(`
  mutation ReferralsCompleteReferral($i: CompleteReferralInput!) {
    completeReferral(input: $i) {
      id
      kind
      status
      urgency
      reason
      overdue
      direction
      caseId
      victimId
      offeredAccess
      serviceCategory
      disclosesIdentity
      answerReason
      outcome
      serviceId
      version
      fromAgency {
        shortCode
      }
      toAgency {
        shortCode
      }
      fromUser {
        displayName
      }
      brief {
        label
        caseType
        caseCounties
        victimCode
        ageBand
        minorAtExploitation
        traffickingType
      }
      history {
        action
        actor {
          displayName
        }
        actorAgency {
          shortCode
        }
        note
      }
    }
  }
`);
const INBOX = graphql(`
  query ReferralsReferrals($f: ReferralsFilter!) {
    referrals(filter: $f, first: 100) {
      edges {
        node {
          id
          status
          kind
          urgency
          overdue
        }
      }
    }
  }
`);
const ONE = graphql(`
  query ReferralsReferral($id: ID!) {
    referral(id: $id) {
      id
      kind
      status
      urgency
      reason
      overdue
      direction
      caseId
      victimId
      offeredAccess
      serviceCategory
      disclosesIdentity
      answerReason
      outcome
      serviceId
      version
      fromAgency {
        shortCode
      }
      toAgency {
        shortCode
      }
      fromUser {
        displayName
      }
      brief {
        label
        caseType
        caseCounties
        victimCode
        ageBand
        minorAtExploitation
        traffickingType
      }
      history {
        action
        note
        actor {
          displayName
        }
      }
    }
  }
`);
const CASE = graphql(`
  query ReferralsCase($id: ID!) {
    case(id: $id) {
      id
      myAccess
    }
  }
`);
const NOTES = graphql(`
  query ReferralsNotifications {
    notifications(unreadOnly: true) {
      id
      event
      title
      referralId
    }
  }
`);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('referrals between agencies', () => {
  let t: TestApp;
  let agency: Record<string, string>;
  const { as, gql, ok, forget } = personas(() => t);
  const openCase = async (title: string, u = 'lcso.investigator') =>
    (
      await ok(
        graphql(`
          mutation ReferralsOpenCase($i: OpenCaseInput!) {
            openCase(input: $i) {
              case {
                id
              }
            }
          }
        `),
        { i: { title, traffickingType: 'LABOR', counties: ['Laramie'], assigneeIds: [] } },
        u,
      )
    ).openCase.case.id;
  const sendCase = async (caseId: string, to: string, over: Record<string, unknown> = {}, u = 'lcso.investigator') =>
    (
      await ok(
        SEND_CASE,
        {
          i: {
            caseId,
            toAgencyId: agency[to],
            reason: 'Federal prosecution of the forced-labor counts',
            urgency: 'URGENT',
            access: 'CONTRIBUTE',
            ...over,
          },
        },
        u,
      )
    ).sendCaseReferral;
  const registerVictim = async (u: string, over: Record<string, unknown> = {}) =>
    (
      await ok(
        graphql(`
          mutation ReferralsRegisterVictim($i: RegisterVictimInput!) {
            registerVictim(input: $i) {
              victim {
                id
                code
              }
            }
          }
        `),
        {
          i: {
            ageBand: 'AGE_25_34',
            minorAtExploitation: false,
            gender: 'FEMALE',
            traffickingType: 'SEX',
            identity: { legalName: 'Rosa Imelda Pacheco', phone: '+1 307 555 0123' },
            ...over,
          },
        },
        u,
      )
    ).registerVictim.victim;
  const notificationsOf = async (u: string, referralId: string) =>
    (await ok(NOTES, {}, u)).notifications.filter((n) => n.referralId === referralId);

  beforeAll(async () => {
    t = await startTestApp({}, { keepDatabase: true });
    agency = Object.fromEntries(
      (await t.ownerQuery<{ id: string; short_code: string }>(`SELECT id, short_code FROM agencies`)).map((a) => [a.short_code, a.id]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a case referral: the receiver decides on a brief, acceptance makes it a participant, completion records the outcome; each step in history, audit and notifications', async () => {
    const caseId = await openCase('Referral test: dairy workers');
    const sent = await sendCase(caseId, 'USAO');
    expect(sent).toMatchObject({
      kind: 'CASE',
      status: 'PENDING',
      urgency: 'URGENT',
      direction: 'OUTGOING',
      caseId,
      offeredAccess: 'CONTRIBUTE',
      fromAgency: { shortCode: 'LCSO' },
      toAgency: { shortCode: 'USAO' },
      fromUser: { displayName: 'Det. Marcus Reyes' },
      overdue: false,
    });

    // The receiver sees the brief (type, counties), not the case: no id, no access yet.
    const incoming = (await ok(ONE, { id: sent.id }, 'usao.prosecutor')).referral;
    expect(incoming).toMatchObject({
      direction: 'INCOMING',
      caseId: null,
      brief: { label: 'LABOR trafficking case, Laramie', caseType: 'LABOR', caseCounties: ['Laramie'] },
    });
    expect(JSON.stringify(incoming)).not.toContain('dairy workers');
    expect(codes(await gql(CASE, { id: caseId }, 'usao.prosecutor'))).toEqual(['NOT_FOUND']);
    const [notice] = await notificationsOf('usao.prosecutor', sent.id);
    expect(notice).toMatchObject({ event: 'SENT', title: expect.stringContaining('Case referral sent (URGENT)') });
    expect(await notificationsOf('usao.supervisor', sent.id)).toHaveLength(1);
    expect(await notificationsOf('usao.advocate', sent.id)).toEqual([]);

    // Wrong side, wrong agency, wrong role: nothing changes.
    expect(codes(await gql(ACCEPT, { i: { id: sent.id, version: 1 } }, 'lcso.supervisor'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(ACCEPT, { i: { id: sent.id, version: 1 } }, 'dci.supervisor'))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(ACCEPT, { i: { id: sent.id, version: 1 } }, 'usao.advocate'))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(ACCEPT, { i: { id: sent.id, version: 1 } }, 'usao.admin'))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(COMPLETE, { i: { id: sent.id, version: 1, outcome: 'Indicted' } }, 'usao.prosecutor'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect((await ok(ONE, { id: sent.id }, 'lcso.investigator')).referral).toMatchObject({ status: 'PENDING', version: 1 });

    const accepted = (await ok(ACCEPT, { i: { id: sent.id, version: 1 } }, 'usao.prosecutor')).acceptReferral;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', caseId, version: 2 });
    expect(accepted.history.map((h) => `${h.action}:${h.actorAgency!.shortCode}`)).toEqual(['SENT:LCSO', 'ACCEPTED:USAO']);
    expect((await ok(CASE, { id: caseId }, 'usao.prosecutor')).case.myAccess).toBe('CONTRIBUTE');
    expect((await notificationsOf('lcso.investigator', sent.id)).map((n) => n.event)).toEqual(['ACCEPTED']);

    const done = (
      await ok(COMPLETE, { i: { id: sent.id, version: 2, outcome: 'Indictment returned; case assigned to AUSA Marsh' } }, 'usao.prosecutor')
    ).completeReferral;
    expect(done).toMatchObject({ status: 'COMPLETED', outcome: 'Indictment returned; case assigned to AUSA Marsh' });
    const events = await t.ownerQuery<{ action: string; outcome: string }>(
      `SELECT action, outcome FROM audit_events WHERE record_id = $1 ORDER BY seq`,
      [sent.id],
    );
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'referral.send:SUCCESS',
      'referral.accept:DENIED',
      'referral.accept:DENIED',
      'referral.accept:SUCCESS',
      'referral.complete:SUCCESS',
    ]);

    // The lead agency revokes the share: the participation that acceptance granted ends.
    const { version } = (
      await ok(
        graphql(`
          query ReferralsCase2($id: ID!) {
            case(id: $id) {
              version
            }
          }
        `),
        { id: caseId },
        'lcso.investigator',
      )
    ).case;
    await ok(
      graphql(`
        mutation ReferralsRevokeCaseShare($i: RevokeCaseShareInput!) {
          revokeCaseShare(input: $i) {
            id
          }
        }
      `),
      { i: { caseId, version, agencyId: agency.USAO } },
      'lcso.investigator',
    );
    expect(codes(await gql(CASE, { id: caseId }, 'usao.prosecutor'))).toEqual(['NOT_FOUND']);
    // Marking notifications read.
    const mine = await notificationsOf('lcso.investigator', sent.id);
    expect(
      (
        await ok(
          graphql(`
            mutation ReferralsMarkNotificationsRead($i: MarkNotificationsReadInput!) {
              markNotificationsRead(input: $i)
            }
          `),
          { i: { ids: mine.map((n) => n.id) } },
          'lcso.investigator',
        )
      ).markNotificationsRead,
    ).toBe(2);
    expect(await notificationsOf('lcso.investigator', sent.id)).toEqual([]);
  });

  it("marking notifications read is audited (which ones, by whom); marking none, or someone else's, changes and audits nothing", async () => {
    const caseId = await openCase('Referral test: notifications read');
    const r = await sendCase(caseId, 'USAO', { access: 'READ' });
    const [mine] = await notificationsOf('usao.prosecutor', r.id);
    const [theirs] = await notificationsOf('usao.supervisor', r.id);
    expect([mine?.event, theirs?.event]).toEqual(['SENT', 'SENT']);
    const markRead = async (ids: string[]) =>
      (
        await ok(
          graphql(`
            mutation ReferralsMarkNotificationsRead2($i: MarkNotificationsReadInput!) {
              markNotificationsRead(input: $i)
            }
          `),
          { i: { ids } },
          'usao.prosecutor',
        )
      ).markNotificationsRead;
    const events = () =>
      t.ownerQuery(
        `SELECT actor_username, agency_id, record_type, outcome, changes FROM audit_events WHERE action = 'notification.mark_read' AND changes->'ids' ?| $1 ORDER BY seq`,
        [[mine.id, theirs.id]],
      );
    const readAt = async (id: string) => (await t.ownerQuery(`SELECT read_at FROM notifications WHERE id = $1`, [id]))[0].read_at;

    expect(await markRead([theirs.id])).toBe(0);
    expect(await readAt(theirs.id)).toBeNull();
    expect(await events()).toEqual([]);

    expect(await markRead([mine.id, theirs.id])).toBe(1);
    expect(await readAt(mine.id)).not.toBeNull();
    expect(await readAt(theirs.id)).toBeNull();
    expect(await events()).toEqual([
      {
        actor_username: 'usao.prosecutor',
        agency_id: agency.USAO,
        record_type: 'notification',
        outcome: 'SUCCESS',
        changes: { ids: [mine.id], count: 1 },
      },
    ]);

    expect(await markRead([mine.id])).toBe(0);
    expect(await events()).toHaveLength(1);
  });

  it("decline needs a reason; withdraw is the sender's (or a supervisor's); a finished referral cannot move again", async () => {
    const caseId = await openCase('Referral test: decline and withdraw');
    const a = await sendCase(caseId, 'DCI', { access: 'READ', urgency: 'ROUTINE' });
    expect(codes(await gql(DECLINE, { i: { id: a.id, version: 1 } }, 'dci.supervisor'))).toEqual(['BAD_USER_INPUT']);
    const declined = (
      await ok(DECLINE, { i: { id: a.id, version: 1, reason: 'Already covered by our sales-crew case' } }, 'dci.supervisor')
    ).declineReferral;
    expect(declined).toMatchObject({ status: 'DECLINED', answerReason: 'Already covered by our sales-crew case', caseId: null });
    expect(codes(await gql(ACCEPT, { i: { id: a.id, version: 2 } }, 'dci.supervisor'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(CASE, { id: caseId }, 'dci.investigator'))).toEqual(['NOT_FOUND']);
    expect((await notificationsOf('lcso.investigator', a.id)).map((n) => n.event)).toEqual(['DECLINED']);

    const b = await sendCase(caseId, 'FBI', { access: 'READ' });
    expect(
      codes(
        await gql(
          SEND_CASE,
          { i: { caseId, toAgencyId: agency.FBI, reason: 'again', urgency: 'ROUTINE', access: 'READ' } },
          'lcso.investigator',
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(WITHDRAW, { i: { id: b.id, version: 1 } }, 'fbi.investigator'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(WITHDRAW, { i: { id: b.id, version: 1 } }, 'lcso.investigator2'))).toEqual(['FORBIDDEN']);
    const withdrawn = (await ok(WITHDRAW, { i: { id: b.id, version: 1, reason: 'Sent to the wrong office' } }, 'lcso.supervisor'))
      .withdrawReferral;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN' });
    expect(codes(await gql(ACCEPT, { i: { id: b.id, version: 2 } }, 'fbi.investigator'))).toEqual(['FORBIDDEN']);
    expect((await notificationsOf('fbi.investigator', b.id)).map((n) => n.event).sort()).toEqual(['SENT', 'WITHDRAWN']);

    // Sending needs the lead agency, a real receiver, an open case.
    expect(
      codes(
        await gql(
          SEND_CASE,
          { i: { caseId, toAgencyId: agency.LCSO, reason: 'self', urgency: 'ROUTINE', access: 'READ' } },
          'lcso.investigator',
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await gql(
          SEND_CASE,
          { i: { caseId, toAgencyId: agency.USAO, reason: 'not mine', urgency: 'ROUTINE', access: 'READ' } },
          'cpd.investigator',
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      codes(
        await gql(
          SEND_CASE,
          { i: { caseId, toAgencyId: agency.USAO, reason: 'advocate', urgency: 'ROUTINE', access: 'READ' } },
          'lcso.advocate',
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await gql(SEND_CASE, { i: { caseId, toAgencyId: agency.USAO, reason: 'x', urgency: 'SOON', access: 'READ' } }, 'lcso.investigator'),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('two people answering at once: exactly one wins, the other gets CONFLICT; one participant, one history entry', async () => {
    const caseId = await openCase('Referral test: race');
    const r = await sendCase(caseId, 'USAO');
    const [p, s] = await Promise.all([as('usao.prosecutor'), as('usao.supervisor')]);
    const answers = await Promise.all([
      t.gql(ACCEPT, { i: { id: r.id, version: 1 } }, p),
      t.gql(DECLINE, { i: { id: r.id, version: 1, reason: 'We decline' } }, s),
    ]);
    const outcomes = answers
      .map((a) =>
        a.errors
          ? a.errors[0].extensions?.code
          : 'acceptReferral' in a.data!
            ? a.data.acceptReferral.status
            : a.data!.declineReferral.status,
      )
      .sort();
    expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'ACCEPTED' || o === 'DECLINED')).toHaveLength(1);
    const history = await t.ownerQuery(`SELECT action FROM referral_events WHERE referral_id = $1 ORDER BY at`, [r.id]);
    expect(history).toHaveLength(2);
    const shares = await t.ownerQuery(
      `SELECT count(*)::int AS n FROM case_participants WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL`,
      [caseId, agency.USAO],
    );
    expect(shares[0].n).toBe(outcomes.includes('ACCEPTED') ? 1 : 0);
  });

  it('a victim-service referral: the identity only under a live consent (missing, expired, live); acceptance opens the service at the provider', async () => {
    const v = await registerVictim('safeharbor.advocate');
    const send = (over: Record<string, unknown> = {}) =>
      gql(
        SEND_VICTIM,
        {
          i: {
            victimId: v.id,
            toAgencyId: agency.DVS,
            category: 'CRIME_VICTIMS_COMPENSATION',
            reason: 'Help with the compensation claim',
            urgency: 'ROUTINE',
            disclosesIdentity: true,
            ...over,
          },
        },
        'safeharbor.advocate',
      );
    let refused = await send();
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0].message).toMatch(new RegExp(`${v.code}.*live IDENTITY consent to DVS.*is not on file`));
    await t.ownerQuery(
      `INSERT INTO consents (victim_id, agency_id, recipient_agency_id, scopes, purpose, signed_on, expires_on, created_by)
       SELECT $1, agency_id, $2, ARRAY['IDENTITY','CONTACT'], 'Compensation claim', current_date - 60, current_date - 1, created_by FROM victims WHERE id = $1`,
      [v.id, agency.DVS],
    );
    refused = await send();
    expect(refused.errors![0].message).toMatch(/has expired/);
    // The shelter is a victim-service provider: without the identity it still needs a live consent naming DVS.
    refused = await send({ disclosesIdentity: false, category: 'TRANSPORTATION' });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0].message).toMatch(
      /victim-service provider.*needs a live consent naming DVS even without the identity.*has expired/,
    );
    expect(await t.ownerQuery(`SELECT 1 FROM referrals WHERE victim_id = $1`, [v.id])).toEqual([]);

    await ok(
      graphql(`
        mutation ReferralsRecordConsent($i: RecordConsentInput!) {
          recordConsent(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          victimId: v.id,
          recipientAgencyId: agency.DVS,
          scopes: ['IDENTITY', 'CONTACT'],
          purpose: 'Compensation claim',
          signedOn: day(0),
          expiresOn: day(120),
        },
      },
      'safeharbor.advocate',
    );
    // Without the identity the receiver sees the code and the profile.
    const plain = (await send({ disclosesIdentity: false, category: 'TRANSPORTATION' })).data!.sendVictimReferral;
    expect(plain).toMatchObject({ kind: 'VICTIM_SERVICE', disclosesIdentity: false, victimId: v.id });
    const seen = (await ok(ONE, { id: plain.id }, 'dvs.advocate')).referral;
    expect(seen).toMatchObject({
      victimId: null,
      brief: { victimCode: v.code, ageBand: 'AGE_25_34', traffickingType: 'SEX', label: `${v.code}: transportation` },
    });

    const withId = (await send()).data!.sendVictimReferral;
    expect(withId).toMatchObject({ status: 'PENDING', disclosesIdentity: true });
    expect(codes(await gql(ACCEPT, { i: { id: withId.id, version: 1 } }, 'dvs.admin'))).toEqual(['FORBIDDEN']);
    const accepted = (await ok(ACCEPT, { i: { id: withId.id, version: 1 } }, 'dvs.advocate')).acceptReferral;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', victimId: v.id, serviceId: expect.any(String) });
    const provided = (
      await ok(
        graphql(`
          query ReferralsProvidedServices {
            providedServices {
              id
              category
              status
              victimCode
            }
          }
        `),
        {},
        'dvs.advocate',
      )
    ).providedServices;
    expect(provided).toContainEqual({
      id: accepted.serviceId,
      category: 'CRIME_VICTIMS_COMPENSATION',
      status: 'IN_PROGRESS',
      victimCode: v.code,
    });
    const identity = await ok(
      graphql(`
        query ReferralsVictim($id: ID!) {
          victim(id: $id) {
            identity(purpose: "Compensation claim form") {
              identity {
                legalName
                phone
              }
            }
          }
        }
      `),
      { id: v.id },
      'dvs.advocate',
    );
    expect(identity.victim.identity.identity).toEqual({ legalName: 'Rosa Imelda Pacheco', phone: '+1 307 555 0123' });
    // Only the custodial agency refers its victim.
    expect(
      codes(
        await gql(
          SEND_VICTIM,
          { i: { victimId: v.id, toAgencyId: agency.HPSH, category: 'HOUSING', reason: 'x-reason', urgency: 'ROUTINE' } },
          'dvs.advocate',
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('a victim-service provider refers a survivor only under a live consent naming the receiver, even without the identity (audited as a denial); police need none', async () => {
    const v = await registerVictim('safeharbor.advocate', { identity: { legalName: 'Maria Elena Ortiz' } });
    const RECORD = graphql(`
      mutation ReferralsRecordConsent2($i: RecordConsentInput!) {
        recordConsent(input: $i) {
          id
          version
        }
      }
    `);
    const consent = async (to: string, scopes: string[]) =>
      (
        await ok(
          RECORD,
          {
            i: {
              victimId: v.id,
              recipientAgencyId: agency[to],
              scopes,
              purpose: 'Housing and safety planning',
              signedOn: day(0),
              expiresOn: day(60),
            },
          },
          'safeharbor.advocate',
        )
      ).recordConsent;
    const send = (over: Record<string, unknown> = {}) =>
      gql(
        SEND_VICTIM,
        {
          i: {
            victimId: v.id,
            toAgencyId: agency.DVS,
            category: 'HOUSING',
            reason: 'Transitional housing',
            urgency: 'ROUTINE',
            disclosesIdentity: false,
            ...over,
          },
        },
        'safeharbor.advocate',
      );
    const denials = () =>
      t.ownerQuery(
        `SELECT actor_username, agency_id, record_type, outcome, changes FROM audit_events
      WHERE action = 'referral.send' AND (record_id = $1 OR changes->'victimId'->>'to' = $1) ORDER BY seq`,
        [v.id],
      );
    const nothingWritten = async () => {
      expect(await t.ownerQuery(`SELECT id FROM referrals WHERE victim_id = $1`, [v.id])).toEqual([]);
      expect(
        await t.ownerQuery(`SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.agency_id = $1 AND n.title LIKE $2`, [
          agency.DVS,
          `%${v.code}%`,
        ]),
      ).toEqual([]);
    };

    // A consent naming another agency does not count.
    await consent('DCI', ['SERVICES']);
    const none = await send();
    expect(codes(none)).toEqual(['FORBIDDEN']);
    expect(none.data?.sendVictimReferral ?? null).toBeNull();
    expect(none.errors![0].message).toBe(
      `High Plains Safe Harbor (shelter and advocacy) is a victim-service provider: referring ${v.code} to Wyoming Division of Victim Services ` +
        "needs a live consent naming DVS even without the identity (VAWA/VOCA confidentiality), and it is not on file. Record the survivor's signed release first.",
    );
    await nothingWritten();
    expect(await denials()).toEqual([
      {
        actor_username: 'safeharbor.advocate',
        agency_id: agency.HPSH,
        record_type: 'victim',
        outcome: 'DENIED',
        changes: { reason: 'victim-service provider: no live consent to DVS' },
      },
    ]);
    expect(JSON.stringify(await t.ownerQuery(`SELECT changes FROM audit_events WHERE record_id = $1`, [v.id]))).not.toContain('Ortiz');

    // A revoked consent to DVS: refused, and the message says so.
    const toDvs = await consent('DVS', ['SERVICES']);
    await ok(
      graphql(`
        mutation ReferralsRevokeConsent($i: RevokeConsentInput!) {
          revokeConsent(input: $i) {
            id
          }
        }
      `),
      { i: { id: toDvs.id, version: toDvs.version, reason: 'Survivor withdrew it' } },
      'safeharbor.advocate',
    );
    expect((await send()).errors![0].message).toMatch(/needs a live consent naming DVS even without the identity .*and it was revoked/);
    await nothingWritten();
    expect((await denials()).map((e) => e.outcome)).toEqual(['DENIED', 'DENIED']);

    // A live SERVICES consent to DVS: the referral without the identity goes; with it, IDENTITY is still needed.
    await consent('DVS', ['SERVICES']);
    const sent = (await send()).data!.sendVictimReferral;
    expect(sent).toMatchObject({ kind: 'VICTIM_SERVICE', status: 'PENDING', disclosesIdentity: false, toAgency: { shortCode: 'DVS' } });
    const withIdentity = await send({ disclosesIdentity: true, category: 'LEGAL_ADVOCACY' });
    expect(withIdentity.errors![0].message).toMatch(
      new RegExp(`${v.code}'s identity .*live IDENTITY consent to DVS, and it is not on file`),
    );
    expect((await denials()).map((e) => e.outcome)).toEqual(['DENIED', 'DENIED', 'SUCCESS', 'DENIED']);

    // Law enforcement is not a victim-service provider: the sheriff refers its own victim without the identity and without a consent.
    const lcsoVictim = await registerVictim('lcso.advocate', { identity: { legalName: 'Jorge Luis Medina' } });
    const police = await gql(
      SEND_VICTIM,
      {
        i: {
          victimId: lcsoVictim.id,
          toAgencyId: agency.HPSH,
          category: 'EMERGENCY_SHELTER',
          reason: 'Shelter tonight',
          urgency: 'EMERGENCY',
          disclosesIdentity: false,
        },
      },
      'lcso.advocate',
    );
    expect(police.errors).toBeUndefined();
    expect(police.data!.sendVictimReferral).toMatchObject({ status: 'PENDING', toAgency: { shortCode: 'HPSH' }, disclosesIdentity: false });
  });

  it('a minor identified as a victim of sex trafficking is reported to child welfare by the system, once; DFS reads the identity and its acceptance meets the DFS deadline', async () => {
    const v = await registerVictim('lcso.advocate', {
      ageBand: 'AGE_15_17',
      minorAtExploitation: true,
      identity: { legalName: 'Skylar Ann Whitetail', birthDate: '2010-09-09' },
    });
    const out = (await ok(INBOX, { f: { direction: 'OUTGOING', kind: ['MANDATORY_CHILD_WELFARE'] } }, 'lcso.advocate')).referrals.edges.map(
      (e) => e.node,
    );
    const mine = [];
    for (const n of out) {
      const r = (await ok(ONE, { id: n.id }, 'lcso.advocate')).referral;
      if (r.victimId === v.id) mine.push(r);
    }
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      urgency: 'URGENT',
      toAgency: { shortCode: 'DFS' },
      status: 'PENDING',
      brief: { victimCode: v.code, minorAtExploitation: true },
    });
    // Correcting the profile does not report the child twice.
    await ok(
      graphql(`
        mutation ReferralsUpdateVictim($i: UpdateVictimInput!) {
          updateVictim(input: $i) {
            version
          }
        }
      `),
      { i: { id: v.id, version: 1, riskFactors: ['RUNAWAY_OR_HOMELESS_YOUTH'] } },
      'lcso.advocate',
    );
    expect(await t.ownerQuery(`SELECT id FROM referrals WHERE victim_id = $1`, [v.id])).toHaveLength(1);

    // Mandatory reporting does not wait for a consent: DFS reads identity and contact, not health notes.
    const read = (
      await ok(
        graphql(`
          query ReferralsVictim2($id: ID!) {
            victim(id: $id) {
              identity(purpose: "Safety assessment") {
                denial
                released
                identity {
                  legalName
                  birthDate
                  healthNotes
                }
              }
            }
          }
        `),
        { id: v.id },
        'dfs.advocate',
      )
    ).victim.identity;
    expect(read).toMatchObject({
      denial: null,
      identity: { legalName: 'Skylar Ann Whitetail', birthDate: '2010-09-09', healthNotes: null },
    });
    expect((await notificationsOf('dfs.advocate', mine[0].id)).map((n) => n.event)).toEqual(['SENT']);
    const dfsBefore = (
      await ok(
        graphql(`
          query ReferralsVictim3($id: ID!) {
            victim(id: $id) {
              deadlines {
                rule
                status
              }
            }
          }
        `),
        { id: v.id },
        'lcso.advocate',
      )
    ).victim.deadlines;
    expect(dfsBefore.find((d) => d.rule === 'DFS_REFERRAL')!.status).toMatch(/OPEN|OVERDUE/);
    await ok(ACCEPT, { i: { id: mine[0].id, version: 1 } }, 'dfs.advocate');
    const dfsAfter = (
      await ok(
        graphql(`
          query ReferralsVictim4($id: ID!) {
            victim(id: $id) {
              deadlines {
                rule
                status
                metBy
              }
            }
          }
        `),
        { id: v.id },
        'lcso.advocate',
      )
    ).victim.deadlines;
    expect(dfsAfter.find((d) => d.rule === 'DFS_REFERRAL')).toMatchObject({ status: 'MET', metBy: 'SERVICE' });
    // Another agency (not party to the referral) sees nothing of it, in the API or underneath.
    expect(codes(await gql(ONE, { id: mine[0].id }, 'safeharbor.advocate'))).toEqual(['NOT_FOUND']);
    expect(
      await t.appRoleQuery(
        `SELECT id FROM referrals WHERE id = $1 UNION ALL SELECT referral_id FROM referral_events WHERE referral_id = $1`,
        [mine[0].id],
        'dci.supervisor',
      ),
    ).toEqual([]);
  });

  it('inbox filters and counts; admins and auditors have no referrals', async () => {
    const caseId = await openCase('Referral test: inbox');
    const r = await sendCase(caseId, 'LCDA', { urgency: 'EMERGENCY', access: 'READ' });
    await t.ownerQuery(`UPDATE referrals SET respond_by = now() - interval '5 minutes' WHERE id = $1`, [r.id]);
    const overdue = (await ok(INBOX, { f: { direction: 'INCOMING', overdue: true } }, 'lcda.prosecutor')).referrals.edges.map(
      (e) => e.node,
    );
    expect(overdue).toContainEqual({ id: r.id, status: 'PENDING', kind: 'CASE', urgency: 'EMERGENCY', overdue: true });
    expect(
      (await ok(INBOX, { f: { direction: 'INCOMING', urgency: ['ROUTINE'] } }, 'lcda.prosecutor')).referrals.edges.map((e) => e.node.id),
    ).not.toContain(r.id);
    const counts = (
      await ok(
        graphql(`
          query ReferralsReferralCounts {
            referralCounts(direction: INCOMING) {
              status
              count
              overdue
            }
          }
        `),
        {},
        'lcda.prosecutor',
      )
    ).referralCounts;
    expect(counts.map((c) => c.status)).toEqual(['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED', 'COMPLETED']);
    expect(counts[0].count).toBeGreaterThanOrEqual(1);
    expect(counts[0].overdue).toBeGreaterThanOrEqual(1);
    // The sender's outbox does not list it as incoming; other agencies see none of it.
    expect((await ok(INBOX, { f: { direction: 'INCOMING' } }, 'lcso.investigator')).referrals.edges.map((e) => e.node.id)).not.toContain(
      r.id,
    );
    expect((await ok(INBOX, { f: { direction: 'INCOMING' } }, 'dci.supervisor')).referrals.edges.map((e) => e.node.id)).not.toContain(r.id);
    for (const u of ['lcso.admin', 'lcso.auditor', 'dci.coordinator']) {
      expect(codes(await gql(INBOX, { f: { direction: 'INCOMING' } }, u))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(NOTES, {}, u))).toEqual(['FORBIDDEN']);
    }
  });

  it('the demo shows one referral of each kind and outcome', async () => {
    const usao = (await ok(INBOX, { f: { direction: 'INCOMING', kind: ['CASE'], status: ['ACCEPTED'] } }, 'usao.prosecutor')).referrals
      .edges;
    expect(usao.length).toBeGreaterThanOrEqual(1);
    const shelter = (await ok(INBOX, { f: { direction: 'INCOMING', status: ['PENDING'], urgency: ['URGENT'] } }, 'safeharbor.advocate'))
      .referrals.edges;
    expect(shelter.map((e) => e.node.kind)).toContain('VICTIM_SERVICE');
    const dfs = (await ok(INBOX, { f: { direction: 'INCOMING', kind: ['MANDATORY_CHILD_WELFARE'], status: ['ACCEPTED'] } }, 'dfs.advocate'))
      .referrals.edges;
    expect(dfs.length).toBeGreaterThanOrEqual(1);
    const declined = (await ok(INBOX, { f: { direction: 'OUTGOING', status: ['DECLINED'] } }, 'dci.supervisor')).referrals.edges;
    const d = (await ok(ONE, { id: declined[0].node.id }, 'dci.supervisor')).referral;
    expect(d).toMatchObject({ toAgency: { shortCode: 'HSI' }, answerReason: expect.stringContaining('No immigration nexus') });
    expect(d.history.map((h) => h.action)).toEqual(['SENT', 'DECLINED']);
    expect((await ok(NOTES, {}, 'safeharbor.advocate')).notifications.map((n) => n.event)).toContain('SENT');
  });

  it('the expiry job: a referral unanswered past its deadline becomes EXPIRED and the sender is told', async () => {
    const caseId = await openCase('Referral test: expiry');
    const r = await sendCase(caseId, 'FBI', { urgency: 'EMERGENCY', access: 'READ' });
    await t.ownerQuery(`UPDATE referrals SET respond_by = now() - interval '1 minute' WHERE id = $1`, [r.id]);
    const dbName = t.dbName;
    await t.close();
    t = await startTestApp({ JOBS: 'true' }, { reuseDatabase: dbName });
    forget();
    let status = 'PENDING';
    for (let i = 0; i < 60 && status === 'PENDING'; i++) {
      status = (await ok(ONE, { id: r.id }, 'lcso.investigator')).referral.status;
      if (status === 'PENDING') await new Promise((res) => setTimeout(res, 250));
    }
    expect(status).toBe('EXPIRED');
    const after = (await ok(ONE, { id: r.id }, 'lcso.investigator')).referral;
    expect(after.history.map((h) => `${h.action}:${h.actor?.displayName ?? 'system'}`)).toEqual([
      'SENT:Det. Marcus Reyes',
      'EXPIRED:system',
    ]);
    expect((await notificationsOf('lcso.investigator', r.id)).map((n) => n.event)).toEqual(['EXPIRED']);
    expect(codes(await gql(ACCEPT, { i: { id: r.id, version: 2 } }, 'fbi.investigator'))).toEqual(['FORBIDDEN']);
    const [schedule] = await t.ownerQuery(`SELECT cron FROM pgboss.schedule WHERE name = 'referrals-expire'`);
    expect(schedule.cron).toBe('*/5 * * * *');
  });

  it('row-level security shows every agency exactly the victims and case records the sharing rules give it, mandatory referrals included', async () => {
    const reached = await expectVisibilityMatchesRules(t);
    expect(reached.mandatoryReferral).toBeGreaterThan(0);
    expect(reached.linkedToMyCase).toBeGreaterThan(0);
  });
});
