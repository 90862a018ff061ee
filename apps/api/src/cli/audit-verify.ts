import 'reflect-metadata';
import { loadConfig } from '@app/core';
import { runCommand, withOwnerClient } from './cli-support';

/**
 * `npm run audit:verify`: recomputes the whole audit hash chain and reports the number of events
 * checked and the first broken link. Exit code 0 when intact, 1 when broken, 2 on error.
 */
runCommand('audit:verify', () =>
  withOwnerClient(loadConfig(), async (c) => {
    const {
      rows: [r],
    } = await c.query<{ checked: number | string; seq: string | null; id: string | null; reason: string | null }>(
      `SELECT checked, first_broken_seq::text AS seq, first_broken_id AS id, reason FROM audit_verify_chain()`,
    );
    if (r.seq === null) {
      process.stdout.write(`Audit trail intact: ${r.checked} events checked, every link verified.\n`);
      return 0;
    }
    process.stdout.write(
      `Audit trail BROKEN: ${r.checked} events checked; first broken link at seq ${r.seq}${r.id ? ` (event ${r.id})` : ''}: ${r.reason}.\n`,
    );
    return 1;
  }),
);
