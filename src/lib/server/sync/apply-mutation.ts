/** One mutation, one database transaction (S3): device cursor, the work, and the log row together. */
import type { Kysely } from 'kysely';
import type { ParsedMutation } from '$lib/domain';
import type { Database } from '$lib/server/db/schema';
import { SyncDeviceRepository } from '$lib/server/repositories/sync-devices';
import { applyRecordLocation, applyReportProblem } from './field-report';
import { applyOrderWork } from './order-work';
import type { WireMutation } from './push-request';
import type { Settled, SyncActor } from './types';

/**
 * Applies `wire` if the device's last mutation id is still `expectedLast` (= wire.id - 1).
 * Returns 'already-applied' when an overlapping push of the same device got there first.
 */
export async function settleMutation(
	db: Kysely<Database>,
	actor: SyncActor,
	wire: WireMutation,
	parsed: ParsedMutation,
	expectedLast: number,
	receivedAt: string
): Promise<Settled | 'already-applied'> {
	return db.transaction().execute(async (trx) => {
		const devices = new SyncDeviceRepository(trx);
		// First, so the device row lock orders overlapping pushes before any other write.
		if (!(await devices.advance(actor.deviceId, expectedLast, wire.id, receivedAt))) return 'already-applied';
		const settled: Settled = parsed.ok
			? await apply(trx, actor, parsed, receivedAt)
			: { outcome: 'refused', reason: parsed.reason, orderId: null };
		await devices.log({
			device_id: actor.deviceId,
			mutation_id: wire.id,
			name: wire.name.slice(0, 64),
			work_order_id: settled.orderId,
			outcome: settled.outcome,
			reason: settled.reason ?? null,
			user_id: actor.userId,
			// S12: the device's time as sent, even when it could not be read.
			captured_at: parsed.ok ? parsed.mutation.capturedAt : wire.capturedAt.slice(0, 64),
			received_at: receivedAt
		});
		return settled;
	});
}

function apply(
	trx: Kysely<Database>,
	actor: SyncActor,
	parsed: Extract<ParsedMutation, { ok: true }>,
	receivedAt: string
): Promise<Settled> {
	const mutation = parsed.mutation;
	switch (mutation.name) {
		case 'reportProblem':
			return applyReportProblem(trx, actor, mutation, receivedAt);
		case 'recordLocation':
			return applyRecordLocation(trx, actor, mutation, receivedAt);
		default:
			return applyOrderWork(trx, actor, mutation, receivedAt);
	}
}
