/** GET /api/sync/pull: the crew's changes since a cursor, in pages (S14-S16). */
import type { Kysely } from 'kysely';
import {
	DEFAULT_PULL_LIMIT,
	MAX_PULL_LIMIT,
	decodeCursor,
	encodeCursor,
	isUuid,
	type PullResponse
} from '$lib/domain';
import type { SessionUser } from '$lib/server/auth/types';
import { currentChangeSeq } from '$lib/server/db/change-seq';
import type { Database } from '$lib/server/db/schema';
import { SyncPullRepository } from '$lib/server/repositories/sync-pull';
import { activeCatalogue } from './catalogue';
import { claimDevice, crewOf, isAnswer } from './crew-access';
import { childrenOf } from './order-children';
import { pageKey, pullAheadFor } from './pull-ahead';
import { toSyncOrder } from './sync-views';
import { syncTurns } from './turn-budget';
import { failure, type SyncAnswer } from './types';

const UNKNOWN_CURSOR = 'The cursor is not one this server gave out; pull without one.';

export interface PullQuery {
	deviceId: string;
	cursor?: string;
	limit?: number;
	/** The catalogue version the device holds (S25); the catalogue comes along when it differs. */
	services?: string;
}

export async function pullChanges(
	db: Kysely<Database>,
	user: SessionUser,
	query: PullQuery,
	now: Date
): Promise<SyncAnswer<PullResponse>> {
	const crewId = crewOf(user);
	if (isAnswer(crewId)) return crewId;
	if (typeof query.deviceId !== 'string' || !isUuid(query.deviceId)) {
		return failure(400, 'deviceId must be the UUID of this device.');
	}
	const after = query.cursor === undefined || query.cursor === '' ? 0 : decodeCursor(query.cursor);
	if (after === null) return failure(400, UNKNOWN_CURSOR);
	const limit = query.limit ?? DEFAULT_PULL_LIMIT;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PULL_LIMIT) {
		return failure(400, `limit must be a whole number between 1 and ${MAX_PULL_LIMIT}.`);
	}
	const device = await claimDevice(db, query.deviceId, user, now);
	if (isAnswer(device)) return device;

	const lastMutationId = device.last_mutation_id;
	const question = { crewId, after, limit, services: query.services };
	const ahead = pullAheadFor(db);
	const page =
		(await ahead.take(query.deviceId, pageKey({ userId: user.id, lastMutationId, ...question }))) ??
		(await readPage(db, question, lastMutationId));
	// A cursor from the future comes from another database (a restore): start over rather than wait forever.
	if (!page) return failure(400, UNKNOWN_CURSOR);
	if (page.more) {
		const nextQuestion = {
			crewId,
			after: decodeCursor(page.cursor) ?? 0,
			limit,
			services: page.servicesVersion
		};
		// Asked by a device that has not pushed since, the key matches (see pull-ahead.ts).
		const key = pageKey({ userId: user.id, lastMutationId, ...nextQuestion });
		ahead.start(query.deviceId, key, async () => {
			await syncTurns.pace();
			return readPage(db, nextQuestion, lastMutationId);
		});
	}
	return { status: 200, body: page };
}

interface PageQuestion {
	crewId: string;
	after: number;
	limit: number;
	services: string | undefined;
}

/**
 * One page of the crew's changes after `after`; null when `after` is ahead of the database.
 * `lastMutationId` must have been read before the page (S16: a page never confirms work whose
 * effect it does not show).
 */
async function readPage(
	db: Kysely<Database>,
	{ crewId, after, limit, services }: PageQuestion,
	lastMutationId: number
): Promise<PullResponse | null> {
	const reads = new SyncPullRepository(db);
	// Read first: every change up to here has committed (the counter hands numbers out in commit order).
	const ceiling = await currentChangeSeq(db);
	if (after > ceiling) return null;
	const changed = await reads.changedOrders(crewId, after, limit);
	// S15: a pull without a cursor starts empty-handed, so there is nothing to drop.
	const departed = after === 0 ? [] : await reads.departures(crewId, after, limit);

	// Both lists are complete up to `upTo`: the last entry of a full list, or everything so far.
	let upTo = ceiling;
	const lastOrderSeq = changed.at(-1)?.change_seq;
	const lastDepartureSeq = departed.at(-1)?.change_seq;
	if (changed.length === limit && lastOrderSeq !== undefined) upTo = Math.min(upTo, Number(lastOrderSeq));
	if (departed.length === limit && lastDepartureSeq !== undefined)
		upTo = Math.min(upTo, Number(lastDepartureSeq));
	const inPage = <T extends { change_seq: number }>(row: T) => Number(row.change_seq) <= upTo;
	const pageOrders = changed.filter(inPage);
	const pageDepartures = departed.filter(inPage);
	const more =
		pageOrders.length < changed.length || pageDepartures.length < departed.length || upTo < ceiling;

	const live = pageOrders.filter((row) => row.field_status !== 'cancelled');
	const tombstones = new Set([
		...pageDepartures.map((row) => row.work_order_id),
		...pageOrders.filter((row) => row.field_status === 'cancelled').map((row) => row.id)
	]);
	const { notes, photos, history } = await childrenOf(db, live);
	const catalogue = await activeCatalogue(db);
	return {
		orders: live.map(toSyncOrder),
		notes,
		photos,
		history,
		servicesVersion: catalogue.version,
		...(services === catalogue.version ? {} : { services: catalogue.services }),
		tombstones: [...tombstones],
		crewId,
		lastMutationId,
		cursor: encodeCursor(upTo),
		more
	};
}
