import 'reflect-metadata';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig, masterKeyId, rotateMasterKey } from '@app/core';
import { runCommand, withOwnerClient } from './cli-support';

/**
 * `npm run keys:rotate-master`: re-wraps every data key under a new master key (no data changes).
 * - MASTER_KEY in the environment: give the new one as NEW_MASTER_KEY (or NEW_MASTER_KEY_FILE),
 *   then set MASTER_KEY to it and restart.
 * - A key file (the embedded default, DATA_DIR/master.key): the new key (given, or generated) is
 *   written beside it first, and replaces it once the database has committed.
 * Stop the server first: a running server still holds the old key. Exit 0 on success, 2 on error.
 */
runCommand('keys:rotate-master', async () => {
  const config = loadConfig();
  const given =
    process.env.NEW_MASTER_KEY ??
    (process.env.NEW_MASTER_KEY_FILE ? readFileSync(process.env.NEW_MASTER_KEY_FILE, 'utf8').trim() : undefined);
  const newKey = given ? Buffer.from(given, 'base64') : randomBytes(32);
  if (newKey.length !== 32) throw new Error('NEW_MASTER_KEY must be 32 bytes, base64-encoded');
  const keyFile = config.masterKeyFile;
  if (!keyFile && !given)
    throw new Error('MASTER_KEY comes from the environment: give the new key as NEW_MASTER_KEY or NEW_MASTER_KEY_FILE.');
  const next = keyFile ? `${keyFile}.next` : null;
  if (next) writeFileSync(next, newKey.toString('base64') + '\n', { mode: 0o600 });
  const n = await withOwnerClient(config, (c) => rotateMasterKey(c, config.masterKey, newKey));
  if (keyFile && next && existsSync(next)) renameSync(next, keyFile);
  process.stdout.write(`Master key rotated: ${n} keys re-wrapped under ${masterKeyId(newKey)}.\n`);
  process.stdout.write(
    keyFile ? `The new key is in ${keyFile}. Restart the server.\n` : 'Set MASTER_KEY to the new key and restart the server.\n',
  );
});
