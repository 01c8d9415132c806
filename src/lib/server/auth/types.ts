export const ROLES = ['crew', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the server knows about the person behind a request. Never includes the password hash. */
export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	crewId: string | null;
	department: string | null;
}

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}
