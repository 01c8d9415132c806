/**
 * Devices that sync, for the lost or stolen tablet: signing one out ends the sessions it synced
 * with and refuses its next sync (auth/revocation.ts); what it already sent stays on the server.
 */
import { fail } from '@sveltejs/kit';
import { v } from '$lib/domain';
import { listDevices } from '$lib/server/auth/devices';
import { restoreDevice, revokeDevice } from '$lib/server/auth/revocation';
import { serverContext } from '$lib/server/context';
import { readForm } from '$lib/server/services/admin-support';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { database } = await serverContext();
	return { devices: await listDevices(database.db) };
};

const deviceForm = v.object({ device_id: v.string({ trim: true, min: 1, max: 64 }) });

export const actions: Actions = {
	revoke: ({ request, locals }) => switchDevice(request, locals.user?.id ?? null, 'revoke'),
	restore: ({ request, locals }) => switchDevice(request, locals.user?.id ?? null, 'restore')
};

async function switchDevice(request: Request, actorId: string | null, action: 'revoke' | 'restore') {
	const checked = await readForm(request, deviceForm);
	if (!checked.ok) return fail(400, { action, issues: checked.issues });
	const { database } = await serverContext();
	const change = action === 'revoke' ? revokeDevice : restoreDevice;
	const result = await change(database.db, checked.value.device_id, actorId, new Date());
	if (!result.ok) return fail(result.status, { action, issues: [{ message: result.message }] });
	if (action === 'restore')
		return { action, done: 'The device may sync again once its person signs in on it.' };
	const ended = result.sessionsEnded === 1 ? '1 session' : `${result.sessionsEnded} sessions`;
	return {
		action,
		done: `The device is signed out: ${ended} ended, and its next sync is refused. What it already sent stays.`
	};
}
