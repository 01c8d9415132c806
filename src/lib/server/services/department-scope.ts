/**
 * Department scoping for the supervisor console: which work orders, crews and services a staff
 * member may see and act on.
 *
 * The rules, in one place:
 * - an admin sees everything;
 * - a supervisor with a department sees that department only;
 * - a supervisor with no department sees every department (the city-wide supervisor, as in the
 *   demo city's Grace Okafor): a null department on a supervisor means "all", never "none";
 * - a crew member sees none of the console.
 * - a work order belongs to the department of its SERVICE, not of its crew: an unassigned order
 *   has no crew, and a supervisor must still find it in their queue. A crew belongs to its own
 *   department, and dispatch refuses to send an order to a crew outside the supervisor's scope.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { SessionUser } from '../auth/types';

export interface Scope {
	/** The departments in view; null means every department. */
	departments: string[] | null;
}

export const EVERYTHING: Scope = { departments: null };

export function scopeFor(user: Pick<SessionUser, 'role' | 'department'>): Scope {
	if (user.role === 'admin') return EVERYTHING;
	if (user.role === 'supervisor')
		return user.department === null ? EVERYTHING : { departments: [user.department] };
	return { departments: [] };
}

/** Whether something of `department` is inside the scope. */
export function inScope(scope: Scope, department: string): boolean {
	return scope.departments === null || scope.departments.includes(department);
}

/** A readable name for the scope, for page headings ("Public Works", "all departments"). */
export function describeScope(scope: Scope): string {
	if (scope.departments === null) return 'all departments';
	if (scope.departments.length === 0) return 'no department';
	return scope.departments.join(', ');
}

/**
 * A `where` condition keeping work orders in scope (by their service's department). Usable on
 * any query that has `work_orders` in its FROM, joined or not.
 */
export function orderInScope(scope: Scope): Expression<SqlBool> {
	if (scope.departments === null) return sql<SqlBool>`1 = 1`;
	if (scope.departments.length === 0) return sql<SqlBool>`1 = 0`;
	return sql<SqlBool>`${sql.ref('work_orders.service_code')} in (select ${sql.ref('service_code')} from ${sql.table('services')} where ${sql.ref('department')} in (${sql.join(scope.departments)}))`;
}

/** A `where` condition keeping crews in scope; needs `crews` in the query's FROM. */
export function crewInScope(scope: Scope): Expression<SqlBool> {
	return departmentIn(scope, 'crews.department');
}

/** A `where` condition keeping services in scope; needs `services` in the query's FROM. */
export function serviceInScope(scope: Scope): Expression<SqlBool> {
	return departmentIn(scope, 'services.department');
}

function departmentIn(scope: Scope, column: string): Expression<SqlBool> {
	if (scope.departments === null) return sql<SqlBool>`1 = 1`;
	if (scope.departments.length === 0) return sql<SqlBool>`1 = 0`;
	return sql<SqlBool>`${sql.ref(column)} in (${sql.join(scope.departments)})`;
}
