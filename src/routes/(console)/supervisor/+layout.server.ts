import { describeScope, scopeFor } from '$lib/server/services/department-scope';
import type { LayoutServerLoad } from './$types';

/** What every console page shows in its frame: whose departments are in view, and the Admin link. */
export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		scopeName: user ? describeScope(scopeFor(user)) : '',
		isAdmin: user?.role === 'admin'
	};
};
