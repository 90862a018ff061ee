import { codes, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import { expect } from '@jest/globals';

/** The demo is the product's first impression: what `npm start` seeds must show a working task force. */
const CASES = graphql(`
  query DemoCases {
    cases(first: 100) {
      edges {
        node {
          number
          title
          status
          myAccess
          leadAgency {
            shortCode
          }
          participants {
            access
            agency {
              shortCode
            }
          }
          subjectCount
          charges {
            statute {
              citation
              nibrs
            }
            disposition
          }
          identifiers {
            kind
            value
            source
          }
        }
      }
    }
  }
`);
const NOTICES = graphql(`
  query DemoDeconflictionNotices {
    deconflictionNotices(first: 50) {
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

describe('the demo task force: cases', () => {
  let t: TestApp;
  const casesOf = async (username: string) => {
    const r = await t.gql(CASES, {}, await t.login(username));
    expect(r.errors).toBeUndefined();
    return r.data!.cases.edges.map((e) => e.node);
  };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds cases led by several agencies and shared with at least three others, in every status a task force sees', async () => {
    const rows = await t.ownerQuery<{ number: string; status: string; lead: string; shared: string[] }>(
      `SELECT c.number, c.status, a.short_code AS lead, array(SELECT pa.short_code FROM case_participants p JOIN agencies pa ON pa.id = p.agency_id
         WHERE p.case_id = c.id AND p.revoked_at IS NULL) AS shared FROM cases c JOIN agencies a ON a.id = c.agency_id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((r) => r.lead)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.flatMap((r) => r.shared)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['ACTIVE', 'REFERRED_FOR_PROSECUTION', 'CHARGED', 'CLOSED']));
    const [{ next }] = await t.ownerQuery(
      `SELECT last_value AS next FROM agency_counters k JOIN agencies a ON a.id = k.agency_id WHERE a.short_code = 'LCSO' AND k.kind = 'CASE' AND k.year = 2026`,
    );
    expect(next).toBe(rows.filter((r) => r.lead === 'LCSO' && r.number.startsWith('LCSO-2026-')).length);
  });

  it('the ranch case came from the LCSO lead, keeps its identifiers, and the prosecutor sees the federal charges', async () => {
    const lcso = await casesOf('lcso.investigator');
    const ranch = lcso.find((c) => c.title.startsWith('Burns ranch'));
    expect(ranch).toMatchObject({ myAccess: 'LEAD', status: 'REFERRED_FOR_PROSECUTION' });
    expect(ranch!.identifiers).toEqual(expect.arrayContaining([{ kind: 'PHONE', value: '(307) 555-0187', source: 'LEAD' }]));
    const usao = await casesOf('usao.prosecutor');
    const seen = usao.find((c) => c.number === ranch!.number);
    expect(seen!.myAccess).toBe('CONTRIBUTE');
    expect(seen!.charges.map((c) => `${c.statute.citation}:${c.statute.nibrs}:${c.disposition}`).sort()).toEqual([
      '18 U.S.C. 1589:64B:PENDING',
      '18 U.S.C. 1592:64B:PENDING',
    ]);
  });

  it("a case subject matches another agency's lead: the massage address links CPD and LCSO, naming only the agencies", async () => {
    const values = async (username: string) =>
      (await t.gql(NOTICES, {}, await t.login(username))).data!.deconflictionNotices.edges.map(
        (e) => `${e.node.kind}:${e.node.identifierValue}:${e.node.otherAgency.shortCode}`,
      );
    expect(await values('cpd.investigator')).toContain('ADDRESS:1910 East Lincolnway, Cheyenne, WY:LCSO');
    expect(await values('lcso.investigator')).toContain('ADDRESS:1910 E Lincolnway, Cheyenne, WY:CPD');
  });

  it('each role sees what it is for: the shelter advocate only the cases shared with the shelter, admins none', async () => {
    const shelter = await casesOf('safeharbor.advocate');
    expect(shelter.map((c) => c.title).sort()).toEqual([
      'Familial DMST: school disclosure (minor, 15)',
      'Illicit massage business on East Lincolnway',
    ]);
    expect(shelter.every((c) => c.myAccess === 'READ')).toBe(true);
    const dfs = await casesOf('dfs.advocate');
    expect(dfs.map((c) => c.title)).toEqual(['Familial DMST: school disclosure (minor, 15)']);
    expect(await casesOf('wrpd.investigator')).toEqual([]);
    for (const username of ['lcso.admin', 'lcso.auditor', 'dci.coordinator']) {
      expect(codes(await t.gql(CASES, {}, await t.login(username)))).toEqual(['FORBIDDEN']);
    }
  });

  it('survivors: each custodial advocate reads her own; consents release to HSI, DFS and DCI; a prosecutor on the case sees the code only', async () => {
    const VICTIMS = graphql(`
      query DemoVictims {
        victims(first: 50) {
          edges {
            node {
              id
              code
              custodial
              custodialAgency {
                shortCode
              }
              cases {
                caseTitle
              }
              identity(purpose: "Demo walkthrough") {
                denial
                identity {
                  legalName
                  phone
                }
              }
            }
          }
        }
      }
    `);
    const seen = async (username: string) => {
      const r = await t.gql(VICTIMS, {}, await t.login(username));
      expect(r.errors).toBeUndefined();
      return r.data!.victims.edges.map((e) => e.node);
    };
    const lcso = await seen('lcso.advocate');
    expect(
      lcso
        .filter((v) => v.custodial)
        .map((v) => v.identity.identity!.legalName)
        .sort(),
    ).toEqual(['Destiny Rae Tallman', 'Jesús Alberto Marín Ochoa']);
    const hsi = await seen('hsi.investigator');
    expect(hsi.map((v) => v.identity.identity?.legalName)).toContain('Jesús Alberto Marín Ochoa');
    const dci = (await seen('dci.investigator')).find((v) => v.custodialAgency.shortCode === 'HPSH');
    expect(dci!.identity.identity).toEqual({ legalName: 'Li Wen Zhao', phone: null });
    const usao = (await seen('usao.prosecutor')).find((v) => v.cases.some((k) => k.caseTitle.startsWith('Burns ranch')));
    expect(usao!.identity).toEqual({ denial: 'NO_CONSENT', identity: null });
    const reminders = await t.gql(
      graphql(`
        query DemoExpiringConsents {
          expiringConsents {
            victimCode
            recipientAgency {
              shortCode
            }
          }
        }
      `),
      {},
      await t.login('safeharbor.advocate'),
    );
    expect(reminders.data!.expiringConsents.map((k) => k.recipientAgency.shortCode)).toEqual(['DCI']);
    // Services: the Division of Victim Services sees what it is asked to provide, with its own notes only.
    const dvs = await t.gql(
      graphql(`
        query DemoProvidedServices {
          providedServices {
            category
            status
            victimCode
            notes {
              body
            }
          }
        }
      `),
      {},
      await t.login('dvs.advocate'),
    );
    expect(dvs.data!.providedServices.map((s) => s.category).sort()).toEqual([
      'CRIME_VICTIMS_COMPENSATION',
      'IMMIGRATION_RELIEF',
      'LEGAL_ADVOCACY',
    ]);
    expect(dvs.data!.providedServices.find((s) => s.category === 'IMMIGRATION_RELIEF')!.notes).toHaveLength(1);
    const ranchWorker = lcso.find((v) => v.identity.identity?.legalName === 'Jesús Alberto Marín Ochoa');
    const custodial = await t.gql(
      graphql(`
        query DemoVictim($id: ID!) {
          victim(id: $id) {
            services {
              category
              notes {
                body
              }
            }
          }
        }
      `),
      { id: ranchWorker!.id },
      await t.login('lcso.advocate'),
    );
    expect(custodial.data!.victim.services.map((s) => [s.category, s.notes.length])).toEqual([
      ['INTERPRETATION', 0],
      ['IMMIGRATION_RELIEF', 0],
      ['CRIME_VICTIMS_COMPENSATION', 0],
    ]);
  });
});
