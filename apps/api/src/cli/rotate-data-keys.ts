import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig, prepareDatabase } from '@app/core';
import { rotateAgencyDataKey } from '@app/victims';

/**
 * `npm run keys:rotate-data-keys [-- SHORT_CODE ...]`: gives each agency (or the named ones) a new
 * data key and re-encrypts its victims' identities under it. Safe while the server runs: each
 * agency is one transaction, and the server opens any key version still in the ring.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const codes = process.argv.slice(2).map((s) => s.toUpperCase());
  const db = await prepareDatabase(config);
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string; short_code: string }>(
      `SELECT id, short_code FROM agencies WHERE cardinality($1::text[]) = 0 OR short_code = ANY($1) ORDER BY short_code`, [codes],
    );
    const unknown = codes.filter((code) => !rows.some((r) => r.short_code === code));
    if (unknown.length) throw new Error(`No agency with short code ${unknown.join(', ')}`);
    for (const a of rows) {
      const r = await rotateAgencyDataKey(c, config.masterKey, a.id);
      process.stdout.write(`${a.short_code}: data key v${r.version}, ${r.identities} identities re-encrypted.\n`);
    }
  } finally {
    await c.end();
    await db.embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`keys:rotate-data-keys failed: ${(e as Error).message}\n`);
    process.exit(2);
  },
);
