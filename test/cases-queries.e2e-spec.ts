import { codes, Doc, GqlResult, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';

/**
 * Reading many cases: the `cases` list pages and filters correctly, and a page of 50 cases with
 * all their collections costs the same number of SQL statements as a page of 5 (no N+1). The
 * server runs with SQL_STATS=1, so every response carries `extensions.sqlStatements`.
 *
 * Wind River PD (WRPD) opens the cases here, so cases the demo seed may give other agencies do
 * not change the numbers compared.
 */

const CASE_COUNT = 55;
const LEADER = 'wrpd.investigator';

const OPEN = graphql(`
  mutation CasesQueriesOpenCase($i: OpenCaseInput!) {
    openCase(input: $i) {
      case {
        id
      }
    }
  }
`);
const ADD_SUBJECT = graphql(`
  mutation CasesQueriesAddSubject($i: AddSubjectInput!) {
    addSubject(input: $i) {
      subject {
        id
      }
    }
  }
`);
const ADD_TASK = graphql(`
  mutation CasesQueriesAddCaseTask($i: AddCaseTaskInput!) {
    addCaseTask(input: $i) {
      id
    }
  }
`);
const ADD_NOTE = graphql(`
  mutation CasesQueriesAddCaseNote($i: AddCaseNoteInput!) {
    addCaseNote(input: $i) {
      id
    }
  }
`);
const ADD_CHARGE = graphql(`
  mutation CasesQueriesAddCharge($i: AddChargeInput!) {
    addCharge(input: $i) {
      id
    }
  }
`);
const SHARE = graphql(`
  mutation CasesQueriesShareCase($i: ShareCaseInput!) {
    shareCase(input: $i) {
      id
    }
  }
`);
const SET_STATUS = graphql(`
  mutation CasesQueriesSetCaseStatus($i: SetCaseStatusInput!) {
    setCaseStatus(input: $i) {
      id
    }
  }
`);

/** Everything a case list screen might show, every collection included. */
const FULL_LIST = graphql(`
  query CasesQueriesCases($first: Int!, $f: CaseFilter) {
    cases(first: $first, filter: $f) {
      edges {
        node {
          id
          number
          status
          leadAgency {
            name
          }
          assignees {
            id
            displayName
          }
          subjectCount
          openTaskCount
          participantCount
          victimCount
          participants {
            agency {
              name
            }
            access
          }
          subjects {
            displayName
            addedBy {
              name
            }
          }
          notes {
            body
            agency {
              shortCode
            }
          }
          tasks {
            title
            assigneeName
            agency {
              name
            }
          }
          charges {
            statute {
              code
            }
            recordedBy {
              name
            }
          }
          identifiers {
            value
            source
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);
/** What the case detail screen shows of a case's collections, asked of `case(id)` and of the list alike. */
graphql(`
  fragment CasesQueriesCollections on Case {
    id
    victimCount
    participants {
      agency {
        name
      }
      access
      grantedAt
    }
    subjects {
      id
      displayName
      role
      status
      addedBy {
        name
      }
    }
    charges {
      id
      statute {
        code
        title
      }
      counts
      filedOn
      disposition
      recordedBy {
        name
      }
    }
  }
`);
/** One case with the collections its detail screen shows. */
const DETAIL = graphql(`
  query CasesQueriesCaseDetail($id: ID!) {
    case(id: $id) {
      ...CasesQueriesCollections
    }
  }
`);
const BARE = graphql(`
  query CasesQueriesCaseBare($id: ID!) {
    case(id: $id) {
      id
    }
  }
`);
/** The same collections through the list, where each is a batch of its own. */
const LIST_COLLECTIONS = graphql(`
  query CasesQueriesCaseCollections($first: Int!, $f: CaseFilter) {
    cases(first: $first, filter: $f) {
      edges {
        node {
          ...CasesQueriesCollections
        }
      }
    }
  }
`);
const IDS = graphql(`
  query CasesQueriesCases2($first: Int!, $after: String, $f: CaseFilter) {
    cases(first: $first, after: $after, filter: $f) {
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

function statements<T>(r: GqlResult<T>): number {
  const n = (r as GqlResult<T> & { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements;
  expect(typeof n).toBe('number');
  return n!;
}

describe('reading many cases', () => {
  let t: TestApp;
  let agency: Record<string, string>;
  let user: Record<string, string>;
  /** WRPD's cases, newest first (the list order). */
  let ids: string[];
  const tokens = new Map<string, Promise<string>>();
  const as = (username: string) => {
    if (!tokens.has(username)) tokens.set(username, t.login(username));
    return tokens.get(username)!;
  };

  /** Sends a typed document and insists on an answer without errors. */
  async function run<T>(query: Doc<T>, variables: Record<string, unknown>, username: string): Promise<GqlResult<T> & { data: T }> {
    const r = await t.gql(query, variables, await as(username));
    if (r.errors || r.data === undefined)
      throw new Error(`as ${username}: ${JSON.stringify(r.errors)} for ${query.toString().slice(0, 60)}`);
    return { ...r, data: r.data };
  }

  const mutate = <T>(query: Doc<T>, input: Record<string, unknown>, username = LEADER) => run(query, { i: input }, username);

  beforeAll(async () => {
    t = await startTestApp({ SQL_STATS: '1' });
    agency = Object.fromEntries(
      (await t.ownerQuery<{ id: string; short_code: string }>(`SELECT id, short_code FROM agencies`)).map((a) => [a.short_code, a.id]),
    );
    user = Object.fromEntries(
      (await t.ownerQuery<{ id: string; username: string }>(`SELECT id, username FROM users`)).map((u) => [u.username, u.id]),
    );
    const assignees = [[], [user['wrpd.investigator']], [user['wrpd.investigator'], user['wrpd.supervisor']]];

    // 55 cases opened through the API, eleven at a time.
    for (let batch = 0; batch < CASE_COUNT / 11; batch++) {
      await Promise.all(
        Array.from({ length: 11 }, (_, k) => {
          const i = batch * 11 + k;
          return mutate(OPEN, {
            title: `Wind River case ${i}`,
            traffickingType: i % 4 === 0 ? 'SEX' : 'LABOR',
            counties: i % 3 === 0 ? ['Fremont', 'Hot Springs'] : ['Fremont'],
            assigneeIds: assignees[i % 3],
            identifiers: i % 7 === 0 ? [{ kind: 'HANDLE', value: `@wr_case_${i}` }] : [],
          });
        }),
      );
    }
    ids = (
      await t.ownerQuery<{ id: string }>(`SELECT id FROM cases WHERE agency_id = $1 ORDER BY opened_at DESC, id DESC`, [agency.WRPD])
    ).map((r) => r.id);
    expect(ids).toHaveLength(CASE_COUNT);

    // Work on many of them (the newest one gets everything, so both pages carry every kind of row).
    await Promise.all(
      ids.map(async (caseId, i) => {
        if (i % 3 === 0) {
          const s = await mutate(ADD_SUBJECT, {
            caseId,
            role: 'TRAFFICKER',
            displayName: `Subject of ${i}`,
            identifiers: [{ kind: 'PLATE', value: `WR ${1000 + i}` }],
          });
          if (i % 6 === 0) await mutate(ADD_CHARGE, { subjectId: s.data.addSubject.subject.id, statuteCode: 'WY-6-2-702' });
        }
        if (i % 2 === 0) await mutate(ADD_NOTE, { caseId, body: `Note on case ${i}` });
        if (i % 4 === 0)
          await mutate(ADD_TASK, { caseId, title: `Task on case ${i}`, assigneeId: user['wrpd.supervisor'], dueOn: '2026-12-01' });
        let version = 1;
        if (i % 5 === 0) await mutate(SHARE, { caseId, version: version++, agencyId: agency.DCI, access: 'READ' });
        if (i % 10 === 0) await mutate(SHARE, { caseId, version: version++, agencyId: agency.USAO, access: 'CONTRIBUTE' });
        if (i % 8 === 1) await mutate(SET_STATUS, { id: caseId, version, status: 'ACTIVE' });
      }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('no N+1: a page of 50 costs what a page of 5 costs', () => {
    it('for the lead agency, with assignees, subjects, tasks, participants, notes, charges and identifiers', async () => {
      const filter = { leading: true };
      const five = await run(FULL_LIST, { first: 5, f: filter }, LEADER);
      const fifty = await run(FULL_LIST, { first: 50, f: filter }, LEADER);
      expect(five.data.cases.edges).toHaveLength(5);
      expect(fifty.data.cases.edges).toHaveLength(50);
      expect(fifty.data.cases.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 50));

      // The pages really carry the rows whose loading could multiply.
      const nodes = fifty.data.cases.edges.map((e) => e.node);
      const newest = nodes[0];
      expect(newest).toMatchObject({
        leadAgency: { name: 'Wind River Police Department' },
        subjectCount: 1,
        openTaskCount: 1,
        participantCount: 2,
      });
      expect(newest.participants.map((p) => p.access).sort()).toEqual(['CONTRIBUTE', 'READ']);
      expect(newest.tasks).toEqual([
        { title: 'Task on case 0', assigneeName: 'Lt. Joseph Spoonhunter', agency: { name: 'Wind River Police Department' } },
      ]);
      expect(newest.charges).toEqual([{ statute: { code: 'WY-6-2-702' }, recordedBy: { name: 'Wind River Police Department' } }]);
      expect(nodes.filter((n) => n.subjects.length).length).toBe(17);
      expect(nodes.filter((n) => n.notes.length).length).toBe(25);
      expect(nodes.filter((n) => n.assignees.length === 2).every((n) => n.assignees.every((a) => a.displayName))).toBe(true);
      expect(nodes.some((n) => n.identifiers.some((i) => i.source === 'CASE'))).toBe(true);

      const [n5, n50] = [statements(five), statements(fifty)];
      expect(n5).toBeGreaterThan(0);
      expect({ first5: n5, first50: n50 }).toEqual({ first5: n5, first50: n5 });
      // And the same again: the count is a property of the query, not of luck.
      expect(statements(await run(FULL_LIST, { first: 50, f: filter }, LEADER))).toBe(n50);
    });

    it('for a participant agency, whose list mixes its own cases and shared ones', async () => {
      const first = await run(FULL_LIST, { first: 2, f: { leading: false } }, 'dci.investigator');
      const many = await run(FULL_LIST, { first: 11, f: { leading: false } }, 'dci.investigator');
      expect(first.data.cases.edges).toHaveLength(2);
      expect(many.data.cases.edges.length).toBeGreaterThanOrEqual(11);
      expect(many.data.cases.edges.every((e) => e.node.participants.some((p) => p.access === 'READ'))).toBe(true);
      expect(statements(many)).toBe(statements(first));
    });

    it('with the number of victims linked to each case, the same for every agency on it', async () => {
      const lcso = (await run(FULL_LIST, { first: 50 }, 'lcso.investigator')).data.cases.edges.map((e) => e.node);
      const linked = await t.ownerQuery(`SELECT case_id AS id, count(*)::int AS n FROM victim_cases GROUP BY 1`);
      const expected = new Map(linked.map((r) => [r.id, r.n]));
      expect(lcso.some((c) => c.victimCount > 0)).toBe(true);
      for (const c of lcso) expect(c.victimCount).toBe(expected.get(c.id) ?? 0);
      const dci = (await run(FULL_LIST, { first: 50, f: { leading: false } }, 'dci.investigator')).data.cases.edges.map((e) => e.node);
      for (const c of dci) expect(c.victimCount).toBe(expected.get(c.id) ?? 0);
    });
  });

  describe("a case's detail: its collections in the case's own statement", () => {
    it.each([
      ['the lead agency', LEADER, {}],
      ['a participant agency', 'dci.investigator', { leading: false }],
    ])('for %s: the same answers as the list gives, for what a bare case costs', async (_who, username, filter) => {
      const listed = (await run(LIST_COLLECTIONS, { first: 50, f: filter }, username)).data.cases.edges.map((e) => e.node);
      const rich = listed.filter((c) => c.subjects.length && c.participants.length).slice(0, 3);
      expect(rich.length).toBeGreaterThan(0);
      expect(rich.some((c) => c.charges.length)).toBe(true);
      const bare = statements(await run(BARE, { id: rich[0].id }, username));
      for (const c of [...rich, listed.find((n) => !n.subjects.length)!]) {
        const detail = await run(DETAIL, { id: c.id }, username);
        expect(detail.data.case).toEqual(c);
        expect(statements(detail)).toBe(bare);
      }
    });

    it("another agency's case, or none: NOT_FOUND, and nothing of it", async () => {
      const [other] = await t.ownerQuery<{ id: string }>(
        `SELECT id FROM cases c WHERE agency_id <> $1 AND NOT EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = $1)
         AND EXISTS (SELECT 1 FROM subjects s WHERE s.case_id = c.id) LIMIT 1`,
        [agency.WRPD],
      );
      for (const id of [other.id, '00000000-0000-4000-8000-000000000000']) {
        const r = await t.gql(DETAIL, { id }, await as(LEADER));
        expect(codes(r)).toEqual(['NOT_FOUND']);
        expect(r.data?.case ?? null).toBeNull();
      }
    });
  });

  describe('filters and pages', () => {
    async function allIds(username: string, filter: Record<string, unknown> = {}, pageSize = 100): Promise<string[]> {
      const out: string[] = [];
      let after: string | null | undefined;
      for (let page = 0; page < 50; page++) {
        const r = await run(IDS, { first: pageSize, after, f: filter }, username);
        const conn = r.data.cases;
        expect(conn.edges.length).toBeLessThanOrEqual(pageSize);
        out.push(...conn.edges.map((e) => e.node.id));
        if (!conn.pageInfo.hasNextPage) return out;
        after = conn.pageInfo.endCursor;
      }
      throw new Error('more than 50 pages');
    }

    it('pages of 7 follow each other without overlap or gap, newest first, even for cases opened within one millisecond', async () => {
      // The database keeps microseconds: put all of WRPD's cases into one millisecond (order kept).
      await t.ownerQuery(
        `UPDATE cases c SET opened_at = '2026-03-01T12:00:00.5Z'::timestamptz + make_interval(secs => n.rn / 1000000.0)
         FROM (SELECT id, row_number() OVER (ORDER BY opened_at, id) AS rn FROM cases WHERE agency_id = $1) n WHERE c.id = n.id`,
        [agency.WRPD],
      );
      const reordered = (
        await t.ownerQuery(`SELECT id FROM cases WHERE agency_id = $1 ORDER BY opened_at DESC, id DESC`, [agency.WRPD])
      ).map((r) => r.id);
      expect(reordered).toEqual(ids);
      const visible = (
        await t.ownerQuery(
          `SELECT c.id FROM cases c WHERE c.agency_id = $1 OR EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = $1 AND p.revoked_at IS NULL)
         ORDER BY c.opened_at DESC, c.id DESC`,
          [agency.WRPD],
        )
      ).map((r) => r.id);
      expect(await allIds(LEADER, {}, 7)).toEqual(visible);
      expect(await allIds(LEADER, { leading: true }, 7)).toEqual(ids);
      expect(await allIds(LEADER, { leading: true })).toEqual(ids);
    });

    it('filters by status, trafficking type, county (any case), assignee and leading', async () => {
      const row = async (sql: string, params: unknown[] = []) =>
        (
          await t.ownerQuery(`SELECT id FROM cases WHERE agency_id = $1 AND ${sql} ORDER BY opened_at DESC, id DESC`, [
            agency.WRPD,
            ...params,
          ])
        ).map((r) => r.id);
      const own = (filter: Record<string, unknown>) => allIds(LEADER, { leading: true, ...filter });
      const active = await own({ status: ['ACTIVE'] });
      expect(active).toEqual(await row(`status = 'ACTIVE'`));
      expect(active.length).toBe(7);
      expect(await own({ status: ['OPEN', 'ACTIVE'] })).toEqual(ids);
      expect(await own({ status: ['CLOSED'] })).toEqual([]);
      const sex = await own({ traffickingType: 'SEX' });
      expect(sex).toEqual(await row(`trafficking_type = 'SEX'`));
      expect(sex.length).toBe(14);
      const hotSprings = await own({ county: 'hot springs' });
      expect(hotSprings).toEqual(await row(`'Hot Springs' = ANY(counties)`));
      expect(hotSprings.length).toBe(19);
      const supervisor = await own({ assigneeId: user['wrpd.supervisor'] });
      expect(supervisor).toEqual(await row(`$2 = ANY(assignee_ids)`, [user['wrpd.supervisor']]));
      expect(supervisor.length).toBe(18);
      expect(await own({ traffickingType: 'SEX', county: 'Hot Springs', status: ['OPEN'] })).toEqual(
        await row(`trafficking_type = 'SEX' AND 'Hot Springs' = ANY(counties) AND status = 'OPEN'`),
      );

      const shared = await allIds('dci.investigator', { leading: false });
      const expected = (
        await t.ownerQuery(
          `SELECT c.id FROM cases c WHERE c.agency_id <> $1 AND EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = $1 AND p.revoked_at IS NULL)
         ORDER BY c.opened_at DESC, c.id DESC`,
          [agency.DCI],
        )
      ).map((r) => r.id);
      expect(shared).toEqual(expected);
      expect(shared.filter((id) => ids.includes(id))).toHaveLength(11);
    });

    it('refuses a page size outside 1..100 and a forged cursor', async () => {
      const token = await as(LEADER);
      expect(codes(await t.gql(IDS, { first: 0 }, token))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(IDS, { first: 101 }, token))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(IDS, { first: 5, after: 'bm9wZQ' }, token))).toEqual(['BAD_USER_INPUT']);
    });
  });
});
