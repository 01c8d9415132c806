/**
 * What must hold after every seed once the network is quiet (S3, S7, S16, S23): every mutation the
 * device committed was processed exactly once, every photo is byte-identical, and the device's
 * orders and notes are the server's.
 */
import { createHash } from 'node:crypto';
import type { TypedMutation } from '../../../src/lib/domain/sync/mutations';
import type { SimulatedDevice } from './client';
import type { InProcessServer } from './server';
import { CREW_ID } from './world';

export interface VerifyInput {
	device: SimulatedDevice;
	server: InProcessServer;
	deviceId: string;
	photoBytes: Map<string, Uint8Array>;
	/** Every mutation the device committed, as the actions returned them. */
	committed: TypedMutation[];
	/** With no supervisor moves, the app's own checks mirror the server's: nothing may be refused or late. */
	expectAllApplied: boolean;
}

export class ConvergenceError extends Error {}

function check(condition: boolean, message: string): asserts condition {
	if (!condition) throw new ConvergenceError(message);
}

export async function verifyConvergence(input: VerifyInput): Promise<void> {
	const { device, server, deviceId } = input;
	const meta = (await device.db.meta.get('sync'))?.value;
	check(meta !== undefined, 'the device has no sync metadata');
	const committed = meta.lastMutationId;
	check(
		input.committed.length === committed && input.committed.every((m, index) => m.id === index + 1),
		`[S2] the device numbered its ${input.committed.length} mutations ${input.committed.map((m) => m.id).join(',')}, mark ${committed}`
	);

	// [S3] exactly once: one log row per mutation id 1..n, and the device's mark at n.
	const log = await server.db
		.selectFrom('mutation_log')
		.selectAll()
		.where('device_id', '=', deviceId)
		.orderBy('mutation_id')
		.execute();
	const ids = log.map((row) => row.mutation_id);
	check(
		ids.length === committed && ids.every((id, index) => id === index + 1),
		`[S3] log ids ${JSON.stringify(ids)} are not exactly 1..${committed}`
	);
	const device_ = await server.db
		.selectFrom('devices')
		.selectAll()
		.where('id', '=', deviceId)
		.executeTakeFirst();
	check(
		(device_?.last_mutation_id ?? 0) === committed,
		`[S3] server mark ${device_?.last_mutation_id} != ${committed}`
	);
	if (input.expectAllApplied) {
		const notApplied = log.filter((row) => row.outcome !== 'applied');
		check(
			notApplied.length === 0,
			`[S10] refused or late without any conflict: ${JSON.stringify(notApplied)}`
		);
	}

	// [S16] nothing left in flight; refused and late entries agree with the server's log.
	const outbox = await device.db.outbox.toArray();
	const inFlight = outbox.filter((entry) => entry.state === 'pending' || entry.state === 'sent');
	check(inFlight.length === 0, `[S16] ${inFlight.length} outbox entries still in flight`);
	for (const entry of outbox) {
		const row = log.find((logged) => logged.mutation_id === entry.id);
		check(
			row?.outcome === entry.state,
			`[S6] entry ${entry.id} is ${entry.state} here, ${row?.outcome} on the server`
		);
	}

	await verifyAppendOnly(input);
	await verifyOrders(input);
}

/** [S9] every note and photo link the crew added exists once; [S7] photo bytes are identical. */
async function verifyAppendOnly(input: VerifyInput): Promise<void> {
	const { server, photoBytes } = input;
	for (const mutation of input.committed) {
		if (mutation.name === 'addNote') {
			const note = await server.db
				.selectFrom('notes')
				.select('id')
				.where('id', '=', mutation.args.noteId)
				.execute();
			check(note.length === 1, `[S9] note ${mutation.args.noteId} stored ${note.length} times`);
		}
		if (mutation.name === 'addPhoto') {
			const links = await server.db
				.selectFrom('work_order_photos')
				.select('sha256')
				.where('id', '=', mutation.args.linkId)
				.execute();
			check(links.length === 1, `[S9] photo link ${mutation.args.linkId} stored ${links.length} times`);
		}
	}
	for (const [sha256, bytes] of photoBytes) {
		const stored = await server.photoStore.read(sha256);
		check(stored !== null, `[S7] photo ${sha256} missing on the server`);
		const hash = createHash('sha256').update(stored.bytes).digest('hex');
		check(
			hash === sha256 && Buffer.compare(Buffer.from(stored.bytes), Buffer.from(bytes)) === 0,
			`[S7] photo ${sha256} differs`
		);
	}
}

/** [S14][S15] the device holds exactly the crew's live orders, with the server's statuses. */
async function verifyOrders(input: VerifyInput): Promise<void> {
	const { server, device } = input;
	const serverOrders = await server.db
		.selectFrom('work_orders')
		.select(['id', 'field_status'])
		.where('crew_id', '=', CREW_ID)
		.where('field_status', '!=', 'cancelled')
		.execute();
	const local = await device.db.orders.toArray();
	const expected = new Map(serverOrders.map((order) => [order.id, order.field_status]));
	const actual = new Map(local.map((order) => [order.id, order.status as string]));
	check(
		JSON.stringify([...expected].sort()) === JSON.stringify([...actual].sort()),
		`[S16] orders differ: server ${JSON.stringify([...expected])}, device ${JSON.stringify([...actual])}`
	);
	const serverNotes = await server.db
		.selectFrom('notes')
		.select('id')
		.where('work_order_id', 'in', [...expected.keys(), '-'])
		.execute();
	const localNotes = await device.db.notes.toArray();
	check(
		JSON.stringify(serverNotes.map((n) => n.id).sort()) ===
			JSON.stringify(localNotes.map((n) => n.id).sort()),
		`[S9] notes differ: server ${serverNotes.length}, device ${localNotes.length}`
	);
}
