import { ClsStore } from 'nestjs-cls';

/** Who the principal is (as the code's own access checks see it). */
export interface DbPrincipal {
  userId: string;
  agencyId: string;
  taskForceId: string;
  roles: readonly string[];
}

/**
 * The authenticated person behind a request. The database learns the principal only from the live
 * session: `sessionId` and `sessionSecret` (from the access token) are presented to
 * auth_bind_session at the start of each transaction (docs/adr/0017).
 */
export interface Principal extends DbPrincipal {
  sessionId: string;
  /** The session's secret from the access token; the database keeps only its SHA-256. */
  sessionSecret: Buffer;
  username: string;
  displayName: string;
  mfaSatisfied: boolean;
  mfaEnabled: boolean;
}

/** Everything a request carries through nestjs-cls: who, from where, and (via the plugin) the transaction. */
export interface RequestStore extends ClsStore {
  principal?: Principal;
  requestId?: string;
  clientAddress?: string;
  userAgent?: string;
  /** Work to run once the outermost transaction has committed (Db.afterCommit). */
  afterCommit?: (() => Promise<void>)[];
}
