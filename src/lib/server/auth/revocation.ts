/**
 * Taking access away: an administrator disables an account (someone left, a password leaked) or
 * signs out one device (a lost tablet). Each is one transaction that ends the sessions and refuses
 * the devices' next sync, and writes a security event saying who did it.
 *
 * The last enabled admin cannot be disabled (nobody could administer the city, or enable them again).
 *
 * Nothing here deletes work: mutations the server already applied, notes, photos and history all
 * stay, because they are the city's record of what was done. The device only loses the right to
 * send more; its next sync gets a 401 (session ended) or 403 (device signed out) JSON error.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { inTransaction } from '../repositories/transaction';

export type SecurityAction = 'user-disabled' | 'user-enabled' | 'device-revoked' | 'device-restored';

export type RevocationResult =
	| { ok: true; sessionsEnded: number; devicesChanged: number }
	| { ok: false; status: 400 | 404; message: string };

/** Disables the account, ends all its sessions and signs out all its devices. */
export async function disableUser(
	db: Kysely<Database>,
	userId: string,
	actorId: string | null,
	now = new Date()
): Promise<RevocationResult> {
	if (actorId !== null && actorId === userId)
		return { ok: false, status: 400, message: 'You cannot disable your own account.' };
	const at = now.toISOString();
	return inTransaction(db, async (trx) => {
		const user = await trx
			.selectFrom('users')
			.select(['id', 'username', 'role', 'disabled_at'])
			.where('id', '=', userId)
			.executeTakeFirst();
		if (!user) return { ok: false, status: 404, message: 'No such user.' };
		if (user.role === 'admin' && !user.disabled_at && (await otherEnabledAdmins(trx, userId)) === 0)
			return {
				ok: false,
				status: 400,
				message: `${user.username} is the last enabled admin; make someone else an admin first.`
			};
		// Disabling twice keeps the first time: enableUser restores the devices revoked at that moment.
		const disabledAt = user.disabled_at ?? at;
		if (!user.disabled_at)
			await trx.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', userId).execute();
		const sessionsEnded = await endSessions(trx, at, (q) => q.where('user_id', '=', userId));
		const devices = await trx
			.updateTable('devices')
			.set({ revoked_at: disabledAt })
			.where('user_id', '=', userId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		const devicesChanged = Number(devices.numUpdatedRows);
		await record(trx, at, actorId, 'user-disabled', { userId }, { sessionsEnded, devicesChanged });
		return { ok: true, sessionsEnded, devicesChanged };
	});
}

/**
 * Lets the account sign in again. Devices signed out by the disabling itself come back (the crew
 * member's own tablet keeps its queue); devices signed out one by one (lost) stay out.
 */
export async function enableUser(
	db: Kysely<Database>,
	userId: string,
	actorId: string | null,
	now = new Date()
): Promise<RevocationResult> {
	const at = now.toISOString();
	return inTransaction(db, async (trx) => {
		const user = await trx
			.selectFrom('users')
			.select(['id', 'disabled_at'])
			.where('id', '=', userId)
			.executeTakeFirst();
		if (!user) return { ok: false, status: 404, message: 'No such user.' };
		if (!user.disabled_at) return { ok: true, sessionsEnded: 0, devicesChanged: 0 };
		await trx.updateTable('users').set({ disabled_at: null }).where('id', '=', userId).execute();
		const devices = await trx
			.updateTable('devices')
			.set({ revoked_at: null })
			.where('user_id', '=', userId)
			.where('revoked_at', '=', user.disabled_at)
			.executeTakeFirst();
		const devicesChanged = Number(devices.numUpdatedRows);
		await record(trx, at, actorId, 'user-enabled', { userId }, { devicesChanged });
		return { ok: true, sessionsEnded: 0, devicesChanged };
	});
}

/** A lost or stolen tablet: its sessions end and its next sync is refused. */
export async function revokeDevice(
	db: Kysely<Database>,
	deviceId: string,
	actorId: string | null,
	now = new Date()
): Promise<RevocationResult> {
	const at = now.toISOString();
	return inTransaction(db, async (trx) => {
		const device = await findDevice(trx, deviceId);
		if (!device) return NO_SUCH_DEVICE;
		if (!device.revoked_at)
			await trx.updateTable('devices').set({ revoked_at: at }).where('id', '=', deviceId).execute();
		const sessionsEnded = await endSessions(trx, at, (q) => q.where('device_id', '=', deviceId));
		const devicesChanged = device.revoked_at ? 0 : 1;
		await record(trx, at, actorId, 'device-revoked', { userId: device.user_id, deviceId }, { sessionsEnded });
		return { ok: true, sessionsEnded, devicesChanged };
	});
}

/** The tablet was found: it may sync again once its user signs in anew (its old sessions stay ended). */
export async function restoreDevice(
	db: Kysely<Database>,
	deviceId: string,
	actorId: string | null,
	now = new Date()
): Promise<RevocationResult> {
	const at = now.toISOString();
	return inTransaction(db, async (trx) => {
		const device = await findDevice(trx, deviceId);
		if (!device) return NO_SUCH_DEVICE;
		if (!device.revoked_at) return { ok: true, sessionsEnded: 0, devicesChanged: 0 };
		await trx.updateTable('devices').set({ revoked_at: null }).where('id', '=', deviceId).execute();
		await record(trx, at, actorId, 'device-restored', { userId: device.user_id, deviceId }, {});
		return { ok: true, sessionsEnded: 0, devicesChanged: 1 };
	});
}

/**
 * Remembers which device a session syncs from, so that signing out the device ends the session too.
 * Sessions start before the device is known (sign-in happens on a page); the first sync tells.
 */
export async function bindSessionToDevice(
	db: Kysely<Database>,
	sessionId: string,
	userId: string,
	deviceId: string
): Promise<void> {
	if (!deviceId) return;
	await db
		.updateTable('sessions')
		.set({ device_id: deviceId })
		.where('id', '=', sessionId)
		.where('user_id', '=', userId)
		.where('device_id', 'is', null)
		.where(({ exists, selectFrom }) =>
			exists(selectFrom('devices').select('id').where('id', '=', deviceId).where('user_id', '=', userId))
		)
		.execute();
}

/** The newest security events about one user, newest first (for the admin page). */
export function securityEventsFor(db: Kysely<Database>, userId: string, limit = 50) {
	return db
		.selectFrom('security_events')
		.selectAll()
		.where('subject_user_id', '=', userId)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/**
 * Enabled admins other than `userId`: disabling or demoting the last one would leave nobody able
 * to administer the city (or to undo it). The admin rows are locked first (a write that changes
 * nothing), so two admins disabling or demoting each other at the same moment on PostgreSQL cannot
 * both succeed: the second waits, then counts again and finds itself alone. SQLite has one writer.
 */
export async function otherEnabledAdmins(trx: Kysely<Database>, userId: string): Promise<number> {
	await trx
		.updateTable('users')
		.set((eb) => ({ role: eb.ref('role') }))
		.where('role', '=', 'admin')
		.where('disabled_at', 'is', null)
		.execute();
	const row = await trx
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('role', '=', 'admin')
		.where('disabled_at', 'is', null)
		.where('id', '!=', userId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

const NO_SUCH_DEVICE: RevocationResult = { ok: false, status: 404, message: 'No such device.' };

function findDevice(trx: Kysely<Database>, deviceId: string) {
	return trx
		.selectFrom('devices')
		.select(['id', 'user_id', 'revoked_at'])
		.where('id', '=', deviceId)
		.executeTakeFirst();
}

async function endSessions(
	trx: Kysely<Database>,
	at: string,
	which: (query: LiveSessions) => LiveSessions
): Promise<number> {
	const result = await which(liveSessions(trx, at)).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

type LiveSessions = ReturnType<typeof liveSessions>;

function liveSessions(trx: Kysely<Database>, at: string) {
	return trx.updateTable('sessions').set({ revoked_at: at }).where('revoked_at', 'is', null);
}

async function record(
	trx: Kysely<Database>,
	at: string,
	actorId: string | null,
	action: SecurityAction,
	subject: { userId: string; deviceId?: string },
	detail: Record<string, number>
): Promise<void> {
	await trx
		.insertInto('security_events')
		.values({
			at,
			actor_user_id: actorId,
			action,
			subject_user_id: subject.userId,
			subject_device_id: subject.deviceId ?? null,
			detail: JSON.stringify(detail)
		})
		.execute();
}
