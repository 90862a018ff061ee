/**
 * Named, typed SQL statements: every lib keeps its SQL in `*.sql.ts` files as `Statement`s, and
 * services run them through `Db` (docs/adr/0012). A statement carries its row shape at run time
 * (column name -> PostgreSQL type, nullable or not), so test/sql-rows.e2e-spec.ts can ask
 * PostgreSQL what each statement really returns and fail when a declaration drifts from the schema.
 */

/** One declared result column: its PostgreSQL type name (as pg_type.typname: `uuid`, `_text`, ...). */
export interface Col<T> {
  readonly pg: string;
  readonly nullable: boolean;
  /** Phantom: the TypeScript type the column reads as. */
  readonly __type?: T;
}

export type RowShape = Record<string, Col<unknown>>;
export type RowOf<S extends RowShape> = { -readonly [K in keyof S]: S[K] extends Col<infer T> ? T : never };

interface ColBuilder<T> extends Col<T> {
  /** The same column, possibly NULL. */
  readonly null: Col<T | null>;
  /** The same column, read as a narrower TypeScript type (a text column holding an enum's values). */
  as<U extends T>(): ColBuilder<U>;
}

function c<T>(pg: string): ColBuilder<T> {
  return {
    pg,
    nullable: false,
    get null(): Col<T | null> {
      return { pg, nullable: true };
    },
    as<U extends T>(): ColBuilder<U> {
      return c<U>(pg);
    },
  };
}

/** The column types the statements use, named as pg_type names them. */
export const col = {
  uuid: c<string>('uuid'),
  text: c<string>('text'),
  citext: c<string>('citext'),
  int: c<number>('int4'),
  smallint: c<number>('int2'),
  /** bigint: node-postgres reads it as a string (it may not fit a JS number). */
  bigint: c<string>('int8'),
  numeric: c<string>('numeric'),
  float: c<number>('float8'),
  bool: c<boolean>('bool'),
  timestamptz: c<Date>('timestamptz'),
  /** date: node-postgres reads it as a local-midnight Date. */
  date: c<Date>('date'),
  bytea: c<Buffer>('bytea'),
  json: c<unknown>('json'),
  jsonb: c<unknown>('jsonb'),
  textArray: c<string[]>('_text'),
  uuidArray: c<string[]>('_uuid'),
  /** Any other type, by its pg_type name. */
  of<T>(pg: string): ColBuilder<T> {
    return c<T>(pg);
  },
};

/** A statement and the row it returns. `prepared`: run as a named prepared statement (hot reads). */
export interface Statement<R = never> {
  readonly text: string;
  /** The declared result columns; null for a statement that returns no rows. */
  readonly row: RowShape | null;
  readonly prepared: boolean;
  /** Phantom: the row type. */
  readonly __row?: R;
}

export function isStatement(x: unknown): x is Statement<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as Statement).text === 'string' && 'row' in x && 'prepared' in x;
}

/** A statement returning rows of `row`. */
export function query<S extends RowShape>(text: string, row: S, opts: { prepared?: boolean } = {}): Statement<RowOf<S>> {
  return { text, row, prepared: opts.prepared ?? false };
}

/** A statement that returns no rows (INSERT/UPDATE/DELETE without RETURNING, DDL-free commands). */
export function command(text: string): Statement {
  return { text, row: null, prepared: false };
}

/**
 * Version-checked updates (optimistic concurrency) of one table: `UPDATE t SET <listed columns>,
 * <always>, version = version + 1 WHERE id = $1 AND version = $2`. The columns come from the
 * whitelist given here, in its order, never from the keys of client input; values are $3 on.
 * One statement per combination of columns, built once.
 */
export class VersionedUpdate<F extends string> {
  private readonly built = new Map<string, Statement<{ version: number }>>();

  /**
   * @param what the record's name in the "changed by someone else" error ("case", "lead", ...)
   * @param columns the fields a caller may set, each with its column (or a SQL assignment using `?`, the value, as often as it needs)
   * @param always assignments made on every update (e.g. `updated_at = now()`)
   */
  constructor(
    readonly table: string,
    readonly what: string,
    readonly columns: Readonly<Record<F, string>>,
    readonly always: string[] = [],
    readonly where = '',
  ) {}

  /** The fields of `values` that are set (not undefined), in the whitelist's order. */
  given(values: Partial<Record<F, unknown>>): F[] {
    return (Object.keys(this.columns) as F[]).filter((f) => values[f] !== undefined);
  }

  /** The statement and parameters for `values` (fields left undefined are not changed). */
  build(id: string, version: number, values: Partial<Record<F, unknown>>): { stmt: Statement<{ version: number }>; params: unknown[] } {
    const fields = this.given(values);
    const key = fields.join(',');
    let stmt = this.built.get(key);
    if (!stmt) {
      const sets = fields.map((f, i) => {
        const target = this.columns[f];
        return target.includes('?') ? target.replaceAll('?', `$${i + 3}`) : `${target} = $${i + 3}`;
      });
      const text = `UPDATE ${this.table} SET ${[...sets, ...this.always, 'version = version + 1'].join(', ')} WHERE id = $1 AND version = $2${
        this.where ? ` AND ${this.where}` : ''
      } RETURNING version`;
      stmt = query(text, { version: col.int });
      this.built.set(key, stmt);
    }
    return { stmt, params: [id, version, ...fields.map((f) => values[f])] };
  }

  /** Every statement this update can build (for the schema check): each column alone and all together. */
  examples(): Statement<{ version: number }>[] {
    const all = Object.keys(this.columns) as F[];
    const one = (fs: F[]) => this.build('', 0, Object.fromEntries(fs.map((f) => [f, 1])) as Partial<Record<F, unknown>>).stmt;
    return [one([]), one(all), ...all.map((f) => one([f]))];
  }
}

export function versionedUpdate<F extends string>(
  table: string,
  what: string,
  columns: Readonly<Record<F, string>>,
  opts: { always?: string[]; where?: string } = {},
): VersionedUpdate<F> {
  return new VersionedUpdate(table, what, columns, opts.always ?? [], opts.where ?? '');
}

/** The row type of a statement: `Row<typeof caseById>`. */
export type Row<S> = S extends Statement<infer R> ? R : never;
