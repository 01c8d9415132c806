import { fail } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { cleanLabel, createApiKey, MAX_LABEL_LENGTH } from '$lib/server/open311/api-keys';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { repos } = await serverContext();
	const keys = await repos.apiKeys.list();
	return {
		maxLabelLength: MAX_LABEL_LENGTH,
		keys: keys.map((key) => ({
			id: key.id,
			label: key.label,
			prefix: key.key_prefix,
			createdAt: key.created_at,
			lastUsedAt: key.last_used_at,
			revokedAt: key.revoked_at
		}))
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData().catch(() => null);
		const raw = form?.get('label');
		const label = typeof raw === 'string' ? cleanLabel(raw) : null;
		if (label === null) {
			return fail(400, {
				action: 'create' as const,
				message: `Give the key a label of 1 to ${MAX_LABEL_LENGTH} characters, such as the client's name.`
			});
		}
		const { repos } = await serverContext();
		const created = await createApiKey(repos, {
			label,
			createdByUserId: locals.user?.id ?? null,
			now: new Date()
		});
		// The key goes back in this one response only; the database keeps its hash.
		return { action: 'create' as const, created: { key: created.key, label: created.label } };
	},
	revoke: async ({ request }) => {
		const form = await request.formData().catch(() => null);
		const id = form?.get('id');
		const { repos } = await serverContext();
		const revoked = typeof id === 'string' && (await repos.apiKeys.revoke(id, new Date().toISOString()));
		if (!revoked)
			return fail(404, {
				action: 'revoke' as const,
				message: 'That key was not found or is already revoked.'
			});
		return { action: 'revoke' as const, revoked: true };
	}
};
