import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import {
  APP_CONFIG,
  AppConfig,
  HealthReporter,
  JOBS_DATABASE_URL,
  must,
  onRelayed,
  publish,
  relayToSingletons,
  Row,
  shared,
  Statement,
  WORKER_ROLE,
  WorkerRole,
} from '@app/core';
import { auditChainHead, firstAuditStray, verifyAuditChainFrom } from '../audit.sql';
import { CheckpointSigner, CheckpointSink, checkpointSigner, readCheckpoints, SignedCheckpoint } from './checkpoints';

export const CHECKPOINT_SINK = Symbol('CHECKPOINT_SINK');

/** Under WORKERS > 1: another worker's audit event, relayed to the one that signs; its health, published to all. */
const RELAYED_EVENT = 'audit-event';
const HEALTH_KEY = 'auditTrailHealth';

type Head = Row<typeof auditChainHead>;

/** A statement from the SQL home on the checkpointer's own connection (it reads as the owner, outside any request). */
async function poolRows<R>(pool: Pool, stmt: Statement<R>, params: unknown[] = []): Promise<R[]> {
  return (await pool.query<R & object>(stmt.text, params)).rows;
}

/**
 * Signs checkpoints of the audit chain and hands them to the sink (ADR 0016): on start, after every
 * AUDIT_CHECKPOINT_EVERY events, every AUDIT_CHECKPOINT_INTERVAL seconds when the chain moved, and
 * on shutdown. It reads the head on the owner's connection (the app role cannot read it), and before
 * signing it verifies the chain from its previous checkpoint to the new head, so a trail rewritten
 * since is never signed: it raises the alarm instead (log and /health), and keeps refusing.
 *
 * Rows outside the chain (stray rows, see migration 1763890000000) raise the alarm too, but do not
 * stop checkpoints: they are not part of the chain the checkpoint proves.
 *
 * With WORKERS > 1 (ADR 0022) one worker signs, so the file has one writer: the other workers relay
 * their events to it and report the health it publishes.
 */
@Injectable()
export class AuditCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown, HealthReporter {
  readonly healthKey = 'auditTrail';
  private readonly log = new Logger('AuditCheckpoints');
  private readonly signer: CheckpointSigner;
  private pool?: Pool;
  private last?: Head;
  private lastSigned?: SignedCheckpoint;
  private pending = 0;
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();
  private alarm: string | null = null;
  private strayAlarm: string | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_DATABASE_URL) private readonly ownerUrl: string | undefined,
    @Inject(CHECKPOINT_SINK) readonly sink: CheckpointSink,
    @Inject(WORKER_ROLE) private readonly role: WorkerRole,
  ) {
    this.signer = checkpointSigner(config.masterKey);
  }

  get enabled(): boolean {
    return this.config.auditCheckpoints.enabled && !!this.ownerUrl && this.role.singletons;
  }

  /** Another worker signs: this one relays its events there and reports that worker's health. */
  private get signedElsewhere(): boolean {
    return this.config.auditCheckpoints.enabled && !!this.ownerUrl && this.role.cluster && !this.role.singletons;
  }

  get publicKey(): { keyId: string; publicKey: string } {
    return { keyId: this.signer.keyId, publicKey: this.signer.publicKey };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    if (this.role.cluster) onRelayed(RELAYED_EVENT, () => this.noteEvent());
    this.pool = new Pool({ connectionString: this.ownerUrl, max: 1, application_name: 'tf-audit-checkpoints' });
    this.pool.on('error', (e) => this.log.warn(`checkpoint connection: ${e.message}`));
    const mine = await this.signedByMe();
    this.lastSigned = mine.reduce<SignedCheckpoint | undefined>((a, c) => (!a || BigInt(c.seq) >= BigInt(a.seq) ? c : a), undefined);
    if (this.lastSigned) this.last = { seq: this.lastSigned.seq, head: this.lastSigned.head };
    if (this.role.cluster) publish(HEALTH_KEY, this.ownHealth());
    if (!mine.length && this.sink.read) {
      await this.sink.append([
        {
          type: 'key',
          keyId: this.signer.keyId,
          algorithm: 'Ed25519',
          publicKey: this.signer.publicKey,
          created: new Date().toISOString(),
        },
      ]);
    }
    // Not awaited: the first checkpoint of a new file verifies the whole chain, which must not hold up the start.
    void this.checkpoint('start');
    this.timer = setInterval(() => void this.checkpoint('interval'), this.config.auditCheckpoints.intervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.pool) return;
    clearInterval(this.timer);
    clearTimeout(this.soon);
    await this.checkpoint('shutdown');
    this.stopped = true;
    await this.queue;
    await this.pool.end();
  }

  /** An audit event was written: checkpoint once N have been (shortly, so their transactions have committed). */
  noteEvent(): void {
    if (this.signedElsewhere) {
      relayToSingletons(RELAYED_EVENT);
      return;
    }
    if (!this.pool || this.stopped) return;
    this.pending++;
    if (this.pending >= this.config.auditCheckpoints.everyEvents && !this.soon) {
      this.soon = setTimeout(() => {
        this.soon = undefined;
        void this.checkpoint('events');
      }, 50);
      this.soon.unref();
    }
  }

  /** Checkpoints of the sink that this server's key signed (all, unordered), if the sink can be read. */
  async signedByMe(): Promise<SignedCheckpoint[]> {
    if (!this.sink.read) return [];
    return readCheckpoints(await this.sink.read(), [this.signer.publicKey]).verified;
  }

  health() {
    if (this.signedElsewhere) return (shared(HEALTH_KEY) as ReturnType<AuditCheckpointer['ownHealth']> | undefined) ?? this.ownHealth();
    return this.ownHealth();
  }

  private ownHealth() {
    return {
      checkpoints: this.enabled || this.signedElsewhere ? this.sink.name : 'off',
      keyId: this.signer.keyId,
      lastCheckpoint: this.lastSigned ? { seq: this.lastSigned.seq, time: this.lastSigned.time } : null,
      alarm: [this.alarm, this.strayAlarm].filter(Boolean).join('; ') || null,
    };
  }

  /** Signs the current head if it moved and still extends the last checkpoint. Runs one at a time; never throws. */
  checkpoint(why: string): Promise<void> {
    this.queue = this.queue
      .then(() => this.run(why))
      .catch((e: unknown) => this.log.warn(`checkpoint (${why}) failed: ${(e as Error).message}`))
      .then(() => {
        if (this.role.cluster) publish(HEALTH_KEY, this.ownHealth());
      });
    return this.queue;
  }

  private async run(why: string): Promise<void> {
    if (!this.pool || this.stopped) return;
    this.pending = 0;
    const h = must((await poolRows(this.pool, auditChainHead))[0], 'the audit chain head');
    await this.checkStrays(this.pool, h);
    if (this.last && this.last.seq === h.seq && this.last.head === h.head && !this.alarm) return;
    const from = this.last ?? { seq: '0', head: '00'.repeat(32) };
    const v = must((await poolRows(this.pool, verifyAuditChainFrom, [from.seq, from.head]))[0], 'the chain verification');
    if (v.seq !== null) {
      const alarm = `AUDIT TRAIL TAMPERED: the chain no longer extends the checkpoint of seq ${from.seq}${this.lastSigned ? ` (signed ${this.lastSigned.time})` : ''}; first problem at seq ${v.seq}: ${v.reason}. No checkpoint is signed until an operator investigates.`;
      if (alarm !== this.alarm) this.log.error(alarm);
      this.alarm = alarm;
      return;
    }
    if (this.alarm) this.log.warn('audit trail: the chain extends the last checkpoint again; checkpoints resume');
    this.alarm = null;
    if (this.last && this.last.seq === h.seq && this.last.head === h.head) return;
    const signed = this.signer.sign({ seq: h.seq, head: h.head, time: new Date().toISOString() });
    await this.sink.append([signed]);
    this.last = h;
    this.lastSigned = signed;
    this.log.debug(`checkpoint (${why}): seq ${h.seq}`);
  }

  private async checkStrays(pool: Pool, h: Head): Promise<void> {
    const s = must((await poolRows(pool, firstAuditStray, [h.seq]))[0], 'the stray check');
    const alarm =
      s.seq === null
        ? null
        : `AUDIT TRAIL ANOMALY: row(s) not written by the chain found at seq ${s.seq}; writes continue around them, run npm run audit:verify`;
    if (alarm && alarm !== this.strayAlarm) this.log.error(alarm);
    this.strayAlarm = alarm;
  }
}
