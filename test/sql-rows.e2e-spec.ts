import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { RowShape, Statement } from '@app/core';
import { ownerUrlOf, startTestApp, TestApp } from './support/test-app';

/**
 * Every statement in every lib's SQL home (libs/*\/src/**\/*.sql.ts), checked against the real
 * migrated schema: PostgreSQL parses it (so a renamed column or table fails here, not in
 * production), and the columns it reports (names, types and, for plain table columns, whether they
 * can be NULL) are the ones the statement declares. The row types services read are derived from
 * those declarations, so a row type cannot drift from the schema unnoticed.
 */

interface Field {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
}

/** Parse + Describe of an unnamed statement: its result columns, without running it. */
function describe_(client: Client, text: string): Promise<Field[]> {
  return new Promise((resolvePromise, reject) => {
    let fields: Field[] = [];
    const submittable = {
      submit(con: {
        parse(m: { text: string; types: unknown[] }, more: boolean): void;
        describe(m: { type: string; name: string }, more: boolean): void;
        sync(): void;
      }) {
        con.parse({ text, types: [] }, true);
        con.describe({ type: 'S', name: '' }, true);
        con.sync();
      },
      handleRowDescription(msg: { fields: Field[] }) {
        fields = msg.fields;
      },
      // The client drops the active query on an error, before ReadyForQuery.
      handleError(e: Error) {
        reject(e);
      },
      handleReadyForQuery() {
        resolvePromise(fields);
      },
      handleParseComplete() {},
      handleDataRow() {},
      handleCommandComplete() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyInResponse() {},
      handleCopyData() {},
    };
    void client.query(submittable as never);
  });
}

/**
 * Every statement exported by the SQL homes of the built server (dist/libs/**\/*.sql.js), by
 * "file: export name". Read in a child process: the libs load NestJS, which jest cannot require.
 */
function statements(): [string, Statement<unknown>][] {
  const out = execFileSync(process.execPath, [resolve(__dirname, 'support/list-sql-statements.js'), resolve(__dirname, '../dist/libs')], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as [string, Statement<unknown>][];
}

describe('SQL statements against the real schema', () => {
  let t: TestApp;
  let client: Client;
  const typeNames = new Map<number, string>();
  const notNull = new Map<string, boolean>();

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client({ connectionString: ownerUrlOf(t) });
    await client.connect();
    for (const r of (await client.query<{ oid: number; typname: string }>(`SELECT oid::int, typname FROM pg_type`)).rows) {
      typeNames.set(r.oid, r.typname);
    }
    const attrs = await client.query<{ attrelid: number; attnum: number; attnotnull: boolean }>(
      `SELECT attrelid::int, attnum, attnotnull FROM pg_attribute WHERE attnum > 0`,
    );
    for (const r of attrs.rows) notNull.set(`${r.attrelid}.${r.attnum}`, r.attnotnull);
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const all = statements();

  it('finds the SQL homes of the libs, each with statements', () => {
    const files = new Set(all.map(([w]) => w.split(':')[0]));
    expect(files.size).toBeGreaterThanOrEqual(2);
    expect(all.length).toBeGreaterThan(10);
  });

  /** What differs between a statement's declared row and what PostgreSQL says it returns. */
  async function drift(stmt: Statement<unknown>): Promise<string[]> {
    const fields = await describe_(client, stmt.text);
    const declared: RowShape = stmt.row ?? {};
    const problems: string[] = [];
    const names = fields.map((f) => f.name);
    if (new Set(names).size !== names.length) problems.push(`duplicate column names: ${names.join(', ')}`);
    for (const n of names) if (!(n in declared)) problems.push(`${n}: returned but not declared`);
    for (const [name, c] of Object.entries(declared)) {
      const f = fields.find((x) => x.name === name);
      if (!f) {
        problems.push(`${name}: declared but not returned`);
        continue;
      }
      const pg = typeNames.get(f.dataTypeID) ?? `oid ${f.dataTypeID}`;
      if (pg !== c.pg) problems.push(`${name}: declared ${c.pg}, is ${pg}`);
      // A plain table column that allows NULL, declared non-null: the row type hides a NULL.
      if (f.tableID && notNull.get(`${f.tableID}.${f.columnID}`) === false && !c.nullable) {
        problems.push(`${name}: declared non-null, the table column allows NULL`);
      }
    }
    return problems;
  }

  it('reports a drifted declaration (wrong type, missing, extra and nullable columns)', async () => {
    const wrong: Statement<unknown> = {
      text: 'SELECT id, ori, version FROM agencies',
      row: { id: { pg: 'text', nullable: false }, ori: { pg: 'text', nullable: false }, gone: { pg: 'int4', nullable: false } },
      prepared: false,
    };
    expect((await drift(wrong)).sort()).toEqual(
      [
        'version: returned but not declared',
        'id: declared text, is uuid',
        'ori: declared non-null, the table column allows NULL',
        'gone: declared but not returned',
      ].sort(),
    );
    await expect(drift({ text: 'SELECT no_such_column FROM agencies', row: null, prepared: false })).rejects.toThrow(/no_such_column/);
  });

  it.each(all)('%s: parses, and returns the declared columns and types', async (_where, stmt) => {
    expect(await drift(stmt)).toEqual([]);
  });
});
