import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Client } from 'pg';
import { isStatement, RowShape, Statement, VersionedUpdate } from '@app/core';
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
    let error: Error | undefined;
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
      handleError(e: Error) {
        error = e;
      },
      handleReadyForQuery() {
        if (error) reject(error);
        else resolvePromise(fields);
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

function sqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sqlFiles(p);
    return f.endsWith('.sql.ts') ? [p] : [];
  });
}

/** Every statement exported by the SQL homes, by "file: export name". */
function statements(): [string, Statement<unknown>][] {
  const root = resolve(__dirname, '../libs');
  const found: [string, Statement<unknown>][] = [];
  for (const file of sqlFiles(root)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const where = `${relative(root, file)}: ${name}`;
      if (isStatement(value)) found.push([where, value]);
      else if (value instanceof VersionedUpdate) value.examples().forEach((s, i) => found.push([`${where} #${i}`, s]));
      else if (Array.isArray(value)) value.filter(isStatement).forEach((s, i) => found.push([`${where}[${i}]`, s]));
    }
  }
  return found;
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
    await client?.end();
    await t?.close();
  });

  const all = statements();

  it('finds the SQL homes of the libs, each with statements', () => {
    const files = new Set(all.map(([w]) => w.split(':')[0]));
    expect(files.size).toBeGreaterThanOrEqual(3);
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(all)('%s: parses, and returns the declared columns and types', async (_where, stmt) => {
    const fields = await describe_(client, stmt.text);
    const declared: RowShape = stmt.row ?? {};
    const actual = Object.fromEntries(
      fields.map((f) => [
        f.name,
        {
          pg: typeNames.get(f.dataTypeID) ?? `oid ${f.dataTypeID}`,
          // A plain table column declared NOT NULL can only be declared non-null; expressions are not known.
          notNullInTable: f.tableID ? notNull.get(`${f.tableID}.${f.columnID}`) === true : undefined,
        },
      ]),
    );
    expect(fields.map((f) => f.name).sort()).toEqual([...new Set(fields.map((f) => f.name))].sort()); // no duplicate names
    expect(Object.keys(actual).sort()).toEqual(Object.keys(declared).sort());
    for (const [name, c] of Object.entries(declared)) {
      const a = actual[name];
      expect({ column: name, pg: a.pg }).toEqual({ column: name, pg: c.pg });
      // Declared non-null but the table column allows NULL: the row type lies about a NULL.
      if (a.notNullInTable === false) expect({ column: name, nullable: c.nullable }).toEqual({ column: name, nullable: true });
    }
  });
});
