import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databasePolicy } from './support/database-policy';
import { ownerUrlOf } from './support/test-app';

/**
 * The database policy in force is reviewed like the API surface: docs/database-policy.sql holds
 * every table's row-level security flags and policies, every SECURITY DEFINER function and every
 * grant that reaches the app role, as the migrations leave them. A migration that changes any of
 * it fails here until the snapshot is regenerated (`npm run api:snapshot`) and committed, so the
 * change shows up in review as a diff of the policy itself, not only of migration history.
 */
const POLICY_FILE = resolve(__dirname, '../docs/database-policy.sql');
const WRITE = process.env.TF_WRITE_SNAPSHOTS === '1';
const REGENERATE =
  'docs/database-policy.sql is not the policy the migrations produce. If the change is intended (a reviewed migration, ' +
  'or after merging branches that add migrations), run `npm run api:snapshot` and commit docs/database-policy.sql; ' +
  'otherwise a migration changed row-level security, a SECURITY DEFINER function or a grant to tf_app by accident. ' +
  'Below, "Expected" (-) is the committed file and "Received" (+) the migrated database.';

describe('database policy snapshot', () => {
  // A clone of the migrated template (connecting to the template itself would stop other test
  // files from cloning it while this one reads).
  const dbName = `tf_test_policy_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: process.env.TF_TEST_ADMIN_URL });
  const owner = new Client({ connectionString: ownerUrlOf({ dbName }) });
  let policy: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${process.env.TF_TEST_TEMPLATE}`);
    await owner.connect();
    policy = await databasePolicy(ownerUrlOf({ dbName }));
    if (WRITE) writeFileSync(POLICY_FILE, policy);
  });
  afterAll(async () => {
    await owner.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('docs/database-policy.sql is the policy of the migrated database (run `npm run api:snapshot` after a reviewed migration)', () => {
    if (!existsSync(POLICY_FILE)) throw new Error(`docs/database-policy.sql is missing. ${REGENERATE}`);
    const committed = readFileSync(POLICY_FILE, 'utf8');
    try {
      expect(policy).toBe(committed);
    } catch (e) {
      if (e instanceof Error) e.message = `${REGENERATE}\n\n${e.message}`;
      throw e;
    }
  });

  it('is complete: every protected table, policy and definer function of the database is in it', async () => {
    const [counts] = (
      await owner.query<{ policies: number; definers: number; forced: number }>(
        `SELECT (SELECT count(*)::int FROM pg_policies WHERE schemaname = 'public') AS policies,
                  (SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' AND p.prosecdef) AS definers,
                  (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity AND c.relforcerowsecurity) AS forced`,
      )
    ).rows;
    expect(counts.policies).toBeGreaterThan(50);
    expect(counts.definers).toBeGreaterThan(20);
    expect(policy.match(/^CREATE POLICY /gm)?.length).toBe(counts.policies);
    expect(policy.match(/^CREATE OR REPLACE FUNCTION /gm)?.length).toBe(counts.definers);
    expect(policy.match(/^ALTER TABLE \S+ FORCE ROW LEVEL SECURITY;$/gm)?.length).toBe(counts.forced);
    // A policy redefined by several migrations is there once, as it is now.
    expect(policy.match(/^CREATE POLICY victims_read ON /gm)?.length).toBe(1);
    // The append-only audit trail: the app role may add and read events, never change them.
    expect(policy).toMatch(/^GRANT SELECT, INSERT ON TABLE public\.audit_events TO tf_app;$/m);
  });

  it('holds nothing that differs between runs (no OIDs, test database names or passwords)', () => {
    expect(policy).not.toMatch(/tf_test_/);
    expect(policy).not.toContain(process.env.TF_TEST_APP_PASSWORD!);
    expect(policy).not.toMatch(/\boid\s*=\s*\d{4,}|\b\d{5,}::(oid|regclass)/);
  });
});
