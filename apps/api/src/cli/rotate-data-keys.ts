import 'reflect-metadata';
import { loadConfig } from '@app/core';
import { rotateAgencyDataKey } from '@app/victims';
import { runCommand, withOwnerClient } from './cli-support';

/**
 * `npm run keys:rotate-data-keys [-- SHORT_CODE ...]`: gives each agency (or the named ones) a new
 * data key and re-encrypts its victims' identities under it. Safe while the server runs: each
 * agency is one transaction, and the server opens any key version still in the ring.
 */
runCommand('keys:rotate-data-keys', async () => {
  const config = loadConfig();
  const codes = process.argv.slice(2).map((s) => s.toUpperCase());
  await withOwnerClient(config, async (c) => {
    const { rows } = await c.query<{ id: string; short_code: string }>(
      `SELECT id, short_code FROM agencies WHERE cardinality($1::text[]) = 0 OR short_code = ANY($1) ORDER BY short_code`,
      [codes],
    );
    const unknown = codes.filter((code) => !rows.some((r) => r.short_code === code));
    if (unknown.length) throw new Error(`No agency with short code ${unknown.join(', ')}`);
    for (const a of rows) {
      const r = await rotateAgencyDataKey(c, config.masterKey, a.id);
      process.stdout.write(`${a.short_code}: data key v${r.version}, ${r.identities} identities re-encrypted.\n`);
    }
  });
});
