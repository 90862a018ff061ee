import { Matches } from 'class-validator';
import { Errors } from '../errors/app-error';

/** A calendar day given as YYYY-MM-DD; the message names the field. */
export const IsDay = (field: string): PropertyDecorator =>
  Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date as YYYY-MM-DD` });

/** Today as YYYY-MM-DD, in UTC. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** A day that exists on the calendar (not 2026-02-30). */
export function isRealDay(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Refuses, as bad input, a day that does not exist or (with notFuture) lies ahead. Absent values pass. */
export function checkDay(value: string | null | undefined, field: string, opts: { notFuture?: boolean } = {}): void {
  if (value === undefined || value === null) return;
  if (!isRealDay(value)) throw Errors.badInput(`${field} is not a real date.`, { field });
  if (opts.notFuture && value > today()) throw Errors.badInput(`${field} cannot be in the future.`, { field });
}
