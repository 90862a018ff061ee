/**
 * Demo referrals, one of each kind and outcome: LCSO hands the Burns ranch case to the U.S.
 * Attorney (accepted), LCSO's advocate asks the shelter to house the ranch worker (pending,
 * urgent), the minor of the DMST case went to DFS by the mandatory report (accepted, the DFS
 * service), and DCI's referral of the sales crew to HSI was declined with a reason.
 */
export interface DemoReferral {
  kind: 'CASE' | 'VICTIM_SERVICE' | 'MANDATORY_CHILD_WELFARE';
  from: string;
  by: string;
  to: string;
  /** A case title (CASE) or the index of a demo victim (the others). */
  caseTitle?: string;
  victim?: number;
  category?: string;
  reason: string;
  urgency: 'EMERGENCY' | 'URGENT' | 'ROUTINE';
  access?: 'READ' | 'CONTRIBUTE';
  sentHoursAgo: number;
  answer?: { status: 'ACCEPTED' | 'DECLINED'; by: string; hoursAfter: number; reason?: string };
}

export const DEMO_REFERRALS: DemoReferral[] = [
  {
    kind: 'CASE',
    from: 'lcso',
    by: 'lcso.supervisor',
    to: 'usao',
    caseTitle: 'Burns ranch: H-2A workers, passports held by foreman',
    access: 'CONTRIBUTE',
    urgency: 'ROUTINE',
    sentHoursAgo: 24 * 40,
    reason: 'Forced labor and document servitude across state lines (18 U.S.C. 1589, 1592): requesting federal prosecution.',
    answer: { status: 'ACCEPTED', by: 'usao.prosecutor', hoursAfter: 30 },
  },
  {
    kind: 'VICTIM_SERVICE',
    from: 'lcso',
    by: 'lcso.advocate',
    to: 'safeharbor',
    victim: 0,
    category: 'HOUSING',
    urgency: 'URGENT',
    sentHoursAgo: 5,
    reason: 'The safe-housing placement ends Friday; he needs transitional housing away from the ranch and Spanish-speaking staff.',
  },
  {
    kind: 'MANDATORY_CHILD_WELFARE',
    from: 'lcso',
    by: 'lcso.advocate',
    to: 'dfs',
    victim: 1,
    urgency: 'URGENT',
    sentHoursAgo: 24 * 30,
    reason: 'Mandatory report: a minor identified as a victim of sex trafficking (made by the system on identification).',
    answer: { status: 'ACCEPTED', by: 'dfs.advocate', hoursAfter: 3 },
  },
  {
    kind: 'CASE',
    from: 'dci',
    by: 'dci.supervisor',
    to: 'hsi',
    caseTitle: 'Rock Springs door-to-door sales crew',
    access: 'READ',
    urgency: 'ROUTINE',
    sentHoursAgo: 24 * 12,
    reason: 'Possible foreign recruitment of the crew members: requesting an immigration check.',
    answer: {
      status: 'DECLINED',
      by: 'hsi.supervisor',
      hoursAfter: 50,
      reason: 'No immigration nexus: the crew members are U.S. citizens recruited in Colorado.',
    },
  },
];
