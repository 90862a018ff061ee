/** The one error vocabulary of the API. Every failure leaves as a GraphQL error with one of these codes. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A protocol mistake: the HTTP request is not a GraphQL request this server runs (batch, CSRF, subscription, ...). */
  BAD_REQUEST = 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** The database cannot be reached for the moment (e.g. the embedded PostgreSQL is restarting): try again shortly. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** When a denial should be written to the audit trail (after the transaction rolled back). */
export interface DenialAudit {
  action: string;
  recordType?: string;
  recordId?: string;
  subjectAgencyId?: string;
  reason?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly denial?: DenialAudit,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const Errors = {
  unauthenticated: (message = 'You are not signed in, or your session has ended. Please sign in again.') =>
    new AppError(ErrorCode.UNAUTHENTICATED, message),
  /** Operation-level refusal: the principal's role does not allow it. */
  forbidden: (message: string, denial?: DenialAudit) => new AppError(ErrorCode.FORBIDDEN, message, undefined, denial),
  /** Record-level refusal: never reveals whether the record exists. */
  notFound: (recordType: string, recordId?: string, action = `${recordType}.read`) =>
    new AppError(ErrorCode.NOT_FOUND, `The ${recordType} was not found, or you do not have access to it.`, undefined, {
      action,
      recordType,
      recordId,
      reason: 'not found or no access',
    }),
  badInput: (message: string, details?: Record<string, unknown>) => new AppError(ErrorCode.BAD_USER_INPUT, message, details),
  badRequest: (message: string) => new AppError(ErrorCode.BAD_REQUEST, message),
  conflict: (message: string, details?: Record<string, unknown>) => new AppError(ErrorCode.CONFLICT, message, details),
  unavailable: (
    message = 'The database is not available at the moment (it is being restarted). What you asked for may not have been done: check, then try again in a few seconds.',
  ) => new AppError(ErrorCode.SERVICE_UNAVAILABLE, message),
  /**
   * The one "changed by someone else" error of optimistic concurrency: the version the client read
   * is not the record's version any more (with the current one, when known).
   */
  stale: (what: string, currentVersion?: number) =>
    new AppError(
      ErrorCode.CONFLICT,
      `This ${what} was changed by someone else since you read it. Reload and try again.`,
      currentVersion === undefined ? undefined : { currentVersion },
    ),
  rateLimited: (message = 'Too many attempts. Please wait a minute and try again.') => new AppError(ErrorCode.RATE_LIMITED, message),
};

/**
 * A value the code knows is there (an agency every row references, a map entry just filled): its
 * absence is a bug, thrown as one (INTERNAL), not papered over with a non-null assertion.
 */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
