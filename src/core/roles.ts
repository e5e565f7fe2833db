/** Who may do what: members read, officers update their own actions, coordinators run the plan, admins configure. */
export const ROLES = ['member', 'officer', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { member: 0, officer: 1, coordinator: 2, admin: 3 };

/** True when `role` carries at least the rights of `needed` (an admin can do what a coordinator can). */
export function hasAtLeast(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function describeRole(role: Role): string {
  switch (role) {
    case 'member':
      return 'member (read-only: ask questions and read cards)';
    case 'officer':
      return 'officer (update the actions you lead)';
    case 'coordinator':
      return 'coordinator (manage the action plan, follow-ups and roles)';
    case 'admin':
      return 'admin (configure the deployment, and everything a coordinator can do)';
  }
}

/** The person behind a request, identified by AAD object id, never by anything in card data. */
export interface Actor {
  aadObjectId: string;
  /** Teams user id (`29:…`), used for user-specific card views. */
  teamsUserId?: string;
  name: string;
  role: Role;
}
