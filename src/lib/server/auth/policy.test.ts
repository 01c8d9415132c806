import { describe, expect, it } from 'vitest';
import { authorize, homeFor } from './policy';
import type { Role, SessionUser } from './types';

function user(role: Role): SessionUser {
	return {
		id: role,
		username: role,
		displayName: role,
		role,
		crewId: role === 'crew' ? 'c1' : null,
		department: null
	};
}

const anonymous = null;
const crew = user('crew');
const supervisor = user('supervisor');
const admin = user('admin');

describe('route policy', () => {
	it.each([
		// path, anonymous, crew, supervisor, admin
		['/signin', 'allow', 'allow', 'allow', 'allow'],
		['/open311/v2/services.json', 'allow', 'allow', 'allow', 'allow'],
		['/crew', 'sign-in', 'allow', 'forbidden', 'forbidden'],
		['/crew/orders/CS-1', 'sign-in', 'allow', 'forbidden', 'forbidden'],
		['/supervisor', 'sign-in', 'forbidden', 'allow', 'allow'],
		['/admin', 'sign-in', 'forbidden', 'forbidden', 'allow'],
		['/admin/users', 'sign-in', 'forbidden', 'forbidden', 'allow'],
		['/api/auth/me', 'sign-in', 'allow', 'allow', 'allow'],
		['/api/auth/signin', 'allow', 'allow', 'allow', 'allow'],
		['/api/dispatch/assign', 'sign-in', 'forbidden', 'allow', 'allow'],
		['/api/sync/push', 'sign-in', 'allow', 'forbidden', 'forbidden'],
		['/api/sync/pull', 'sign-in', 'allow', 'forbidden', 'forbidden'],
		['/api/photos/abc', 'sign-in', 'allow', 'allow', 'allow'],
		['/api/photosynth', 'sign-in', 'forbidden', 'forbidden', 'forbidden'],
		['/api/unknown-new-route', 'sign-in', 'forbidden', 'forbidden', 'forbidden'],
		['/somewhere-new', 'sign-in', 'forbidden', 'forbidden', 'forbidden']
	])('%s: anonymous %s, crew %s, supervisor %s, admin %s', (path, a, c, s, ad) => {
		expect([anonymous, crew, supervisor, admin].map((who) => authorize(path, who))).toEqual([a, c, s, ad]);
	});

	it('does not let a prefix leak into a longer name', () => {
		expect(authorize('/crewmates', crew)).toBe('forbidden');
		expect(authorize('/administrator', admin)).toBe('forbidden');
	});

	it('sends each role to its own start page', () => {
		expect([crew, supervisor, admin].map(homeFor)).toEqual(['/crew', '/supervisor', '/admin']);
	});
});
