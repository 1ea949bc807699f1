/**
 * The roles people hold in Threadline, and what each one's navigation shows. Pure data: the access rules
 * that use these roles are decided in the repository layer (src/repositories/viewer.ts).
 */
export const ROLES = {
  'social-worker': 'Social worker',
  'front-door-worker': 'Front door (MASH) worker',
  'team-manager': 'Team manager',
  'iro': 'Independent reviewing officer or conference chair',
  'auditor': 'Auditor (quality assurance)',
  'performance-analyst': 'Performance analyst',
  'director': 'Director (read only)',
  'data-protection-officer': 'Data protection officer',
  'system-administrator': 'System administrator',
} as const;

export type Role = keyof typeof ROLES;

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export interface NavItem {
  href: string;
  text: string;
}

/** Roles that work with children's records day to day (can open and change a child's record). */
export const PRACTICE_ROLES: readonly Role[] = ['social-worker', 'front-door-worker', 'team-manager', 'iro'];
/** Roles that may read children's records without changing them. */
export const READING_ROLES: readonly Role[] = [...PRACTICE_ROLES, 'auditor', 'performance-analyst', 'director', 'data-protection-officer'];

export function canReadChildren(role: Role): boolean {
  return READING_ROLES.includes(role);
}

export function canChangeChildren(role: Role): boolean {
  return PRACTICE_ROLES.includes(role);
}

/** The service navigation for a role, most-used first. */
export function navigationFor(role: Role): NavItem[] {
  const items: NavItem[] = [];
  if (role === 'team-manager') items.push({ href: '/team', text: 'My team' });
  if (role === 'social-worker' || role === 'team-manager' || role === 'iro') items.push({ href: '/my-work', text: 'My work' });
  if (role === 'front-door-worker' || role === 'team-manager') items.push({ href: '/front-door', text: 'Front door' });
  if (canReadChildren(role)) items.push({ href: '/children', text: 'Find a child' });
  if (role === 'performance-analyst' || role === 'director' || role === 'team-manager') items.push({ href: '/performance', text: 'Performance' });
  if (role === 'performance-analyst' || role === 'director') items.push({ href: '/reports', text: 'Monthly report' });
  if (role === 'performance-analyst' || role === 'director' || role === 'team-manager') items.push({ href: '/board', text: 'Performance board' });
  if (role === 'performance-analyst' || role === 'auditor') items.push({ href: '/report-plans', text: 'Plans and inspections' });
  if (role === 'data-protection-officer') items.push({ href: '/access-log', text: 'Access log' });
  if (role === 'system-administrator') items.push({ href: '/admin/access', text: 'Access rules' });
  return items;
}
