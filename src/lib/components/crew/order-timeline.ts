/**
 * The order page's timeline, pure: the server's status history, the notes, and the crew's own
 * work that the server has not confirmed yet, merged into one list, oldest first (S24). A note's
 * history line ("noted") is left out: the note itself is on the timeline.
 */
import type { LocalHistoryEntry, LocalNote, OutboxEntry } from '$lib/client/db/schema';
import { isInFlight } from '$lib/client/sync/rebase';
import { resolutionText, unableReasonText } from './close-rules';

export interface TimelineItem {
	/** Unique across kinds, for a keyed list. */
	key: string;
	kind: 'status' | 'note' | 'pending';
	at: string;
	title: string;
	detail: string | null;
	who: string;
	/** Not confirmed by the server yet: saved on this device, or sent and not yet pulled back. */
	pending: boolean;
	lateReport: boolean;
}

const ACTION_TITLES: Readonly<Record<string, string>> = {
	created: 'Reported',
	assigned: 'Assigned',
	unassigned: 'Unassigned',
	started: 'Work started',
	photographed: 'Photo added',
	closed: 'Closed',
	unable: 'Unable to complete',
	reopened: 'Reopened',
	cancelled: 'Cancelled',
	updated: 'Updated',
	'late-report': 'Late field report'
};

const ACTOR_KINDS: Readonly<Record<string, string>> = {
	crew: 'Crew',
	supervisor: 'Supervisor',
	admin: 'Administrator',
	resident: 'Resident',
	system: 'System'
};

const PHOTO_KINDS: Readonly<Record<string, string>> = {
	before: 'Before photo',
	after: 'After photo',
	other: 'Photo'
};

export function actionTitle(action: string): string {
	return ACTION_TITLES[action] ?? `${action.charAt(0).toUpperCase()}${action.slice(1).replace(/-/g, ' ')}`;
}

export function orderTimeline(
	history: readonly LocalHistoryEntry[],
	notes: readonly LocalNote[],
	outbox: readonly OutboxEntry[]
): TimelineItem[] {
	const items: TimelineItem[] = [];
	for (const entry of history) {
		if (entry.action === 'noted') continue;
		items.push({
			key: `h:${entry.id}`,
			kind: 'status',
			at: entry.at,
			title: actionTitle(entry.action),
			detail: entry.summary,
			who: entry.actorName ?? ACTOR_KINDS[entry.actorKind] ?? entry.actorKind,
			pending: false,
			lateReport: entry.action === 'late-report'
		});
	}
	for (const note of notes) {
		items.push({
			key: `n:${note.id}`,
			kind: 'note',
			at: note.capturedAt,
			title: note.visibility === 'public' ? 'Public update' : 'Note',
			detail: note.body,
			who: note.authorName ?? ACTOR_KINDS[note.authorKind] ?? note.authorKind,
			pending: note.pending === 1,
			lateReport: note.lateReport
		});
	}
	for (const entry of outbox) {
		const described = isInFlight(entry) ? pendingWork(entry) : null;
		if (!described) continue;
		items.push({
			key: `o:${entry.id}`,
			kind: 'pending',
			at: entry.mutation.capturedAt,
			...described,
			who: 'You, on this device',
			pending: true,
			lateReport: false
		});
	}
	// Stable: equal times keep history, then notes, then this device's work.
	return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The crew's own unconfirmed work as a timeline line; null for what shows elsewhere (a note). */
function pendingWork(entry: OutboxEntry): { title: string; detail: string | null } | null {
	const mutation = entry.mutation;
	switch (mutation.name) {
		case 'startWork':
			return { title: 'Work started', detail: null };
		case 'addPhoto':
			return { title: 'Photo added', detail: PHOTO_KINDS[mutation.args.kind] ?? null };
		case 'closeOrder':
			return { title: 'Closed', detail: `Resolution: ${resolutionText(mutation.args.resolutionCode)}` };
		case 'unableToComplete':
			return { title: 'Unable to complete', detail: `Reason: ${unableReasonText(mutation.args.reason)}` };
		case 'reportProblem':
			return { title: 'Reported', detail: 'Reported in the field' };
		default:
			return null;
	}
}
