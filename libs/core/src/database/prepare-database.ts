import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@app/migrations';
import { AppConfig } from '../config/app-config';
import { EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';

export const APP_DB_ROLE = 'tf_app';

export interface PreparedDatabase {
  /** Owner connection string: migrations, seeding, maintenance. */
  ownerUrl: string;
  /** The app role's connection string: everything the API does. */
  appUrl: string;
  embedded?: EmbeddedServer;
}

/** Runs `work` on a connection of its own to `url`, closed after. */
export async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Runs every pending migration as the owner. Safe to call on every start. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    logging: false,
  });
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/**
 * Writes the operator's session limits into the database's own settings (app_settings, which only
 * the owner may write): the definer functions that check sessions read them there, so the app role
 * cannot pass itself a longer idle limit or a higher lockout threshold.
 */
export async function writeDatabaseSettings(ownerUrl: string, config: AppConfig): Promise<void> {
  await withClient(ownerUrl, (c) =>
    c.query(
      `UPDATE app_settings SET idle_timeout_seconds = $1, max_failed_logins = $2, mfa_required = $3, refresh_ttl_seconds = $4,
         access_ttl_seconds = $5, updated_at = now() WHERE singleton`,
      [config.idleTimeoutSeconds, config.maxFailedLogins, config.mfaRequired, config.refreshTokenTtlSeconds, config.accessTokenTtlSeconds],
    ),
  );
}

/**
 * Takes from PUBLIC the right to create temporary tables in the database, and objects in the public
 * schema, on every start: a table in the session's temporary schema is found before any other of its
 * name, and an object in a schema put first on the search path before pg_catalog's, so the app role's
 * connection could otherwise shadow what an invoker-rights function reads by name (the principal
 * accessors are fully schema-qualified since migration 1763980000000; this is the second defence).
 * A database's own privileges are not carried by a template or a dump, hence here and not in a
 * migration. Returns what the app role can still do that it should not (a managed database owned by
 * another role, a grant made to the app role itself), for the caller to report.
 */
export async function restrictDatabasePrivileges(ownerUrl: string): Promise<string[]> {
  return withClient(ownerUrl, async (c) => {
    // Each on its own: a role that may not revoke one may still revoke the other.
    for (const revoke of [
      `EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database())`,
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    ]) {
      // Refused: reported below, from what the app role can still do.
      await c.query(`DO $$ BEGIN ${revoke}; EXCEPTION WHEN insufficient_privilege THEN NULL; END $$`);
    }
    const { rows } = await c.query<{ temp: boolean; create: boolean }>(
      `SELECT has_database_privilege($1, current_database(), 'TEMPORARY') AS temp, has_schema_privilege($1, 'public', 'CREATE') AS create`,
      [APP_DB_ROLE],
    );
    return [
      ...(rows[0].temp ? [`the app role ${APP_DB_ROLE} may still create temporary tables in this database`] : []),
      ...(rows[0].create ? [`the app role ${APP_DB_ROLE} may still create objects in the public schema`] : []),
    ];
  });
}

/** Gives the app role a password (not kept in migrations) so it can log in. */
export async function setAppRolePassword(ownerUrl: string, password: string): Promise<void> {
  await withClient(ownerUrl, async (c) => {
    const { rows } = await c.query<{ sql: string }>(`SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS sql`, [
      APP_DB_ROLE,
      password,
    ]);
    await c.query(rows[0].sql);
  });
}

export function withCredentials(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  if (database) u.pathname = '/' + database;
  return u.toString();
}

export async function ensureDatabase(ownerUrlOfPostgresDb: string, name: string): Promise<void> {
  await withClient(ownerUrlOfPostgresDb, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  });
}

/**
 * From configuration to two ready connection strings: starts the embedded PostgreSQL when no
 * DATABASE_URL is given, runs the migrations as the owner, and makes sure the app role can log in.
 * The server (`as: 'server'`) refuses a DATA_DIR whose PostgreSQL another live server runs; the
 * command-line tools share it.
 */
export async function prepareDatabase(
  config: AppConfig,
  log: (m: string) => void = () => {},
  opts: { as?: 'server' | 'tool' } = {},
): Promise<PreparedDatabase> {
  let ownerUrl = config.databaseUrl;
  let embedded: EmbeddedServer | undefined;
  if (!ownerUrl) {
    const port = config.embeddedPgPort;
    log(`Starting embedded PostgreSQL in ${join(config.dataDir, 'pg')} on port ${port}`);
    embedded = await startEmbeddedPostgres({ dir: join(config.dataDir, 'pg'), port, persistent: true, share: opts.as !== 'server', log });
    await ensureDatabase(embedded.ownerUrl('postgres'), 'taskforce');
    ownerUrl = embedded.ownerUrl('taskforce');
  }
  const applied = await runMigrations(ownerUrl);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  await writeDatabaseSettings(ownerUrl, config);
  for (const problem of await restrictDatabasePrivileges(ownerUrl)) log(`Warning: ${problem} (revoke it as the database owner)`);

  if (config.appDatabaseUrl) return { ownerUrl, appUrl: config.appDatabaseUrl, embedded };
  let password = config.appDbPassword;
  if (!password) {
    const file = join(config.dataDir, 'app-db.secret');
    if (existsSync(file)) password = readFileSync(file, 'utf8').trim();
    else {
      password = randomBytes(24).toString('hex');
      writeFileSync(file, password + '\n', { mode: 0o600 });
    }
  }
  await setAppRolePassword(ownerUrl, password);
  return { ownerUrl, appUrl: withCredentials(ownerUrl, APP_DB_ROLE, password), embedded };
}
