/**
 * Duplicate hints and merge-as-duplicate. Hints: open requests of the same service near an order,
 * found with a bounding-box prefilter in SQL and measured with turf. Merge: the copy is closed
 * with resolution `duplicate`, linked to the kept order (duplicate_of and a public
 * "Duplicate of #..." note), and keeps its own notes and photos.
 */
import { distance, point } from '@turf/turf';
import type { Kysely } from 'kysely';
import type { LatLong } from '$lib/domain';
import {
	bboxAround,
	DEFAULT_DUPLICATE_DISTANCE_M,
	duplicateCandidates,
	duplicateStatusNotes,
	MAX_DUPLICATE_DISTANCE_M,
	mergeProblem
} from '$lib/domain/duplicates';
import type { DuplicateHint, DuplicateHints, DuplicatePair, MergeInput } from '$lib/domain/review';
import type { SessionUser } from '../auth/types';
import type { Database, WorkOrderRow } from '../db/schema';
import { withRepositories } from '../repositories';
import { ReviewQueueRepository, type ReviewOrderRow } from '../repositories/review-queue';
import { inScope, orderInScope, scopeFor } from './department-scope';
import { notFound, Refusal, settle, staffAudit, type ServiceResult } from './review-support';

/** More candidates than a supervisor can read is a neighbourhood, not a duplicate. */
const MAX_HINTS = 20;
/** Prefilter rows measured per hint request; a dense block of open requests stays cheap. */
const MAX_PREFILTERED = 500;

/** The server's default hint distance: DUPLICATE_DISTANCE_M when set to a sensible number. */
export function duplicateDistanceFromEnv(env: NodeJS.ProcessEnv = process.env): number {
	const configured = Number(env.DUPLICATE_DISTANCE_M);
	if (env.DUPLICATE_DISTANCE_M && Number.isFinite(configured) && configured > 0) {
		return Math.min(configured, MAX_DUPLICATE_DISTANCE_M);
	}
	return DEFAULT_DUPLICATE_DISTANCE_M;
}

/** Turf's great-circle distance in metres, shaped for the domain's injectable distance. */
export function turfMeters(a: LatLong, b: LatLong): number {
	return distance(point([a.long, a.lat]), point([b.long, b.lat]), { units: 'meters' });
}

export class DuplicateService {
	constructor(private readonly db: Kysely<Database>) {}

	async hints(
		actor: SessionUser,
		orderId: string,
		maxDistanceM: number
	): Promise<ServiceResult<DuplicateHints>> {
		return settle(async () => {
			const scope = orderInScope(scopeFor(actor));
			const reads = new ReviewQueueRepository(this.db);
			const order = await reads.orderInScope(scope, orderId);
			if (!order) throw notFound(`work order ${orderId}`);
			const near = await reads.openOrdersNear(
				scope,
				order.service_code,
				bboxAround(order, maxDistanceM),
				MAX_PREFILTERED
			);
			const found = duplicateCandidates(subject(order), near.map(subjectWithRow), maxDistanceM, turfMeters);
			return {
				orderId: order.id,
				maxDistanceM,
				candidates: found
					.slice(0, MAX_HINTS)
					.map(({ order: candidate, distanceM }) => hint(candidate, distanceM))
			};
		});
	}

	/**
	 * Likely duplicates among the newest open orders in scope: each newer request paired with the
	 * nearest older one of the same service within `maxDistanceM` (merging keeps the older, which
	 * residents have followed longer). Measured in memory over one bounded read.
	 */
	async pairs(actor: SessionUser, maxDistanceM: number, recent = 300): Promise<DuplicatePair[]> {
		const reads = new ReviewQueueRepository(this.db);
		const open = await reads.recentOpenOrders(orderInScope(scopeFor(actor)), recent);
		const subjects = open.map(subjectWithRow);
		const pairs: DuplicatePair[] = [];
		for (const copy of subjects) {
			const older = subjects.filter((other) => isOlder(other.row, copy.row));
			const [nearest] = duplicateCandidates(copy, older, maxDistanceM, turfMeters);
			if (!nearest) continue;
			pairs.push({
				copy: hint(copy, 0),
				kept: hint(nearest.order, nearest.distanceM),
				distanceM: rounded(nearest.distanceM)
			});
		}
		return pairs;
	}

	merge(actor: SessionUser, input: MergeInput, now: Date): Promise<ServiceResult<WorkOrderRow>> {
		const at = now.toISOString();
		return settle(() =>
			withRepositories(this.db, async (repos) => {
				if (input.copyId === input.keptId)
					throw new Refusal(400, 'An order cannot be a duplicate of itself.');
				const scope = scopeFor(actor);
				// Both reads after the decision lock, so neither order can change under the merge.
				const copy = await repos.workOrders.getForDecision(input.copyId);
				const kept = await repos.workOrders.get(input.keptId);
				for (const [order, id] of [
					[copy, input.copyId],
					[kept, input.keptId]
				] as const) {
					const service = order ? await repos.services.get(order.service_code) : undefined;
					if (!order || !inScope(scope, service?.department ?? '')) throw notFound(`work order ${id}`);
				}
				const check = mergeProblem(subject(copy as WorkOrderRow), subject(kept as WorkOrderRow));
				if (!check.ok) throw new Refusal(409, check.reason);
				const merged = await repos.workOrders.markDuplicate(
					input.copyId,
					input.keptId,
					duplicateStatusNotes(input.keptId),
					staffAudit(actor, at, 'closed', { resolutionCode: 'duplicate' })
				);
				return merged as WorkOrderRow;
			})
		);
	}
}

function subject(order: WorkOrderRow) {
	return {
		id: order.id,
		serviceCode: order.service_code,
		fieldStatus: order.field_status,
		lat: order.lat,
		long: order.long
	};
}

function subjectWithRow(row: ReviewOrderRow) {
	return { ...subject(row), row };
}

function hint(candidate: ReturnType<typeof subjectWithRow>, distanceM: number): DuplicateHint {
	return {
		orderId: candidate.id,
		serviceCode: candidate.serviceCode,
		status: candidate.fieldStatus,
		address: candidate.row.address,
		description: candidate.row.description,
		requestedAt: candidate.row.requested_at,
		distanceM: rounded(distanceM)
	};
}

const rounded = (meters: number) => Math.round(meters * 10) / 10;

/** Filed earlier (ties by id), so each pair is found once, from its newer side. */
function isOlder(a: WorkOrderRow, b: WorkOrderRow): boolean {
	return a.requested_at < b.requested_at || (a.requested_at === b.requested_at && a.id < b.id);
}
