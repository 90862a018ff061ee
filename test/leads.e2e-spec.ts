import { codes, GqlResult, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import type { LeadsDeconflictionNotices2Query, LeadsDeconflictionNoticesQuery } from './gql/graphql';

const CREATE = graphql(`
  mutation LeadsCreateLead($i: CreateLeadInput!) {
    createLead(input: $i) {
      lead {
        id
        reference
        status
        priority
        source
        suspectedType
        county
        indicators
        version
        identifiers {
          kind
          value
          birthDate
        }
      }
      deconfliction {
        kind
        agency {
          name
          shortCode
          contactName
          contactPhone
        }
      }
    }
  }
`);
const LEADS = graphql(`
  query LeadsLeads($f: LeadFilter, $first: Int, $after: String) {
    leads(filter: $f, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          reference
          status
          source
          county
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const LEAD = graphql(`
  query LeadsLead($id: ID!) {
    lead(id: $id) {
      id
      reference
      status
      priority
      assignedToId
      assignedToName
      closedReason
      duplicateOfId
      version
    }
  }
`);
const TRIAGE = graphql(`
  mutation LeadsTriageLead($i: TriageLeadInput!) {
    triageLead(input: $i) {
      id
      status
      priority
      assignedToId
      assignedToName
      version
    }
  }
`);
const CLOSE = graphql(`
  mutation LeadsCloseLead($i: CloseLeadInput!) {
    closeLead(input: $i) {
      id
      status
      closedReason
      duplicateOfId
      version
    }
  }
`);
const CHECK = graphql(`
  query LeadsCheckIdentifier($i: IdentifierInput!) {
    checkIdentifier(input: $i) {
      kind
      agency {
        shortCode
        contactName
      }
    }
  }
`);
const NOTICES = graphql(`
  query LeadsDeconflictionNotices {
    deconflictionNotices(first: 20) {
      edges {
        node {
          kind
          identifierValue
          otherAgency {
            shortCode
            contactPhone
          }
        }
      }
    }
  }
`);

function leadInput(overrides: Record<string, unknown> = {}) {
  return {
    source: 'HOTLINE',
    receivedAt: '2026-10-02T15:30:00Z',
    suspectedType: 'LABOR',
    county: 'Laramie',
    city: 'Cheyenne',
    venue: 'AGRICULTURE_ANIMAL_HUSBANDRY',
    indicators: ['CONTROLLED_IDENTITY_DOCUMENTS', 'EXCESSIVE_HOURS_LOW_PAY'],
    narrative: 'Caller reports ranch hands housed in a trailer, passports held by the foreman.',
    identifiers: [],
    ...overrides,
  };
}

describe('leads and deconfliction, as the personas', () => {
  let t: TestApp;
  let lcso: string;
  let lcsoSupervisor: string;
  let dci: string;
  beforeAll(async () => {
    t = await startTestApp();
    [lcso, lcsoSupervisor, dci] = await Promise.all([
      t.login('lcso.investigator'),
      t.login('lcso.supervisor'),
      t.login('dci.investigator'),
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an investigator logs a lead: numbered per agency and year, NEW, audited without the narrative', async () => {
    const [{ n: seeded }] = await t.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM leads l JOIN agencies a ON a.id = l.agency_id WHERE a.short_code = 'LCSO' AND l.reference LIKE 'LCSO-L-2026-%'`,
    );
    const r = await t.gql(CREATE, { i: leadInput({ identifiers: [{ kind: 'PHONE', value: '(307) 555-0142' }] }) }, lcso);
    expect(r.errors).toBeUndefined();
    const lead = r.data!.createLead.lead;
    const next = (k: number) => `LCSO-L-2026-${String(k).padStart(4, '0')}`;
    expect(lead).toMatchObject({
      reference: next(seeded + 1),
      status: 'NEW',
      priority: 'NORMAL',
      source: 'HOTLINE',
      county: 'Laramie',
      version: 1,
    });
    expect(lead.identifiers).toEqual([{ kind: 'PHONE', value: '(307) 555-0142', birthDate: null }]);
    expect(r.data!.createLead.deconfliction).toEqual([]);
    const second = await t.gql(CREATE, { i: leadInput() }, lcso);
    expect(second.data!.createLead.lead.reference).toBe(next(seeded + 2));
    const [event] = await t.ownerQuery<{ changes: Record<string, unknown>; actor_username: string }>(
      `SELECT changes, actor_username FROM audit_events WHERE action = 'lead.create' AND record_id = $1`,
      [lead.id],
    );
    expect(event.actor_username).toBe('lcso.investigator');
    expect(event.changes.narrative).toBe('[confidential]');
    expect(JSON.stringify(event.changes)).not.toContain('passports');
    expect(JSON.stringify(event.changes)).not.toContain('555-0142');
  });

  it('lead numbers stay gap-free when many are logged at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.gql(CREATE, { i: leadInput({ receivedAt: '2025-06-01T12:00:00Z' }) }, lcsoSupervisor)),
    );
    const refs = results.map((r) => r.data!.createLead.lead.reference).sort();
    expect(refs).toEqual(Array.from({ length: 8 }, (_, i) => `LCSO-L-2025-${String(i + 1).padStart(4, '0')}`));
  });

  it('another agency logging the same phone learns only whom to call; both sides get a notice', async () => {
    const r = await t.gql(
      CREATE,
      {
        i: leadInput({
          source: 'ONLINE',
          identifiers: [
            { kind: 'PHONE', value: '+1 307-555-0142' },
            { kind: 'HANDLE', value: '@ranchwork_wy' },
          ],
        }),
      },
      dci,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.createLead.deconfliction).toEqual([
      {
        kind: 'PHONE',
        agency: {
          name: "Laramie County Sheriff's Office",
          shortCode: 'LCSO',
          contactName: 'Lt. Dana Whitfield',
          contactPhone: '+1 307 555 0110',
        },
      },
    ]);
    expect(JSON.stringify(r.data)).not.toContain('LCSO-L-2026');
    const about = (r: GqlResult<LeadsDeconflictionNoticesQuery>, value: string) =>
      r.data!.deconflictionNotices.edges.map((e) => e.node).filter((n) => n.identifierValue === value);
    expect(about(await t.gql(NOTICES, {}, lcso), '(307) 555-0142')).toEqual([
      { kind: 'PHONE', identifierValue: '(307) 555-0142', otherAgency: { shortCode: 'DCI', contactPhone: '+1 307 555 0130' } },
    ]);
    expect(about(await t.gql(NOTICES, {}, dci), '+1 307-555-0142')).toEqual([
      { kind: 'PHONE', identifierValue: '+1 307-555-0142', otherAgency: { shortCode: 'LCSO', contactPhone: '+1 307 555 0110' } },
    ]);
    const audit = await t.ownerQuery(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'deconfliction.match' AND actor_username = 'dci.investigator'`,
    );
    expect(audit).toEqual([{ n: 1 }]);
  });

  it("the demo seed itself shows deconfliction: the ranch foreman's phone (LCSO and DCI), the escort handle (CPD and FBI)", async () => {
    const names = (r: GqlResult<LeadsDeconflictionNoticesQuery>) =>
      r.data!.deconflictionNotices.edges.map((e) => `${e.node.kind}:${e.node.identifierValue}:${e.node.otherAgency.shortCode}`);
    expect(names(await t.gql(NOTICES, {}, lcso))).toContain('PHONE:(307) 555-0187:DCI');
    expect(names(await t.gql(NOTICES, {}, dci))).toContain('PHONE:+1 307 555 0187:LCSO');
    expect(names(await t.gql(NOTICES, {}, await t.login('cpd.investigator')))).toContain('HANDLE:@cheyenne_angels:FBI');
    expect(names(await t.gql(NOTICES, {}, await t.login('fbi.investigator')))).toContain('HANDLE:Cheyenne_Angels:CPD');
  });

  it('deconfliction notices page without skipping any, even those written in one transaction (same instant)', async () => {
    const PAGE = graphql(`
      query LeadsDeconflictionNotices2($after: String) {
        deconflictionNotices(first: 1, after: $after) {
          edges {
            node {
              id
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `);
    const all = (
      await t.gql(
        graphql(`
          query LeadsDeconflictionNotices3 {
            deconflictionNotices(first: 100) {
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
        {},
        lcso,
      )
    ).data!.deconflictionNotices.edges.map((e) => e.node.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: LeadsDeconflictionNotices2Query['deconflictionNotices'] = (await t.gql(PAGE, { after }, lcso)).data!.deconflictionNotices;
      paged.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(all);
  });

  it('checkIdentifier before acting names the agency only, records no notice, and is audited', async () => {
    const before = await t.ownerQuery(`SELECT count(*)::int AS n FROM deconfliction_notices`);
    const r = await t.gql(CHECK, { i: { kind: 'HANDLE', value: 'RanchWork_WY' } }, lcso);
    expect(r.data!.checkIdentifier).toEqual([{ kind: 'HANDLE', agency: { shortCode: 'DCI', contactName: 'SA Carla Nez' } }]);
    expect((await t.gql(CHECK, { i: { kind: 'PLATE', value: 'ZZ 9999' } }, lcso)).data!.checkIdentifier).toEqual([]);
    expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM deconfliction_notices`)).toEqual(before);
    expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'deconfliction.check'`))[0].n).toBe(2);
  });

  it('an invalid identifier is BAD_USER_INPUT with a clear message and nothing is written', async () => {
    const count = await t.ownerQuery(`SELECT count(*)::int AS n FROM leads`);
    const r = await t.gql(CREATE, { i: leadInput({ identifiers: [{ kind: 'PERSON', value: 'Jose Ramirez' }] }) }, lcso);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].message).toMatch(/birthDate/);
    expect(await t.ownerQuery(`SELECT count(*)::int AS n FROM leads`)).toEqual(count);
    expect(codes(await t.gql(CREATE, { i: leadInput({ source: 'CARRIER_PIGEON' }) }, lcso))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(CREATE, { i: leadInput({ receivedAt: '2099-01-01T00:00:00Z' }) }, lcso))).toEqual(['BAD_USER_INPUT']);
  });

  it("lists only the own agency's leads, filtered and paged without overlap", async () => {
    const ownRefs = async (code: string) =>
      (
        await t.ownerQuery(
          `SELECT l.reference FROM leads l JOIN agencies a ON a.id = l.agency_id WHERE a.short_code = $1 ORDER BY l.received_at DESC, l.id DESC`,
          [code],
        )
      ).map((r) => r.reference);
    const all = await t.gql(LEADS, { first: 100 }, lcso);
    expect(all.data!.leads.edges.map((e) => e.node.reference)).toEqual(await ownRefs('LCSO'));
    expect(all.data!.leads.edges.length).toBeGreaterThanOrEqual(10);
    const dciList = await t.gql(LEADS, { first: 100 }, dci);
    expect(dciList.data!.leads.edges.map((e) => e.node.reference)).toEqual(await ownRefs('DCI'));
    expect(dciList.data!.leads.edges.every((e) => e.node.reference.startsWith('DCI-'))).toBe(true);
    const online = await t.gql(LEADS, { f: { source: 'ONLINE' }, first: 100 }, lcso);
    expect(online.data!.leads.edges).toEqual([]);
    const unfounded = await t.gql(LEADS, { f: { status: ['UNFOUNDED'] }, first: 100 }, lcso);
    expect(unfounded.data!.leads.edges.map((e) => e.node.status)).toEqual(['UNFOUNDED']);
    const in2025 = await t.gql(
      LEADS,
      { f: { receivedFrom: '2025-01-01T00:00:00Z', receivedTo: '2026-01-01T00:00:00Z' }, first: 100 },
      lcso,
    );
    expect(in2025.data!.leads.edges.length).toBe(8);
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = await t.gql(LEADS, { first: 3, after }, lcso);
      seen.push(...page.data!.leads.edges.map((e) => e.node.id));
      after = page.data!.leads.pageInfo.hasNextPage ? page.data!.leads.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual(all.data!.leads.edges.map((e) => e.node.id));
    expect(codes(await t.gql(LEADS, { first: 3, after: 'bm9wZQ' }, lcso))).toEqual(['BAD_USER_INPUT']);
  });

  it("another agency's lead is NOT_FOUND (never FORBIDDEN), for reading and for changing, and the probe is audited", async () => {
    const [dciLead] = await t.ownerQuery(
      `SELECT l.id FROM leads l JOIN agencies a ON a.id = l.agency_id WHERE a.short_code = 'DCI' AND l.status = 'NEW' ORDER BY l.created_at DESC LIMIT 1`,
    );
    expect(codes(await t.gql(LEAD, { id: dciLead.id }, lcso))).toEqual(['NOT_FOUND']);
    const r = await t.gql(TRIAGE, { i: { id: dciLead.id, version: 1, priority: 'HIGH' } }, lcso);
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect((await t.ownerQuery(`SELECT status FROM leads WHERE id = $1`, [dciLead.id]))[0].status).toBe('NEW');
    const denied = await t.ownerQuery(`SELECT outcome FROM audit_events WHERE action = 'lead.triage' AND record_id = $1`, [dciLead.id]);
    expect(denied).toEqual([{ outcome: 'DENIED' }]);
  });

  it('roles without lead permissions are refused (advocate, admin, auditor, coordinator)', async () => {
    for (const who of ['safeharbor.advocate', 'lcso.admin', 'lcso.auditor', 'dci.coordinator']) {
      const token = await t.login(who);
      expect(codes(await t.gql(LEADS, { first: 5 }, token))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(CREATE, { i: leadInput() }, token))).toEqual(['FORBIDDEN']);
    }
  });

  it('triage assigns and prioritises; a stale version is CONFLICT; only investigators/supervisors of the agency can be assigned', async () => {
    const { data } = await t.gql(CREATE, { i: leadInput({ source: 'PATROL' }) }, lcso);
    const lead = data!.createLead.lead;
    const [inv2] = await t.ownerQuery(`SELECT id FROM users WHERE username = 'lcso.investigator2'`);
    const [admin] = await t.ownerQuery(`SELECT id FROM users WHERE username = 'lcso.admin'`);
    const [dciInv] = await t.ownerQuery(`SELECT id FROM users WHERE username = 'dci.investigator'`);
    expect(
      codes(await t.gql(TRIAGE, { i: { id: lead.id, version: 1, priority: 'HIGH', assignedToId: admin.id } }, lcsoSupervisor)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await t.gql(TRIAGE, { i: { id: lead.id, version: 1, priority: 'HIGH', assignedToId: dciInv.id } }, lcsoSupervisor)),
    ).toEqual(['BAD_USER_INPUT']);
    const ok = await t.gql(TRIAGE, { i: { id: lead.id, version: 1, priority: 'URGENT', assignedToId: inv2.id } }, lcsoSupervisor);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.triageLead).toMatchObject({
      status: 'TRIAGED',
      priority: 'URGENT',
      assignedToId: inv2.id,
      assignedToName: 'Det. Hannah Blake',
      version: 2,
    });
    const stale = await t.gql(TRIAGE, { i: { id: lead.id, version: 1, priority: 'LOW' } }, lcsoSupervisor);
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await t.gql(LEAD, { id: lead.id }, lcso)).data!.lead.priority).toBe('URGENT');
    const mine = await t.gql(LEADS, { f: { assignedToId: inv2.id }, first: 10 }, lcso);
    const assigned = (await t.ownerQuery(`SELECT id FROM leads WHERE assigned_to = $1 ORDER BY received_at DESC, id DESC`, [inv2.id])).map(
      (r) => r.id,
    );
    expect(mine.data!.leads.edges.map((e) => e.node.id)).toEqual(assigned);
    expect(assigned).toContain(lead.id);
    const [event] = await t.ownerQuery(
      `SELECT changes FROM audit_events WHERE action = 'lead.triage' AND record_id = $1 AND outcome = 'SUCCESS'`,
      [lead.id],
    );
    expect(event.changes).toMatchObject({ status: { from: 'NEW', to: 'TRIAGED' }, priority: { from: 'NORMAL', to: 'URGENT' } });
  });

  it('closing: DUPLICATE needs the lead it duplicates; a closed lead cannot move, and the error names the allowed transitions', async () => {
    const a = (await t.gql(CREATE, { i: leadInput() }, lcso)).data!.createLead.lead;
    const b = (await t.gql(CREATE, { i: leadInput() }, lcso)).data!.createLead.lead;
    const noTarget = await t.gql(CLOSE, { i: { id: b.id, version: 1, as: 'DUPLICATE', reason: 'same caller' } }, lcso);
    expect(codes(noTarget)).toEqual(['BAD_USER_INPUT']);
    expect(noTarget.errors![0].message).toMatch(/duplicateOfId/);
    const dup = await t.gql(
      CLOSE,
      { i: { id: b.id, version: 1, as: 'DUPLICATE', reason: 'same caller, same ranch', duplicateOfId: a.id } },
      lcso,
    );
    expect(dup.data!.closeLead).toMatchObject({
      status: 'DUPLICATE',
      duplicateOfId: a.id,
      closedReason: 'same caller, same ranch',
      version: 2,
    });
    const again = await t.gql(TRIAGE, { i: { id: b.id, version: 2, priority: 'HIGH' } }, lcso);
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0].message).toMatch(/DUPLICATE lead cannot become TRIAGED\. It is closed/);
    const unfounded = await t.gql(
      CLOSE,
      { i: { id: a.id, version: 1, as: 'UNFOUNDED', reason: 'Workers interviewed; documents in their own possession.' } },
      lcso,
    );
    expect(unfounded.data!.closeLead.status).toBe('UNFOUNDED');
    const reopen = await t.gql(CLOSE, { i: { id: a.id, version: 2, as: 'UNFOUNDED', reason: 'again' } }, lcso);
    expect(codes(reopen)).toEqual(['BAD_USER_INPUT']);
    expect(reopen.errors![0].extensions).toMatchObject({ currentStatus: 'UNFOUNDED', allowed: [] });
  });
});
