export * from './audit.types';
export * from './audit.service';
export { verifyChain } from './audit-trail.service';
export * from './audit.module';
