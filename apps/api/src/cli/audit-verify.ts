import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig, masterKeyAvailable } from '@app/core';
import { checkAgainstCheckpoints, CheckpointMismatchRow, checkpointSigner, publicKeyPem, readCheckpoints } from '@app/audit';
import { runCommand, withOwnerClient } from './cli-support';

const USAGE = `npm run audit:verify [-- --checkpoints FILE] [--public-key KEY]... [--print-public-key]

  Recomputes the whole audit hash chain, then compares it with the signed checkpoints in FILE
  (default: AUDIT_CHECKPOINT_FILE, or DATA_DIR/audit-checkpoints.jsonl when it exists).
  --public-key KEY   trust checkpoints signed by KEY only (base64 or hex of the 32-byte Ed25519
                     key, "ed25519:..." or a PEM file's path); repeat it for keys of earlier master
                     keys. Without it, the key derived from MASTER_KEY is trusted when MASTER_KEY is
                     set, else the keys the file names itself (which proves less: say so).
  --print-public-key prints this server's checkpoint public key (needs MASTER_KEY) and exits.
  Exit code 0 when intact, 1 when broken, 2 on error.`;

interface Args {
  checkpoints?: string;
  publicKeys: string[];
  printPublicKey: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { publicKeys: [], printPublicKey: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const value = () => {
      const v = argv[++i] as string | undefined;
      if (v === undefined || (v.startsWith('--') && !v.startsWith('-----'))) throw new Error(`${k} needs a value.\n${USAGE}`);
      return v;
    };
    if (k === '--checkpoints') a.checkpoints = value();
    else if (k === '--public-key') {
      const v = value();
      a.publicKeys.push(existsSync(v) ? readFileSync(v, 'utf8') : v);
    } else if (k === '--print-public-key') a.printPublicKey = true;
    else if (k === '--help' || k === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${k}.\n${USAGE}`);
  }
  return a;
}

/**
 * `npm run audit:verify`: recomputes the whole audit hash chain and compares it with the signed
 * checkpoints kept outside the database (ADR 0016); reports the number of events checked and the
 * first broken link, or the first seq that differs from what a checkpoint proves.
 */
runCommand('audit:verify', async () => {
  const args = parseArgs(process.argv.slice(2));
  const hasMaster = masterKeyAvailable();
  // Verifying elsewhere needs the public key, not the master key: nothing is decrypted or signed.
  const config = loadConfig(hasMaster || args.printPublicKey ? {} : { MASTER_KEY: randomBytes(32).toString('base64') });
  const signer = hasMaster || args.printPublicKey ? checkpointSigner(config.masterKey) : undefined;
  if (args.printPublicKey && signer) {
    process.stdout.write(`Audit checkpoint public key (Ed25519), key id ${signer.keyId}:\n  ed25519:${signer.publicKey}\n`);
    process.stdout.write(publicKeyPem(signer.publicKey));
    return 0;
  }
  const file = args.checkpoints ?? (existsSync(config.auditCheckpoints.file) ? config.auditCheckpoints.file : undefined);
  if (args.checkpoints && !existsSync(args.checkpoints)) throw new Error(`no checkpoint file at ${args.checkpoints}`);
  const pinned = args.publicKeys.length ? args.publicKeys : signer ? [signer.publicKey] : [];
  const report = file ? readCheckpoints(readFileSync(file, 'utf8').split('\n'), pinned) : undefined;

  return withOwnerClient(config, async (c) => {
    const {
      rows: [r],
    } = await c.query<{ checked: number | string; seq: string | null; id: string | null; reason: string | null }>(
      `SELECT checked, first_broken_seq::text AS seq, first_broken_id AS id, reason FROM audit_verify_chain()`,
    );
    const say = (m: string) => process.stdout.write(m + '\n');
    let broken = false;
    if (r.seq !== null) {
      say(
        `Audit trail BROKEN: ${r.checked} events checked; first broken link at seq ${r.seq}${r.id ? ` (event ${r.id})` : ''}: ${r.reason}.`,
      );
      broken = true;
    }
    if (!report) {
      if (!broken) say(`Audit trail intact: ${r.checked} events checked, every link verified.`);
      say(
        "No signed checkpoints to compare with (--checkpoints FILE): only the chain's own links were checked, which someone with the database superuser could recompute.",
      );
      return broken ? 1 : 0;
    }
    const found = await checkAgainstCheckpoints(
      (stmt, params) => c.query<CheckpointMismatchRow>(stmt.text, params).then((x) => x.rows),
      report.verified,
      'audit_checkpoint_mismatch',
    );
    if (!broken && found.firstDifferingSeq !== null) {
      say(`Audit trail BROKEN: ${r.checked} events checked; first broken link at seq ${found.firstDifferingSeq}: ${found.reason}.`);
      broken = true;
    } else if (!broken) {
      say(`Audit trail intact: ${r.checked} events checked, every link verified.`);
    }
    const latest = found.latest;
    say(
      `Checkpoints: ${report.verified.length} signed checkpoint(s) in ${file} verified with key ${report.keys.join(', ') || '(none)'}` +
        (latest ? `; latest: seq ${latest.seq}, signed ${latest.time}` : '') +
        (found.firstDifferingSeq === null && latest ? '; the trail matches every one.' : '.'),
    );
    if (report.selfAsserted)
      say('WARNING: the public key was taken from the checkpoint file itself; pass --public-key to pin the key you trust.');
    if (!report.verified.length) {
      say('Checkpoints BROKEN: no checkpoint in the file verifies with a trusted key.');
      broken = true;
    }
    if (report.rejected.length) {
      say(
        `Checkpoints BROKEN: ${report.rejected.length} line(s) rejected: ${report.rejected
          .slice(0, 5)
          .map((x) => `line ${x.line}: ${x.why}`)
          .join('; ')}.`,
      );
      broken = true;
    }
    if (report.inconsistent) {
      say(`Checkpoints BROKEN: ${report.inconsistent}.`);
      broken = true;
    }
    return broken ? 1 : 0;
  });
});
