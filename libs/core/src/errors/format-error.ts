import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { AppError, ErrorCode, Errors } from './app-error';
import { isDatabaseUnavailable } from './database-unavailable';

const logger = new Logger('GraphQLError');

const CLIENT_ERROR_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.BAD_USER_INPUT,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.BAD_USER_INPUT,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  // Protocol mistakes (the HTTP request, not the operation): batches, CSRF, no query, an unknown operationName.
  BAD_REQUEST: ErrorCode.BAD_REQUEST,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_REQUEST,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
};

/** The AppError behind an error: thrown by a resolver, or wrapped by a plugin or validation rule. */
function appErrorOf(error: unknown, original: unknown): AppError | undefined {
  if (original instanceof AppError) return original;
  return error instanceof GraphQLError && error.originalError instanceof AppError ? error.originalError : undefined;
}

/**
 * Apollo refuses some malformed requests itself with HTTP 400 and no code (a persisted-query
 * extension of an unknown version or a hash that does not match the query): protocol mistakes.
 */
function isUncodedRequestRefusal(error: unknown, original: unknown): boolean {
  if (!(error instanceof GraphQLError) || original !== error || error.originalError || error.path) return false;
  const http = error.extensions.http as { status?: number } | undefined;
  return error.extensions.code === undefined && http?.status === 400;
}

/**
 * GraphQL's "Did you mean ...?" hints name fields, arguments, types and enum values the caller did
 * not ask for. graphql-armor masks only some of them (not "Did you mean the enum value ..."), and
 * not variable-coercion errors, so every message is cleaned here as well.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*(\[Suggestion hidden\]|Did you mean\b[^?]*)\?/g, '').trim();
}

function validationMessages(response: unknown): string | undefined {
  const msg = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : undefined;
  if (Array.isArray(msg)) return msg.join('; ');
  return typeof msg === 'string' ? msg : undefined;
}

/**
 * Every error leaves through here: a known code and a message a person understands, never a
 * stack trace or SQL. Unknown errors are logged server-side and reported as INTERNAL.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: withoutSuggestions(formatted.message), locations: formatted.locations, path: formatted.path };

  const appError = appErrorOf(error, original);
  if (appError) {
    return { ...base, message: withoutSuggestions(appError.message), extensions: { code: appError.code, ...(appError.details ?? {}) } };
  }
  // The database down or restarting is not a bug: the caller is told to try again, and the log says
  // it once per failed operation, as a warning.
  if (isDatabaseUnavailable(original)) {
    logger.warn(`A GraphQL operation failed because the database is unavailable: ${(original as Error).message}`);
    const unavailable = Errors.unavailable();
    return { ...base, message: unavailable.message, extensions: { code: unavailable.code } };
  }
  if (isUncodedRequestRefusal(error, original)) return { ...base, extensions: { code: ErrorCode.BAD_REQUEST } };
  if (original instanceof ThrottlerException) {
    return { ...base, message: 'Too many requests. Please slow down and try again shortly.', extensions: { code: ErrorCode.RATE_LIMITED } };
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    if (status === 400) {
      return {
        ...base,
        message: validationMessages(original.getResponse()) ?? 'The input is not valid.',
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    if (status === 401) return { ...base, extensions: { code: ErrorCode.UNAUTHENTICATED } };
    if (status === 403) return { ...base, extensions: { code: ErrorCode.FORBIDDEN } };
    if (status === 404) return { ...base, extensions: { code: ErrorCode.NOT_FOUND } };
    if (status === 429) return { ...base, extensions: { code: ErrorCode.RATE_LIMITED } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && Object.hasOwn(CLIENT_ERROR_CODES, code)) {
    return { ...base, extensions: { code: CLIENT_ERROR_CODES[code] } };
  }
  // graphql-armor and GraphQL validation errors arrive without an original error.
  if (!(original instanceof Error) || original === error) {
    const isValidation = !formatted.path && (code === undefined || code === 'GRAPHQL_VALIDATION_FAILED');
    if (isValidation) return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  logger.error({ err: original }, 'Unhandled error in a GraphQL operation');
  return {
    message: 'Something went wrong on our side. It has been logged; please try again.',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL },
  };
}
