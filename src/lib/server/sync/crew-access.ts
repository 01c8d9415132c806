import type { Kysely } from 'kysely';
import type { SessionUser } from '$lib/server/auth/types';
import type { Database, DeviceRow } from '$lib/server/db/schema';
import { SyncDeviceRepository } from '$lib/server/repositories/sync-devices';
import { failure, type SyncAnswer } from './types';

/** S17: only crew members who belong to a crew sync. */
export function crewOf(user: SessionUser): string | SyncAnswer<never> {
	if (user.role !== 'crew') return failure(403, 'Only crew members sync work orders.');
	if (!user.crewId) return failure(403, 'You are not on a crew yet; ask a supervisor to add you to one.');
	return user.crewId;
}

/** S18: the device, registered to this user on first sight; someone else's or a revoked one is refused. */
export async function claimDevice(
	db: Kysely<Database>,
	deviceId: string,
	user: SessionUser,
	now: Date
): Promise<DeviceRow | SyncAnswer<never>> {
	const device = await new SyncDeviceRepository(db).claim(deviceId, user.id, now.toISOString());
	if (device.user_id !== user.id) {
		return failure(403, 'This device is registered to someone else. Sign out on it and sign in again.');
	}
	if (device.revoked_at) return failure(403, 'This device was signed out by an administrator.');
	return device;
}

export function isAnswer(value: unknown): value is SyncAnswer<never> {
	return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}
