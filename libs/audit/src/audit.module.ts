import { DynamicModule, FactoryProvider, Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { APP_CONFIG, AppConfig, AUDIT_TRAIL_HEALTH } from '@app/core';
import { DenialAuditInterceptor } from './denial-audit.interceptor';
import { AuditService } from './audit.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditResolver } from './graphql/audit.resolver';
import { AuditCheckpointer, CHECKPOINT_SINK } from './checkpoints/checkpointer.service';
import { CheckpointSink, FileCheckpointSink } from './checkpoints/checkpoints';

/** The built-in sink: the append-only file (AUDIT_CHECKPOINT_FILE, default DATA_DIR/audit-checkpoints.jsonl). */
const fileSink: FactoryProvider<CheckpointSink> = {
  provide: CHECKPOINT_SINK,
  useFactory: (config: AppConfig) => new FileCheckpointSink(config.auditCheckpoints.file),
  inject: [APP_CONFIG],
};

const PROVIDERS = [
  AuditService,
  AuditTrailService,
  AuditResolver,
  AuditCheckpointer,
  { provide: AUDIT_TRAIL_HEALTH, useExisting: AuditCheckpointer },
  { provide: APP_INTERCEPTOR, useClass: DenialAuditInterceptor },
];

@Global()
@Module({
  providers: [...PROVIDERS, fileSink],
  exports: [AuditService, AUDIT_TRAIL_HEALTH],
})
export class AuditModule {
  /**
   * The audit module with another checkpoint sink (a write-once object store, a syslog collector):
   * `AuditModule.withCheckpointSink({ useFactory: (config) => new MySink(...), inject: [APP_CONFIG] })`.
   */
  static withCheckpointSink(sink: Omit<FactoryProvider<CheckpointSink>, 'provide'>): DynamicModule {
    return {
      module: AuditModule,
      providers: [...PROVIDERS, { ...sink, provide: CHECKPOINT_SINK }],
      exports: [AuditService, AUDIT_TRAIL_HEALTH],
    };
  }
}
