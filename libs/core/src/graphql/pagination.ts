import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Errors } from '../errors/app-error';
import { holdsUnsafeText } from '../security/safe-text';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** A Relay-style connection type for `T`. */
export function Paginated<T>(classRef: Type<T>): Type<Connection<T>> {
  @ObjectType(`${classRef.name}Edge`)
  class EdgeType {
    @Field() cursor!: string;
    @Field(() => classRef) node!: T;
  }
  @ObjectType({ isAbstract: true })
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ConnectionType;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 25, description: 'Page size, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first: number = 25;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // A forged cursor is client text like any other: it must not carry a NUL into SQL.
    if (Array.isArray(key) && key.length === arity && !holdsUnsafeText(key)) return key as unknown[];
  } catch {
    /* fall through */
  }
  throw Errors.badInput('The cursor is not valid. Use the endCursor from a previous page.');
}

/** Builds a connection from `first + 1` fetched rows. */
export function toConnection<R, T>(rows: R[], first: number, key: (r: R) => unknown[], map: (r: R) => T): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((r) => ({ cursor: encodeCursor(key(r)), node: map(r) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}

/** Like toConnection, for rows already mapped in one batch: the cursor keys come from the rows, the nodes from `items`. */
export function toBatchConnection<R, T>(rows: R[], items: T[], first: number, key: (r: R) => unknown[]): Connection<T> {
  return toConnection(
    rows.map((r, i) => ({ r, item: items[i] })),
    first,
    (x) => key(x.r),
    (x) => x.item,
  );
}

/**
 * SQL for a timestamp column as a cursor key, to the microsecond. A JS Date keeps milliseconds
 * only: a cursor cut to them would skip rows written later in the same millisecond (or, for rows
 * written by one transaction with now(), at the very same instant).
 */
export function timeKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Decodes a keyset cursor of (timestamp ISO string, uuid), the order most lists use. */
export function decodeTimeIdCursor(cursor: string | undefined): [string, string] | undefined {
  const key = decodeCursor(cursor, 2);
  if (!key) return undefined;
  if (typeof key[0] !== 'string' || Number.isNaN(Date.parse(key[0])) || typeof key[1] !== 'string' || !/^[0-9a-f-]{36}$/.test(key[1])) {
    throw Errors.badInput('The cursor is not valid. Use the endCursor from a previous page.');
  }
  return [key[0], key[1]];
}

/** Collects parameterised WHERE conditions: `w.add('x = ?', v)` numbers the placeholder. */
export class SqlWhere {
  readonly conditions: string[] = [];
  constructor(readonly params: unknown[] = []) {}

  add(sql: string, ...values: unknown[]): this {
    let i = 0;
    this.conditions.push(
      sql.replace(/\?/g, () => {
        this.params.push(values[i++]);
        return `$${this.params.length}`;
      }),
    );
    return this;
  }

  /** The next placeholder for a trailing parameter (e.g. LIMIT). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toSql(): string {
    return this.conditions.length ? 'WHERE ' + this.conditions.join(' AND ') : '';
  }
}

/**
 * One page of the newest rows a caller reaches in more than one way (say, its own agency's rows
 * and the rows others shared with it), as a UNION ALL of one ordered, limited scan per way. An
 * OR of the ways cannot follow an index in order, so it sorts every row any way reaches; each
 * way here reads its own index and stops at the page size. The caller orders and limits the
 * union again; `where` holds the conditions every way shares (filters, cursor).
 */
export function unionOfWays(table: string, alias: string, ways: string[], where: SqlWhere, orderBy: string, limit: string): string {
  return ways
    .map(
      (way) =>
        `(SELECT ${alias}.* FROM ${table} ${alias} WHERE ${[way, ...where.conditions].join(' AND ')} ORDER BY ${orderBy} LIMIT ${limit})`,
    )
    .join(' UNION ALL ');
}
