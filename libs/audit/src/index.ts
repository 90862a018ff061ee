export * from './audit.types';
export * from './audit.service';
export { verifyChain } from './audit-trail.service';
export * from './audit.module';
export * from './checkpoints/checkpoints';
export * from './checkpoints/check-against-checkpoints';
export { AuditCheckpointer, CHECKPOINT_SINK } from './checkpoints/checkpointer.service';
export type { CheckpointMismatchRow } from './audit.sql';
