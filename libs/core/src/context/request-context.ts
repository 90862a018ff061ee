import { ClsStore } from 'nestjs-cls';

/** What the database needs to know about the principal to apply row-level security. */
export interface DbPrincipal {
  userId: string;
  agencyId: string;
  taskForceId: string;
  roles: readonly string[];
}

/** The authenticated person behind a request. */
export interface Principal extends DbPrincipal {
  sessionId: string;
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
