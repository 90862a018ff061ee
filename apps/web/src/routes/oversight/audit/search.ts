import { z } from 'zod';
import type { AuditEventFilter } from '../../../gql/graphql';
import { isRealDay } from '../dashboard/periods';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const day = z.string().refine(isRealDay).optional().catch(undefined);

/** The audit filters as they stand in the URL (the API's names); anything unreadable is dropped. */
export const auditSearch = z.object({
  action: text(100),
  outcome: z.enum(['SUCCESS', 'DENIED', 'FAILED']).optional().catch(undefined),
  recordType: text(100),
  recordId: text(200),
  actorUserId: z.string().regex(UUID).optional().catch(undefined),
  from: day,
  to: day,
});
export type AuditSearch = z.infer<typeof auditSearch>;

/** The start of a day in the browser's time zone, as an instant. */
function startOf(day: string, plusDays = 0): string {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

/** The URL's filters as the API's AuditEventFilter: days in the browser's time zone, "to" including its whole day. */
export function toAuditFilter(s: AuditSearch): AuditEventFilter {
  return {
    ...(s.action ? { action: s.action } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    ...(s.recordType ? { recordType: s.recordType } : {}),
    ...(s.recordId ? { recordId: s.recordId } : {}),
    ...(s.actorUserId ? { actorUserId: s.actorUserId } : {}),
    ...(s.from ? { from: startOf(s.from) } : {}),
    ...(s.to ? { to: startOf(s.to, 1) } : {}),
  };
}
