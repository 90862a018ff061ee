import 'tsconfig-paths/register';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, runMigrations, setAppRolePassword, startEmbeddedPostgres, withCredentials } from '@app/core';
import { generate } from '@graphql-codegen/cli';
import { seedDemo } from '../../apps/api/src/seed/demo-seed';
import codegenConfig from '../codegen';

const TEMPLATE = 'tf_test_template';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Once per test run: a real PostgreSQL (embedded, or DATABASE_URL), and a template database built
 * with the real migrations and the demo seed. Each test file clones it (test/support/test-app.ts).
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  // The typed documents (test/gql) from the suites' graphql(...) calls, so a direct `npx jest` after
  // editing a document needs no separate step (`npm test` and `npm run typecheck` also run it).
  await generate({ ...codegenConfig, silent: true }, true);
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tf-test-pg-'));
    const server = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    (globalThis as { __TF_PG__?: unknown }).__TF_PG__ = server;
    adminUrl = server.ownerUrl('postgres');
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(adminUrl, TEMPLATE);
  const templateUrl = withCredentials(
    adminUrl,
    decodeURIComponent(new URL(adminUrl).username),
    decodeURIComponent(new URL(adminUrl).password),
    TEMPLATE,
  );
  await runMigrations(templateUrl);
  const masterKey = randomBytes(32);
  await seedDemo(templateUrl, masterKey);
  const appPassword = randomBytes(18).toString('hex');
  await setAppRolePassword(templateUrl, appPassword);

  process.env.TF_TEST_ADMIN_URL = adminUrl;
  process.env.TF_TEST_TEMPLATE = TEMPLATE;
  process.env.TF_TEST_APP_PASSWORD = appPassword;
  process.env.TF_TEST_MASTER_KEY = masterKey.toString('base64');
  process.env.TF_TEST_JWT_SECRET = randomBytes(32).toString('base64');
  process.stdout.write(`\n[test setup] PostgreSQL ready, template migrated and seeded in ${Date.now() - started} ms\n`);
}
