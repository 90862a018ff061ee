/*
 * The list behind each count of the agency view, in the list screens' own URL filters (their
 * zod-validated search params: status, source, county, type, from, to, assignee). A count with no
 * list that shows exactly those records gets no link.
 */
import { monthWithin } from './periods';

export interface ListLink {
  to: '/leads' | '/cases' | '/deadlines';
  search: Record<string, string | string[]>;
}

/** The statuses of an open case (every status but CLOSED), as the dashboard counts them. */
export const OPEN_CASE_STATUSES = ['OPEN', 'ACTIVE', 'REFERRED_FOR_PROSECUTION', 'CHARGED', 'ADJUDICATED'];

/** Counties the dashboard groups rather than names. */
const NOT_A_COUNTY = new Set(['Not recorded', 'Other counties']);

const MONTH = /^\d{4}-\d{2}$/;

export interface LinkContext {
  from: string;
  to: string;
  /** Investigators by display name (the caseload names them); a name two people share gets no link. */
  investigatorIds?: Map<string, string | null>;
}

/** The days of the period, narrowed to the cell's month when it has one. */
function days(ctx: LinkContext, key: string, key2: string | null | undefined): { from: string; to: string } {
  const month = [key, key2].find((k) => k && MONTH.test(k));
  return month ? monthWithin(month, ctx.from, ctx.to) : { from: ctx.from, to: ctx.to };
}

/** The list behind one cell of the agency view, or null. */
export function cellLink(indicator: string, key: string, key2: string | null | undefined, ctx: LinkContext): ListLink | null {
  const open = { status: OPEN_CASE_STATUSES, scope: 'leading' };
  switch (indicator) {
    case 'leadsBySourceAndMonth':
      return { to: '/leads', search: { source: MONTH.test(key) && key2 ? key2 : key, ...days(ctx, key, key2) } };
    case 'leadConversion':
      return key === 'PROMOTED' ? { to: '/leads', search: { status: 'PROMOTED', ...days(ctx, key, key2) } } : null;
    case 'openCasesByStatus':
      return { to: '/cases', search: { status: key, scope: 'leading' } };
    case 'openCasesByType':
      return { to: '/cases', search: { ...open, type: key } };
    case 'openCasesByCounty':
      return NOT_A_COUNTY.has(key) ? null : { to: '/cases', search: { ...open, county: key } };
    case 'caseloadPerInvestigator': {
      const id = ctx.investigatorIds?.get(key);
      return id ? { to: '/cases', search: { ...open, assignee: id } } : null;
    }
    case 'deadlines':
      return key === 'OVERDUE' ? { to: '/deadlines', search: { status: 'OVERDUE' } } : null;
    default:
      return null;
  }
}

/** The list behind an indicator's total, or null. */
export function totalLink(indicator: string, ctx: LinkContext): ListLink | null {
  if (indicator === 'leadsBySourceAndMonth') return { to: '/leads', search: { from: ctx.from, to: ctx.to } };
  if (['openCasesByStatus', 'openCasesByType'].includes(indicator))
    return { to: '/cases', search: { status: OPEN_CASE_STATUSES, scope: 'leading' } };
  return null;
}

/** Display name to user id, null for a name two users share. */
export function idsByName(users: { id: string; displayName: string }[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const u of users) out.set(u.displayName, out.has(u.displayName) ? null : u.id);
  return out;
}
