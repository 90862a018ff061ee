import type { Statement } from '@app/core';
import { appCheckpointMismatch, CheckpointMismatchRow, ownerCheckpointMismatch } from '../audit.sql';
import { SignedCheckpoint } from './checkpoints';

export interface CheckpointFinding {
  /** The latest signed checkpoint, by seq. */
  latest: SignedCheckpoint | null;
  /** How many signed checkpoints were compared with the table. */
  compared: number;
  /** Null when the table agrees with every checkpoint. */
  firstDifferingSeq: string | null;
  reason: string | null;
}

/** Runs the statement on the caller's connection (Db's statement API, or the owner's client). */
type Run = (stmt: Statement<CheckpointMismatchRow>, params: unknown[]) => Promise<CheckpointMismatchRow[]>;

/**
 * Compares the table with every signed checkpoint in one statement (audit.sql.ts), through `fn`
 * (audit_checkpoint_mismatch for the owner, app_audit_checkpoint_mismatch for a signed-in auditor),
 * and names the first seq that differs from what a checkpoint proves:
 * - rewound or wiped: the event a checkpoint covers is gone; the first missing seq is named;
 * - re-hashed or replaced (also when forged events were appended past the rewound head): the event a
 *   checkpoint covers has another hash; that checkpoint's seq is named, with the last checkpoint
 *   still matching, between which the rewrite lies.
 */
export async function checkAgainstCheckpoints(
  run: Run,
  checkpoints: SignedCheckpoint[],
  fn: 'audit_checkpoint_mismatch' | 'app_audit_checkpoint_mismatch',
): Promise<CheckpointFinding> {
  const sorted = [...checkpoints].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0));
  const latest = sorted.length ? sorted[sorted.length - 1] : null;
  const meaningful = sorted.filter((c) => c.seq !== '0');
  if (!meaningful.length) return { latest, compared: sorted.length, firstDifferingSeq: null, reason: null };
  const stmt = fn === 'audit_checkpoint_mismatch' ? ownerCheckpointMismatch : appCheckpointMismatch;
  const [m] = (await run(stmt, [meaningful.map((c) => c.seq), meaningful.map((c) => `\\x${c.head}`)])) as (
    CheckpointMismatchRow | undefined
  )[];
  if (!m) return { latest, compared: sorted.length, firstDifferingSeq: null, reason: null };
  const seq = m.seq;
  const cp = meaningful.find((c) => c.seq === seq);
  if (!cp) throw new Error(`the database named seq ${seq}, which no checkpoint covers`);
  const before = [...meaningful].reverse().find((c) => BigInt(c.seq) < BigInt(seq));
  const since = before ? `after seq ${before.seq} (the last checkpoint the table still matches, ${before.time})` : 'from the first event';
  const signed = `the checkpoint signed at ${cp.time} (key ${cp.keyId}) proves seq ${seq} with head ${cp.head.slice(0, 16)}…`;
  if (m.found === null) {
    const top = BigInt(m.top);
    const first = top < BigInt(seq) ? top + 1n : BigInt(seq);
    const what = top === 0n ? 'the trail was wiped: no event is left' : `the trail was rewound: it ends at seq ${top}`;
    return {
      latest,
      compared: sorted.length,
      firstDifferingSeq: String(first),
      reason: `events missing that a signed checkpoint proves: ${what}, but ${signed}`,
    };
  }
  return {
    latest,
    compared: sorted.length,
    firstDifferingSeq: seq,
    reason: `the trail was rewritten: seq ${seq} has hash ${m.found.slice(0, 16)}…, but ${signed}; events ${since} were changed or replaced`,
  };
}
