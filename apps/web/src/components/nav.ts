/** The areas of the console, each shown only to those whose permissions (me.permissions) open it. */
export interface NavArea {
  to: string;
  label: string;
  permission: string | null;
}

export const NAV_AREAS: NavArea[] = [
  { to: '/', label: 'nav.home', permission: null },
  { to: '/leads', label: 'nav.leads', permission: 'LEAD_READ' },
  { to: '/cases', label: 'nav.cases', permission: 'CASE_READ' },
  { to: '/victims', label: 'nav.victims', permission: 'VICTIM_READ' },
  { to: '/referrals', label: 'nav.referrals', permission: 'REFERRAL_READ' },
  { to: '/deadlines', label: 'nav.deadlines', permission: 'VICTIM_READ' },
  { to: '/dashboard', label: 'nav.dashboard', permission: 'DASHBOARD_READ' },
  { to: '/admin/users', label: 'nav.users', permission: 'USER_MANAGE' },
  { to: '/admin/agencies', label: 'nav.agencies', permission: 'AGENCY_CREATE' },
  { to: '/audit', label: 'nav.audit', permission: 'AUDIT_READ' },
];

export function areasFor(permissions: string[]): NavArea[] {
  return NAV_AREAS.filter((a) => a.permission === null || permissions.includes(a.permission));
}
