/**
 * The supervisor's review queue: what a decision looks like on the wire, and the pure rules that
 * say which items still wait for one. The server records every decision in the order's status
 * history (actor: the supervisor), so the queue is derived from history, never from a flag that
 * could drift:
 * - a closure is reviewed once a `closure-reviewed` entry follows its latest close;
 * - a late field report item (note or photo) is settled once a `late-report-accepted` or
 *   `late-report-dismissed` entry lists its id; each settled item takes one off `needs_review`;
 * - a refused mutation is acknowledged in its own log row (it may name no order), and also in the
 *   order's history when it names one.
 * Deciding the same thing twice changes nothing the second time.
 */
import type { Material } from './sync/protocol';
import * as v from './validate';

export const REOPEN_REASON_MAX = 500;

const id = v.string({ trim: true, min: 1, max: 64 });

export const reopenInput = v.object(
	{
		orderId: id,
		reason: v.string({ trim: true, min: 1, max: REOPEN_REASON_MAX }),
		/** Another crew to send it to; the crew that had it when absent. */
		crewId: v.optional(id)
	},
	{ unknownKeys: 'refuse' }
);
export type ReopenInput = v.Infer<typeof reopenInput>;

export const mergeInput = v.object({ copyId: id, keptId: id }, { unknownKeys: 'refuse' });
export type MergeInput = v.Infer<typeof mergeInput>;

export const closureDecisionInput = v.object({ orderId: id }, { unknownKeys: 'refuse' });
export type ClosureDecisionInput = v.Infer<typeof closureDecisionInput>;

export const LATE_DECISIONS = ['accept', 'dismiss'] as const;
export type LateDecision = (typeof LATE_DECISIONS)[number];

export const lateDecisionInput = v.object(
	{
		orderId: id,
		decision: v.oneOf(LATE_DECISIONS),
		/** The items the supervisor saw; absent means every item still waiting. */
		itemIds: v.optional(v.array(v.string({ trim: true, min: 1, max: 200 }), { min: 1, max: 500 }))
	},
	{ unknownKeys: 'refuse' }
);
export type LateDecisionInput = v.Infer<typeof lateDecisionInput>;

export const refusalAckInput = v.object(
	{
		deviceId: v.string({ trim: true, min: 1, max: 100 }),
		mutationId: v.number({ integer: true, min: 1 })
	},
	{ unknownKeys: 'refuse' }
);
export type RefusalAckInput = v.Infer<typeof refusalAckInput>;

export const REVIEW_ACTIONS = {
	closureReviewed: 'closure-reviewed',
	lateAccepted: 'late-report-accepted',
	lateDismissed: 'late-report-dismissed',
	refusalAcknowledged: 'refusal-acknowledged'
} as const;

/** The ids a late-report decision entry settled, read from its history detail. */
export function settledItemIds(detail: unknown): string[] {
	if (!detail || typeof detail !== 'object') return [];
	const ids = (detail as { itemIds?: unknown }).itemIds;
	return Array.isArray(ids) ? ids.filter((item): item is string => typeof item === 'string') : [];
}

/** Late items not yet settled by any decision, in their original order. */
export function pendingLateItems<T extends { id: string }>(
	items: readonly T[],
	settled: ReadonlySet<string>
): T[] {
	return items.filter((item) => !settled.has(item.id));
}

/**
 * The items a decision settles: those the supervisor saw that are still pending (all pending
 * ones when the request does not say). Items already settled, or not late reports of this
 * order, are ignored, so a repeated decision settles nothing.
 */
export function itemsToSettle(
	pending: readonly { id: string }[],
	requested: readonly string[] | undefined
): string[] {
	const pendingIds = pending.map((item) => item.id);
	if (!requested) return pendingIds;
	const wanted = new Set(requested);
	return pendingIds.filter((itemId) => wanted.has(itemId));
}

// What the review page shows: plain data, the same on the server and in the browser.

export interface ReviewNote {
	id: string;
	authorName: string | null;
	authorKind: string;
	body: string;
	visibility: string;
	lateReport: boolean;
	capturedAt: string;
}

export interface ReviewPhoto {
	id: string;
	sha256: string;
	kind: string;
	lateReport: boolean;
	capturedAt: string;
}

export interface ReviewOrderHeader {
	orderId: string;
	serviceCode: string;
	serviceName: string;
	address: string | null;
	description: string;
	status: string;
	crewId: string | null;
	crewName: string | null;
}

export interface ClosureItem extends ReviewOrderHeader {
	resolutionCode: string | null;
	resolutionLabel: string;
	statusNotes: string | null;
	closedAt: string | null;
	timeOnSiteMinutes: number | null;
	materials: Material[];
	notes: ReviewNote[];
	photos: ReviewPhoto[];
}

export interface LateReportItem extends ReviewOrderHeader {
	needsReview: number;
	notes: ReviewNote[];
	photos: ReviewPhoto[];
}

/** An order its crew could not complete: a supervisor reopens it (to the same or another crew). */
export interface UnableItem extends ReviewOrderHeader {
	unableReason: string | null;
	unableLabel: string;
	notes: ReviewNote[];
}

export interface RefusalItem {
	deviceId: string;
	mutationId: number;
	mutationName: string;
	orderId: string | null;
	reason: string;
	userName: string;
	crewName: string | null;
	capturedAt: string;
	receivedAt: string;
}

export interface ReviewQueue {
	scope: string;
	closures: ClosureItem[];
	lateReports: LateReportItem[];
	unable: UnableItem[];
	refusals: RefusalItem[];
}

export interface DuplicateHint {
	orderId: string;
	serviceCode: string;
	status: string;
	address: string | null;
	description: string;
	requestedAt: string;
	distanceM: number;
}

/** A newer open request that looks like an older one: merging keeps the older. */
export interface DuplicatePair {
	copy: DuplicateHint;
	kept: DuplicateHint;
	distanceM: number;
}

export interface DuplicateHints {
	orderId: string;
	maxDistanceM: number;
	candidates: DuplicateHint[];
}
