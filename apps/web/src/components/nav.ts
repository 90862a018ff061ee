/** The areas of the console, each shown only to those whose permissions (me.permissions) open it. */
export interface NavArea { to: string; label: string; permission: string | null }

export const NAV_AREAS: NavArea[] = [
  { to: '/', label: 'nav.home', permission: null },
  { to: '/leads', label: 'nav.leads', permission: 'LEAD_READ' },
  { to: '/cases', label: 'nav.cases', permission: 'CASE_READ' },
  { to: '/victims', label: 'nav.victims', permission: 'VICTIM_READ' },
];

export function areasFor(permissions: string[]): NavArea[] {
  return NAV_AREAS.filter((a) => a.permission === null || permissions.includes(a.permission));
}
