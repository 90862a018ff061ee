import { createHash, createPrivateKey, createPublicKey, hkdfSync, KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, existsSync, fsyncSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Signed checkpoints of the audit chain (ADR 0016), after Certificate Transparency's signed tree
 * heads and the C2SP checkpoint format used by Trillian and Rekor: "the chain reached seq N with head
 * hash H at time T", signed with Ed25519 by a key the database never holds (derived from the master
 * key with HKDF under its own label). Anyone with the public key can check them, on any machine.
 *
 * The file format is JSON lines, append-only: a `key` line naming each signing key (id and public
 * key), then `checkpoint` lines. Only the checkpoint lines are signed; a `key` line is a hint, and a
 * verifier elsewhere pins the public key itself (`--public-key`).
 */

export const CHECKPOINT_FILE_NAME = 'audit-checkpoints.jsonl';
const SIGNING_LABEL = 'audit-checkpoint-signing-key/v1';
const SIGNED_PREFIX = 'tf-audit-checkpoint/v1';
const GENESIS = '00'.repeat(32);
/** DER prefix of a PKCS#8 Ed25519 private key, followed by the 32-byte seed (RFC 8410). */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
/** DER prefix of an SPKI Ed25519 public key, followed by the 32 raw bytes. */
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export interface Checkpoint {
  /** Highest seq of the chain covered ("0" for the empty chain). Decimal text, as seq is a bigint. */
  seq: string;
  /** Hash of the event at seq (hex); the genesis hash for seq 0. */
  head: string;
  /** When it was signed (ISO 8601, UTC). */
  time: string;
  keyId: string;
}

export interface SignedCheckpoint extends Checkpoint {
  type: 'checkpoint';
  /** Ed25519 signature over signedText(checkpoint), base64. */
  sig: string;
}

export interface KeyLine {
  type: 'key';
  keyId: string;
  algorithm: 'Ed25519';
  /** The raw 32-byte public key, base64. */
  publicKey: string;
  created: string;
}

export type CheckpointLine = SignedCheckpoint | KeyLine;

export interface CheckpointSigner {
  keyId: string;
  publicKey: string;
  sign(c: Omit<Checkpoint, 'keyId'>): SignedCheckpoint;
}

/** The exact bytes a checkpoint's signature covers: one field a line, fixed order. */
export function signedText(c: Checkpoint): Buffer {
  return Buffer.from(`${SIGNED_PREFIX}\n${c.seq}\n${c.head}\n${c.time}\n${c.keyId}\n`, 'utf8');
}

/** A short, non-secret name of a public key: the first 16 hex digits of its SHA-256. */
export function keyIdOf(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16);
}

/** The checkpoint signing key, derived from the master key (HKDF-SHA-256 with its own label). */
export function checkpointSigner(masterKey: Buffer): CheckpointSigner {
  const seed = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), Buffer.from(SIGNING_LABEL), 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const raw = rawPublicKey(createPublicKey(privateKey));
  const keyId = keyIdOf(raw);
  return {
    keyId,
    publicKey: raw.toString('base64'),
    sign(c) {
      const checkpoint: Checkpoint = { seq: c.seq, head: c.head, time: c.time, keyId };
      return { type: 'checkpoint', ...checkpoint, sig: sign(null, signedText(checkpoint), privateKey).toString('base64') };
    },
  };
}

function rawPublicKey(k: KeyObject): Buffer {
  const der = k.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/**
 * A public key as given on a command line or in a file: base64 or hex of the 32 raw bytes, with an
 * optional `ed25519:` prefix, or a PEM SPKI block.
 */
export function parsePublicKey(text: string): { keyId: string; key: KeyObject; raw: Buffer } {
  const t = text.trim();
  let raw: Buffer;
  if (t.startsWith('-----BEGIN')) {
    raw = rawPublicKey(createPublicKey(t));
  } else {
    const body = t.replace(/^ed25519:/i, '');
    raw = /^[0-9a-f]{64}$/i.test(body) ? Buffer.from(body, 'hex') : Buffer.from(body, 'base64');
  }
  if (raw.length !== 32) throw new Error('The public key is not an Ed25519 key (32 bytes, base64 or hex, or a PEM public key).');
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });
  return { keyId: keyIdOf(raw), key, raw };
}

/** The public key as PEM, for `--print-public-key`. */
export function publicKeyPem(rawBase64: string): string {
  return parsePublicKey(rawBase64).key.export({ format: 'pem', type: 'spki' }).toString();
}

export function checkSignature(c: SignedCheckpoint, key: KeyObject): boolean {
  try {
    return verify(null, signedText(c), key, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

/** One line of a checkpoint file, validated; undefined for a line that is not one. */
export function parseLine(line: string): CheckpointLine | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const str = (k: string) => typeof o[k] === 'string';
  if (o.type === 'key' && str('keyId') && str('publicKey') && o.algorithm === 'Ed25519') return o as unknown as KeyLine;
  if (
    o.type === 'checkpoint' &&
    str('seq') &&
    /^\d{1,19}$/.test(o.seq as string) &&
    str('head') &&
    /^[0-9a-f]{64}$/.test(o.head as string) &&
    str('time') &&
    str('keyId') &&
    str('sig')
  )
    return o as unknown as SignedCheckpoint;
  return undefined;
}

export interface CheckpointFileReport {
  /** Checkpoints whose signature verifies under a trusted key, in file order. */
  verified: SignedCheckpoint[];
  /** Lines that are not checkpoints or keys, or checkpoints that do not verify (1-based line numbers). */
  rejected: { line: number; why: string }[];
  /** The keys the checks trusted, by id. */
  keys: string[];
  /** True when the keys came from the file's own key lines (nothing pinned). */
  selfAsserted: boolean;
  /** Two verified checkpoints that cannot both be true: same seq, different heads, or a later one behind an earlier one. */
  inconsistent?: string;
}

/**
 * Reads checkpoint lines and keeps those signed by a trusted key: the pinned ones, or (with none
 * pinned) the keys the file names itself, which proves only that the file was not altered by
 * someone without a key it names.
 */
export function readCheckpoints(lines: string[], pinned: string[] = []): CheckpointFileReport {
  const parsed = lines.map((l, i) => ({ n: i + 1, text: l.trim(), v: parseLine(l) })).filter((l) => l.text !== '');
  const trusted = new Map<string, KeyObject>();
  for (const p of pinned) {
    const k = parsePublicKey(p);
    trusted.set(k.keyId, k.key);
  }
  const selfAsserted = trusted.size === 0;
  if (selfAsserted) {
    for (const l of parsed) {
      if (l.v?.type !== 'key') continue;
      try {
        const k = parsePublicKey(l.v.publicKey);
        if (k.keyId === l.v.keyId) trusted.set(k.keyId, k.key);
      } catch {
        /* reported below as not a key */
      }
    }
  }
  const verified: SignedCheckpoint[] = [];
  const rejected: CheckpointFileReport['rejected'] = [];
  for (const l of parsed) {
    if (!l.v) rejected.push({ line: l.n, why: 'not a checkpoint line' });
    else if (l.v.type === 'checkpoint') {
      const key = trusted.get(l.v.keyId);
      if (!key) rejected.push({ line: l.n, why: `signed by key ${l.v.keyId}, which is not trusted` });
      else if (!checkSignature(l.v, key)) rejected.push({ line: l.n, why: 'the signature does not verify' });
      else verified.push(l.v);
    }
  }
  const report: CheckpointFileReport = { verified, rejected, keys: [...trusted.keys()], selfAsserted };
  const bySeq = new Map<string, SignedCheckpoint>();
  let last: SignedCheckpoint | undefined;
  for (const c of verified) {
    const same = bySeq.get(c.seq);
    if (same && same.head !== c.head) {
      report.inconsistent = `two signed checkpoints give seq ${c.seq} different heads (${same.time} and ${c.time})`;
      break;
    }
    if (last && BigInt(c.seq) < BigInt(last.seq) && Date.parse(c.time) >= Date.parse(last.time)) {
      report.inconsistent = `the checkpoint of ${c.time} (seq ${c.seq}) is behind the one of ${last.time} (seq ${last.seq}): the chain was rewound`;
      break;
    }
    bySeq.set(c.seq, c);
    last = c;
  }
  if (verified.some((c) => c.seq === '0' && c.head !== GENESIS)) report.inconsistent = 'a checkpoint of the empty chain names a head';
  return report;
}

/**
 * Where checkpoints go. The file sink is built in; a deployment adds its own (a write-once object
 * store with object lock, a syslog or SIEM collector) by implementing this and passing it to
 * AuditModule (see README, "Audit checkpoints").
 */
export interface CheckpointSink {
  /** A name for logs and /health. */
  readonly name: string;
  /** Appends lines durably; resolves only once they are stored. */
  append(lines: CheckpointLine[]): Promise<void>;
  /** The lines stored so far, oldest first, if this sink can read them back (the file can; a syslog cannot). */
  read?(): Promise<string[]>;
}

/** An append-only JSON-lines file (O_APPEND, fsync after every write). */
export class FileCheckpointSink implements CheckpointSink {
  readonly name: string;

  constructor(readonly file: string) {
    this.name = `file:${file}`;
  }

  append(lines: CheckpointLine[]): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, lines.map((l) => JSON.stringify(l) + '\n').join(''), { mode: 0o644 });
    const fd = openSync(this.file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return Promise.resolve();
  }

  read(): Promise<string[]> {
    return Promise.resolve(existsSync(this.file) ? readFileSync(this.file, 'utf8').split('\n') : []);
  }
}
