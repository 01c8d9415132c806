/** Mutations that are not about an existing order: a problem found in the field (S13), a position. */
import type { Kysely } from 'kysely';
import { computeDueAt, DEFAULT_PRIORITY, type TypedMutation } from '$lib/domain';
import type { Database } from '$lib/server/db/schema';
import { newWorkOrderRow, repositories } from '$lib/server/repositories';
import { FieldWorkRepository } from '$lib/server/repositories/field-work';
import { auditFor } from './audit';
import type { Settled, SyncActor } from './types';

type ReportProblem = Extract<TypedMutation, { name: 'reportProblem' }>;
type RecordLocation = Extract<TypedMutation, { name: 'recordLocation' }>;

export async function applyReportProblem(
	trx: Kysely<Database>,
	actor: SyncActor,
	mutation: ReportProblem,
	receivedAt: string
): Promise<Settled> {
	const repos = repositories(trx);
	const work = new FieldWorkRepository(trx);
	const args = mutation.args;
	// The device's UUID is the order's token, so the same report can only ever make one order.
	const existing = await repos.workOrders.getByToken(args.orderId);
	if (existing) return { outcome: 'applied', orderId: existing.id };
	const service = await repos.services.get(args.serviceCode);
	if (!service || service.active !== 1) {
		return { outcome: 'refused', reason: `There is no active service ${args.serviceCode}.`, orderId: null };
	}
	const id = await work.nextServiceRequestId();
	const requestedAt = mutation.capturedAt;
	const order = await repos.workOrders.insert(
		newWorkOrderRow(
			{
				id,
				service_code: service.service_code,
				description: args.description,
				lat: args.lat,
				long: args.long,
				requested_at: requestedAt,
				updated_at: receivedAt,
				source: 'field',
				priority: DEFAULT_PRIORITY
			},
			{
				token: args.orderId,
				address: args.address ?? null,
				reporter_device_id: actor.deviceId,
				due_at: computeDueAt(new Date(requestedAt), service.sla_hours).toISOString(),
				// Found by this crew: theirs to fix now, or for a supervisor to hand on.
				crew_id: actor.crewId,
				field_status: 'assigned',
				assigned_at: receivedAt,
				created_by_user_id: actor.userId
			}
		),
		auditFor(actor, mutation, receivedAt, 'created', { source: 'field' })
	);
	for (const photo of args.photos) {
		await repos.photos.attach(
			{
				id: photo.linkId,
				work_order_id: order.id,
				sha256: photo.sha256,
				kind: 'reporter',
				author_user_id: actor.userId,
				late_report: 0,
				captured_at: mutation.capturedAt,
				received_at: receivedAt
			},
			auditFor(actor, mutation, receivedAt, 'photographed', { kind: 'reporter' })
		);
	}
	return { outcome: 'applied', orderId: order.id };
}

export async function applyRecordLocation(
	trx: Kysely<Database>,
	actor: SyncActor,
	mutation: RecordLocation,
	receivedAt: string
): Promise<Settled> {
	const { lat, long, accuracyM } = mutation.args;
	await new FieldWorkRepository(trx).recordLocation({
		crewId: actor.crewId,
		userId: actor.userId,
		lat,
		long,
		accuracyM: accuracyM ?? null,
		capturedAt: mutation.capturedAt,
		receivedAt
	});
	return { outcome: 'applied', orderId: null };
}
