/**
 * Who may reach which route: the one place where role checks live. Routes are matched by the
 * longest prefix; a path no rule covers is refused (deny by default), so a new route must be
 * placed here before anyone can reach it.
 */
import type { Role, SessionUser } from './types';

type Access = 'public' | 'signed-in' | readonly Role[];

interface Rule {
	prefix: string;
	access: Access;
}

export const ROUTE_RULES: readonly Rule[] = [
	{ prefix: '/', access: 'public' },
	{ prefix: '/signin', access: 'public' },
	{ prefix: '/signout', access: 'public' },
	{ prefix: '/favicon.svg', access: 'public' },
	{ prefix: '/_app/', access: 'public' },
	{ prefix: '/open311/', access: 'public' },
	{ prefix: '/api/auth/signin', access: 'public' },
	{ prefix: '/api/auth/signout', access: 'public' },
	{ prefix: '/api/auth/me', access: 'signed-in' },
	{ prefix: '/api/sync', access: ['crew'] },
	{ prefix: '/api/photos', access: ['crew', 'supervisor', 'admin'] },
	{ prefix: '/api/dispatch', access: ['supervisor', 'admin'] },
	{ prefix: '/api/review', access: ['supervisor', 'admin'] },
	{ prefix: '/api/duplicates', access: ['supervisor', 'admin'] },
	{ prefix: '/api/live', access: ['supervisor', 'admin'] },
	{ prefix: '/api/console', access: ['supervisor', 'admin'] },
	{ prefix: '/api/analytics', access: ['supervisor', 'admin'] },
	{ prefix: '/api/analytics.csv', access: ['supervisor', 'admin'] },
	{ prefix: '/api/tiles', access: ['crew', 'supervisor', 'admin'] },
	{ prefix: '/tiles', access: 'signed-in' },
	{ prefix: '/crew', access: ['crew'] },
	{ prefix: '/supervisor', access: ['supervisor', 'admin'] },
	{ prefix: '/admin', access: ['admin'] }
];

export type Decision = 'allow' | 'sign-in' | 'forbidden';

export function authorize(pathname: string, user: SessionUser | null): Decision {
	const rule = matchRule(pathname);
	if (!rule) return user ? 'forbidden' : 'sign-in';
	if (rule.access === 'public') return 'allow';
	if (!user) return 'sign-in';
	if (rule.access === 'signed-in') return 'allow';
	return rule.access.includes(user.role) ? 'allow' : 'forbidden';
}

function matchRule(pathname: string): Rule | undefined {
	let best: Rule | undefined;
	for (const rule of ROUTE_RULES) {
		if (!covers(rule.prefix, pathname)) continue;
		if (!best || rule.prefix.length > best.prefix.length) best = rule;
	}
	return best;
}

/** `/crew` covers `/crew` and `/crew/...` but not `/crewmate`; `/` covers only the root itself. */
function covers(prefix: string, pathname: string): boolean {
	if (prefix === '/') return pathname === '/';
	if (prefix.endsWith('/')) return pathname.startsWith(prefix);
	return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** Where each role lands after signing in. */
export function homeFor(user: SessionUser): string {
	if (user.role === 'crew') return '/crew';
	if (user.role === 'supervisor') return '/supervisor';
	return '/admin';
}
