import type { Client } from 'pg';
import { withClient } from '../../libs/core/src/database/prepare-database';

/**
 * The database policy in force, printed as SQL: what the migrations leave behind rather than the
 * history of how they got there (a policy redefined in four migrations appears here once, as it is
 * now). Written to docs/database-policy.sql by `npm run api:snapshot` and compared with the
 * migrated database by test/database-policy.e2e-spec.ts.
 *
 * Only what is the same on every run is printed: names, never OIDs; no owner or grantor (the
 * migrating role differs between machines); no database name or password. Everything is sorted
 * with the "C" collation so the output does not depend on the server's locale.
 */

const APP_ROLE = 'tf_app';
const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%'`;
/** Grants that reach the app role: made to it, or to PUBLIC (grantee 0), which it is part of. */
const TO_APP = `(a.grantee = 0 OR a.grantee = '${APP_ROLE}'::regrole)`;
const GRANTEE = `CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE '${APP_ROLE}' END`;

const KIND: Record<string, string> = {
  r: 'TABLE',
  p: 'TABLE',
  v: 'VIEW',
  m: 'MATERIALIZED VIEW',
  f: 'FOREIGN TABLE',
  S: 'SEQUENCE',
};

/** Privileges in the order PostgreSQL documents them, so a GRANT line reads the same every time. */
const PRIVILEGE_ORDER = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'MAINTAIN',
  'USAGE',
  'CREATE',
  'CONNECT',
  'TEMPORARY',
  'EXECUTE',
];

interface GrantRow {
  object: string;
  privilege: string;
  grantee: string;
  grantable: boolean;
}

function ident(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** One GRANT line per object, grantee and grant option, privileges in PRIVILEGE_ORDER. */
function grantLines(rows: GrantRow[], on: (object: string) => string, note: (object: string) => string = () => ''): string[] {
  const groups = new Map<string, { object: string; grantee: string; grantable: boolean; privileges: string[] }>();
  for (const r of rows) {
    const key = `${r.object}\u0000${r.grantee}\u0000${r.grantable}`;
    const g = groups.get(key) ?? { object: r.object, grantee: r.grantee, grantable: r.grantable, privileges: [] };
    g.privileges.push(r.privilege);
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => compare(a.object, b.object) || compare(a.grantee, b.grantee) || Number(a.grantable) - Number(b.grantable))
    .map((g) => {
      const privileges = [...new Set(g.privileges)].sort((a, b) => rank(a) - rank(b) || compare(a, b));
      return `GRANT ${privileges.join(', ')} ON ${on(g.object)} TO ${g.grantee}${g.grantable ? ' WITH GRANT OPTION' : ''};${note(g.object)}`;
    });
}

function rank(privilege: string): number {
  const i = PRIVILEGE_ORDER.indexOf(privilege);
  return i === -1 ? PRIVILEGE_ORDER.length : i;
}

/** Code-unit order, like COLLATE "C": the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function databasePolicy(ownerUrl: string): Promise<string> {
  return withClient(ownerUrl, print);
}

async function print(c: Client): Promise<string> {
  const q = async <R>(sql: string): Promise<R[]> => (await c.query<R & object>(sql)).rows;
  const out: string[] = [
    '-- The database policy in force after every migration: row-level security, the policies, the',
    '-- SECURITY DEFINER functions and what the app role (tf_app) is granted. Generated from the migrated',
    '-- database by test/database-policy.e2e-spec.ts; do not edit. After a reviewed migration, run',
    '-- `npm run api:snapshot` and commit this file with it.',
    '-- Grants to PUBLIC are listed too: the app role holds them as well.',
    '',
  ];

  // The role itself.
  const roles = await q<{
    rolsuper: boolean;
    rolinherit: boolean;
    rolcreaterole: boolean;
    rolcreatedb: boolean;
    rolcanlogin: boolean;
    rolreplication: boolean;
    rolbypassrls: boolean;
    rolconnlimit: number;
    rolconfig: string[] | null;
  }>(
    `SELECT rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolconfig
     FROM pg_roles WHERE rolname = '${APP_ROLE}'`,
  );
  if (roles.length !== 1) throw new Error(`database policy: there is no role ${APP_ROLE} (are the migrations run?)`);
  const role = roles[0];
  const flag = (on: boolean, name: string) => (on ? name : `NO${name}`);
  out.push('-- ===== The app role =====', '');
  out.push(
    `-- ROLE ${APP_ROLE}: ${[
      flag(role.rolsuper, 'SUPERUSER'),
      flag(role.rolinherit, 'INHERIT'),
      flag(role.rolcreaterole, 'CREATEROLE'),
      flag(role.rolcreatedb, 'CREATEDB'),
      flag(role.rolcanlogin, 'LOGIN'),
      flag(role.rolreplication, 'REPLICATION'),
      flag(role.rolbypassrls, 'BYPASSRLS'),
      `CONNECTION LIMIT ${role.rolconnlimit}`,
    ].join(' ')}`,
  );
  for (const setting of [...(role.rolconfig ?? [])].sort(compare)) out.push(`-- ALTER ROLE ${APP_ROLE} SET ${setting}`);
  const memberOf = await q<{ rolname: string; admin_option: boolean }>(
    `SELECT r.rolname, m.admin_option FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
     WHERE m.member = '${APP_ROLE}'::regrole ORDER BY r.rolname COLLATE "C"`,
  );
  for (const m of memberOf) out.push(`GRANT ${ident(m.rolname)} TO ${APP_ROLE}${m.admin_option ? ' WITH ADMIN OPTION' : ''};`);
  if (memberOf.length === 0) out.push(`-- ${APP_ROLE} is a member of no role.`);
  out.push('');

  // Database and schemas.
  const database = await q<GrantRow>(
    `SELECT '' AS object, a.privilege_type AS privilege, ${GRANTEE} AS grantee, a.is_grantable AS grantable
     FROM pg_database d, LATERAL aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
     WHERE d.datname = current_database() AND ${TO_APP}`,
  );
  const schemas = await q<GrantRow>(
    `SELECT n.nspname AS object, a.privilege_type AS privilege, ${GRANTEE} AS grantee, a.is_grantable AS grantable
     FROM pg_namespace n, LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
     WHERE ${USER_SCHEMAS} AND ${TO_APP}`,
  );
  out.push('-- ===== The database and its schemas =====', '');
  out.push(...grantLines(database, () => 'DATABASE (this database)'));
  out.push(...grantLines(schemas, (s) => `SCHEMA ${ident(s)}`), '');

  // Tables, views and sequences: RLS flags, policies, table and column grants, grouped by relation.
  const relations = await q<{ schema: string; name: string; relkind: string; rls: boolean; forced: boolean; options: string[] | null }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind, c.relrowsecurity AS rls,
            c.relforcerowsecurity AS forced, c.reloptions AS options
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
     ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"`,
  );
  const policies = await q<{
    object: string;
    policyname: string;
    permissive: string;
    roles: string[];
    cmd: string;
    qual: string | null;
    with_check: string | null;
  }>(
    `SELECT schemaname || '.' || tablename AS object, policyname, permissive, roles::text[] AS roles, cmd, qual, with_check
     FROM pg_policies p JOIN pg_namespace n ON n.nspname = p.schemaname
     WHERE ${USER_SCHEMAS}
     ORDER BY schemaname COLLATE "C", tablename COLLATE "C", policyname COLLATE "C"`,
  );
  const relationGrants = await q<GrantRow>(
    `SELECT n.nspname || '.' || c.relname AS object, a.privilege_type AS privilege, ${GRANTEE} AS grantee, a.is_grantable AS grantable
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
          LATERAL aclexplode(coalesce(c.relacl, acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::"char", c.relowner))) a
     WHERE ${USER_SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${TO_APP}`,
  );
  const columnGrants = await q<{ object: string; column: string; privilege: string; grantee: string; grantable: boolean }>(
    `SELECT n.nspname || '.' || c.relname AS object, att.attname AS column, a.privilege_type AS privilege, ${GRANTEE} AS grantee,
            a.is_grantable AS grantable
     FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
          LATERAL aclexplode(att.attacl) a
     WHERE ${USER_SCHEMAS} AND att.attnum > 0 AND NOT att.attisdropped AND att.attacl IS NOT NULL AND ${TO_APP}
     ORDER BY att.attname COLLATE "C"`,
  );

  out.push('-- ===== Tables, views and sequences =====');
  for (const r of relations) {
    const key = `${r.schema}.${r.name}`;
    const name = qualified(r.schema, r.name);
    const kind = KIND[r.relkind] ?? r.relkind;
    out.push('', `-- ${kind} ${name}`);
    if (r.options?.length) out.push(`-- WITH (${[...r.options].sort(compare).join(', ')})`);
    if (r.relkind === 'r' || r.relkind === 'p') {
      out.push(`ALTER TABLE ${name} ${r.rls ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`);
      out.push(`ALTER TABLE ${name} ${r.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY;`);
    }
    for (const p of policies.filter((x) => x.object === key)) {
      const lines = [`CREATE POLICY ${ident(p.policyname)} ON ${name}`, `  AS ${p.permissive} FOR ${p.cmd}`];
      lines.push(`  TO ${[...p.roles].sort(compare).map(ident).join(', ')}`);
      if (p.qual !== null) lines.push(`  USING (${p.qual})`);
      if (p.with_check !== null) lines.push(`  WITH CHECK (${p.with_check})`);
      out.push(lines.join('\n') + ';');
    }
    out.push(
      ...grantLines(
        relationGrants.filter((g) => g.object === key),
        () => `${kind === 'SEQUENCE' ? 'SEQUENCE' : 'TABLE'} ${name}`,
      ),
    );
    const byPrivilege = new Map<string, string[]>();
    for (const g of columnGrants.filter((x) => x.object === key)) {
      const k = `${g.privilege}\u0000${g.grantee}\u0000${g.grantable}`;
      byPrivilege.set(k, [...(byPrivilege.get(k) ?? []), g.column]);
    }
    for (const [k, columns] of [...byPrivilege].sort(([a], [b]) => compare(a, b))) {
      const [privilege, grantee, grantable] = k.split('\u0000');
      out.push(
        `GRANT ${privilege} (${columns.map(ident).join(', ')}) ON TABLE ${name} TO ${grantee}${grantable === 'true' ? ' WITH GRANT OPTION' : ''};`,
      );
    }
  }
  out.push('');

  // Functions the app role may call.
  const functionGrants = await q<GrantRow>(
    `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS object,
            a.privilege_type AS privilege, ${GRANTEE} AS grantee, a.is_grantable AS grantable
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
          LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE ${USER_SCHEMAS} AND ${TO_APP}`,
  );
  out.push('-- ===== Functions the app role may execute (SECURITY DEFINER ones marked) =====', '');
  const definer = await q<{ signature: string; def: string }>(
    `SELECT signature, def FROM (
       SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature,
              pg_get_functiondef(p.oid) AS def
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE ${USER_SCHEMAS} AND p.prosecdef) f
     ORDER BY signature COLLATE "C"`,
  );
  const definerNames = new Set(definer.map((d) => d.signature));
  out.push(
    ...grantLines(
      functionGrants,
      (f) => `FUNCTION ${f}`,
      (f) => (definerNames.has(f) ? ' -- SECURITY DEFINER' : ''),
    ),
  );
  out.push('');

  out.push(`-- ===== SECURITY DEFINER functions (${definer.length}) =====`);
  for (const d of definer) out.push('', `-- ${d.signature}`, d.def.trimEnd() + ';');
  out.push('');

  return out.join('\n');
}
