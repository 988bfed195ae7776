import type { Person, Role } from '../../../core/desk/index.js';

/** Roles that may sign in to the dashboard with a password of their own. */
export const DASHBOARD_ROLES: ReadonlySet<Role> = new Set(['desk', 'manager', 'auditor', 'it_head']);

/**
 * Person id → password hash for the active staff of those roles whose desk.yaml entry carries a
 * `passwordHash`. The field is validated by the roster schema but is not part of core's Person.
 */
export function dashboardLogins(
  people: ReadonlyArray<Person & { passwordHash?: string }>,
): Map<string, string> {
  return new Map(
    people
      .filter((p) => p.active && DASHBOARD_ROLES.has(p.role) && p.passwordHash)
      .map((p) => [p.id, p.passwordHash!] as const),
  );
}
