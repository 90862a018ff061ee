import { QueryFailedError } from 'typeorm';

/** The name of the unique constraint a write violated (SQLSTATE 23505), if that is what failed. */
export function uniqueViolation(e: unknown): string | undefined {
  if (e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505') {
    return (e as unknown as { constraint?: string }).constraint ?? '';
  }
  return undefined;
}
