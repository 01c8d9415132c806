/**
 * The supervisor's review queue and its decisions. What "reviewed" means in data is written down
 * in src/lib/domain/review.ts; every decision is a status-history entry by the supervisor, and
 * deciding twice changes nothing the second time.
 */
import type { Kysely } from 'kysely';
import {
	RESOLUTION_LABELS,
	UNABLE_REASON_LABELS,
	isResolutionCode,
	isUnableReason,
	type Material
} from '$lib/domain';
import {
	itemsToSettle,
	pendingLateItems,
	REVIEW_ACTIONS,
	settledItemIds,
	type ClosureDecisionInput,
	type LateDecisionInput,
	type RefusalAckInput,
	type ReviewNote,
	type ReviewPhoto,
	type ReviewQueue
} from '$lib/domain/review';
import type { SessionUser } from '../auth/types';
import type { Database, NoteRow, StatusHistoryRow, WorkOrderPhotoRow } from '../db/schema';
import { ReviewQueueRepository, type ReviewOrderRow } from '../repositories/review-queue';
import { crewInScope, describeScope, orderInScope, scopeFor } from './department-scope';
import {
	inDecision,
	lockOrderInScope,
	notFound,
	Refusal,
	settle,
	staffAudit,
	type ServiceResult
} from './review-support';

export interface QueueOptions {
	/** How far back closures are offered for review. */
	closedWithinDays?: number;
	limit?: number;
}

export interface Decision {
	orderId: string | null;
	/** False when the item had already been decided: nothing was written. */
	changed: boolean;
}

const LATE_ACTIONS = [REVIEW_ACTIONS.lateAccepted, REVIEW_ACTIONS.lateDismissed];

export class ReviewService {
	constructor(private readonly db: Kysely<Database>) {}

	async queue(actor: SessionUser, now: Date, options: QueueOptions = {}): Promise<ReviewQueue> {
		const scope = scopeFor(actor);
		const inScope = orderInScope(scope);
		const limit = options.limit ?? 50;
		const since = new Date(now.getTime() - (options.closedWithinDays ?? 7) * 86_400_000).toISOString();
		const reads = new ReviewQueueRepository(this.db);
		const [closed, waiting, unable, refusals] = await Promise.all([
			reads.unreviewedClosures(inScope, since, limit),
			reads.ordersNeedingReview(inScope, limit),
			reads.unableOrders(inScope, limit),
			reads.unacknowledgedRefusals(inScope, crewInScope(scope), limit)
		]);
		const ids = [...new Set([...closed, ...waiting, ...unable].map((order) => order.id))];
		const [notes, photos, decisions] = await Promise.all([
			reads.notesFor(ids),
			reads.photosFor(ids),
			reads.decisionsFor(
				waiting.map((order) => order.id),
				LATE_ACTIONS
			)
		]);
		const notesOf = groupBy(notes.map((note) => ({ key: note.work_order_id, view: noteView(note) })));
		const photosOf = groupBy(photos.map((photo) => ({ key: photo.work_order_id, view: photoView(photo) })));
		const settled = settledIds(decisions);
		return {
			scope: describeScope(scope),
			closures: closed.map((order) => ({
				...header(order),
				resolutionCode: order.resolution_code,
				resolutionLabel: isResolutionCode(order.resolution_code)
					? RESOLUTION_LABELS[order.resolution_code]
					: 'Closed',
				statusNotes: order.status_notes,
				closedAt: order.closed_at,
				timeOnSiteMinutes: order.time_on_site_minutes,
				materials: parseMaterials(order.materials),
				notes: notesOf.get(order.id) ?? [],
				photos: photosOf.get(order.id) ?? []
			})),
			lateReports: waiting.map((order) => ({
				...header(order),
				needsReview: order.needs_review,
				notes: pendingLateItems(
					(notesOf.get(order.id) ?? []).filter((note) => note.lateReport),
					settled
				),
				photos: pendingLateItems(
					(photosOf.get(order.id) ?? []).filter((photo) => photo.lateReport),
					settled
				)
			})),
			unable: unable.map((order) => ({
				...header(order),
				unableReason: order.unable_reason,
				unableLabel: isUnableReason(order.unable_reason)
					? UNABLE_REASON_LABELS[order.unable_reason]
					: 'Unable to complete',
				notes: notesOf.get(order.id) ?? []
			})),
			refusals: refusals.map((row) => ({
				deviceId: row.device_id,
				mutationId: row.mutation_id,
				mutationName: row.name,
				orderId: row.work_order_id,
				reason: row.reason ?? 'No reason was recorded.',
				userName: row.user_name ?? row.user_id,
				crewName: row.crew_name,
				capturedAt: row.captured_at,
				receivedAt: row.received_at
			}))
		};
	}

	/** Marks the order's latest closure as reviewed and accepted. */
	acceptClosure(
		actor: SessionUser,
		input: ClosureDecisionInput,
		now: Date
	): Promise<ServiceResult<Decision>> {
		return settle(() =>
			inDecision(this.db, async (repos, reads) => {
				const order = await lockOrderInScope(repos, reads, actor, input.orderId);
				if (order.field_status !== 'closed') {
					throw new Refusal(409, `Order ${order.id} is not closed, so there is no closure to review.`);
				}
				if (await reads.closureReviewed(order.id)) return { orderId: order.id, changed: false };
				await repos.workOrders.recordReviewDecision(
					order.id,
					0,
					staffAudit(actor, now.toISOString(), REVIEW_ACTIONS.closureReviewed, {
						resolutionCode: order.resolution_code
					})
				);
				return { orderId: order.id, changed: true };
			})
		);
	}

	/** Accepts or dismisses an order's late field report items, taking them off needs_review. */
	decideLateReport(
		actor: SessionUser,
		input: LateDecisionInput,
		now: Date
	): Promise<ServiceResult<Decision & { settled: string[] }>> {
		return settle(() =>
			inDecision(this.db, async (repos, reads) => {
				const order = await lockOrderInScope(repos, reads, actor, input.orderId);
				const [notes, photos, decisions] = await Promise.all([
					reads.notesFor([order.id]),
					reads.photosFor([order.id]),
					reads.decisionsFor([order.id], LATE_ACTIONS)
				]);
				const late = [...notes, ...photos].filter((item) => item.late_report === 1);
				const pending = pendingLateItems(late, settledIds(decisions));
				const settling = itemsToSettle(pending, input.itemIds);
				const nothingLeft = settling.length === pending.length;
				if (settling.length === 0 && !(nothingLeft && order.needs_review > 0)) {
					return { orderId: order.id, changed: false, settled: [] };
				}
				// Once no item waits, the count goes to zero: it may hold items older than this queue.
				const count = nothingLeft ? order.needs_review : settling.length;
				const action =
					input.decision === 'accept' ? REVIEW_ACTIONS.lateAccepted : REVIEW_ACTIONS.lateDismissed;
				await repos.workOrders.recordReviewDecision(
					order.id,
					count,
					staffAudit(actor, now.toISOString(), action, { itemIds: settling })
				);
				return { orderId: order.id, changed: true, settled: settling };
			})
		);
	}

	/** Acknowledges a refused mutation: it leaves the queue; the order's history says who looked. */
	acknowledgeRefusal(
		actor: SessionUser,
		input: RefusalAckInput,
		now: Date
	): Promise<ServiceResult<Decision>> {
		const at = now.toISOString();
		return settle(() =>
			inDecision(this.db, async (repos, reads) => {
				const scope = scopeFor(actor);
				const refusal = await reads.refusal(orderInScope(scope), crewInScope(scope), input);
				if (!refusal) throw notFound(`refused change ${input.mutationId} from device ${input.deviceId}`);
				const orderId = refusal.work_order_id;
				if (orderId) await repos.workOrders.getForDecision(orderId);
				if (!(await reads.acknowledgeRefusal(input, actor.id, at))) return { orderId, changed: false };
				if (orderId) {
					await repos.workOrders.recordReviewDecision(
						orderId,
						0,
						staffAudit(actor, at, REVIEW_ACTIONS.refusalAcknowledged, {
							deviceId: input.deviceId,
							mutationId: input.mutationId,
							mutation: refusal.name,
							reason: refusal.reason
						})
					);
				}
				return { orderId, changed: true };
			})
		);
	}
}

function header(order: ReviewOrderRow) {
	return {
		orderId: order.id,
		serviceCode: order.service_code,
		serviceName: order.service_name ?? order.service_code,
		address: order.address,
		description: order.description,
		status: order.field_status,
		crewId: order.crew_id,
		crewName: order.crew_name
	};
}

function noteView(note: NoteRow & { author_name: string | null }): ReviewNote {
	return {
		id: note.id,
		authorName: note.author_name,
		authorKind: note.author_kind,
		body: note.body,
		visibility: note.visibility,
		lateReport: note.late_report === 1,
		capturedAt: note.captured_at
	};
}

function photoView(photo: WorkOrderPhotoRow): ReviewPhoto {
	return {
		id: photo.id,
		sha256: photo.sha256,
		kind: photo.kind,
		lateReport: photo.late_report === 1,
		capturedAt: photo.captured_at
	};
}

function settledIds(decisions: readonly StatusHistoryRow[]): Set<string> {
	const ids = new Set<string>();
	for (const entry of decisions) {
		for (const id of settledItemIds(parseJson(entry.detail))) ids.add(id);
	}
	return ids;
}

function groupBy<V>(items: readonly { key: string; view: V }[]): Map<string, V[]> {
	const groups = new Map<string, V[]>();
	for (const { key, view } of items) {
		const group = groups.get(key) ?? [];
		group.push(view);
		groups.set(key, group);
	}
	return groups;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return null;
	}
}

function parseMaterials(text: string): Material[] {
	const parsed = parseJson(text);
	return Array.isArray(parsed) ? (parsed as Material[]) : [];
}
