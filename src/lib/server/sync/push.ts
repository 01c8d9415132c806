/** POST /api/sync/push: apply a device's queued mutations in order, each exactly once (S3-S8). */
import type { Kysely } from 'kysely';
import {
	PHOTO_MISSING,
	parseMutation,
	photosReferenced,
	v,
	type MutationResult,
	type PushResponse
} from '$lib/domain';
import type { SessionUser } from '$lib/server/auth/types';
import type { Database } from '$lib/server/db/schema';
import { SyncDeviceRepository } from '$lib/server/repositories/sync-devices';
import { settleMutation } from './apply-mutation';
import { claimDevice, crewOf, isAnswer } from './crew-access';
import { pushRequestSchema, type WireMutation } from './push-request';
import { failure, type SyncActor, type SyncAnswer } from './types';

/** The one thing sync needs from the photo store: whether the bytes are there yet (S8). */
export interface PhotoPresence {
	has(sha256: string): Promise<boolean>;
}

export async function pushMutations(
	db: Kysely<Database>,
	photos: PhotoPresence,
	user: SessionUser,
	body: unknown,
	now: Date
): Promise<SyncAnswer<PushResponse>> {
	const crewId = crewOf(user);
	if (isAnswer(crewId)) return crewId;
	const checked = v.validate(pushRequestSchema, body);
	if (!checked.ok) {
		const problems = checked.issues.slice(0, 5).map((found) => found.message);
		return failure(400, `The push is not valid: ${problems.join('; ')}.`, {
			details: checked.issues.slice(0, 20)
		});
	}
	const { deviceId, mutations } = checked.value;
	const device = await claimDevice(db, deviceId, user, now);
	if (isAnswer(device)) return device;
	const actor: SyncActor = { userId: user.id, crewId, deviceId };

	let last = device.last_mutation_id;
	const fresh = mutations.filter((m) => m.id > last);
	const gap = findGap(fresh, last);
	if (gap) return failure(409, gap, { lastMutationId: last });

	const results: MutationResult[] = await duplicatesOf(
		db,
		deviceId,
		mutations.filter((m) => m.id <= last).map((m) => m.id)
	);
	const receivedAt = now.toISOString();
	for (const wire of fresh) {
		// An overlapping push of this device may have settled it meanwhile (S3, S20).
		if (wire.id <= last) {
			results.push({ id: wire.id, outcome: 'duplicate' });
			continue;
		}
		const parsed = parseMutation(wire);
		const missing = parsed.ok ? await missingPhotos(photos, photosReferenced(parsed.mutation)) : [];
		if (missing.length > 0) {
			// S8: not processed, and nothing after it is looked at until the photos are here.
			results.push({ id: wire.id, outcome: 'refused', reason: PHOTO_MISSING, missingPhotos: missing });
			break;
		}
		const settled = await settleMutation(db, actor, wire, parsed, wire.id - 1, receivedAt);
		if (settled === 'already-applied') {
			results.push({ id: wire.id, outcome: 'duplicate' });
			last = Math.max(wire.id, await new SyncDeviceRepository(db).lastMutationId(deviceId));
			continue;
		}
		results.push({
			id: wire.id,
			outcome: settled.outcome,
			...(settled.reason !== undefined ? { reason: settled.reason } : {})
		});
		last = wire.id;
	}
	return { status: 200, body: { results, lastMutationId: last } };
}

/** S5: the new ids must continue the device's sequence with no hole. */
function findGap(fresh: readonly WireMutation[], last: number): string | null {
	let expected = last + 1;
	for (const mutation of fresh) {
		if (mutation.id !== expected) {
			return `Mutation ${expected} is missing: the server has applied up to ${last}. Send from ${last + 1}.`;
		}
		expected++;
	}
	return null;
}

async function missingPhotos(photos: PhotoPresence, hashes: readonly string[]): Promise<string[]> {
	const missing: string[] = [];
	for (const sha256 of new Set(hashes)) if (!(await photos.has(sha256))) missing.push(sha256);
	return missing;
}

/** Answers for resent mutations, carrying how each was settled the first time (S3). */
async function duplicatesOf(
	db: Kysely<Database>,
	deviceId: string,
	ids: number[]
): Promise<MutationResult[]> {
	const outcomes = await new SyncDeviceRepository(db).outcomesOf(deviceId, ids);
	return ids.map((id) => {
		const first = outcomes.get(id);
		const original = first?.outcome === 'refused' || first?.outcome === 'late' ? first.outcome : 'applied';
		return {
			id,
			outcome: 'duplicate',
			originalOutcome: original,
			...(original !== 'applied' && first?.reason ? { reason: first.reason } : {})
		};
	});
}
