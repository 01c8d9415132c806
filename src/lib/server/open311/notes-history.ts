/**
 * The public history of a request (extensions=true `notes`): when it was received, scheduled,
 * worked on and closed, plus the notes written for the public. Crew names and internal notes stay
 * inside the city.
 */
import { isFieldStatus, type FieldStatus } from '$lib/domain';
import type { NoteRow, StatusHistoryRow, WorkOrderRow } from '../db/schema';
import { formatDateTime } from './dates';
import { list, obj, type DocList } from './document';
import type { RequestContext } from './request-context';

const STATUS_SENTENCES: Readonly<Record<FieldStatus, { type: string; description: string }>> = {
	new: { type: 'status', description: 'The request is waiting to be scheduled.' },
	assigned: { type: 'status', description: 'The request has been scheduled for a crew.' },
	in_progress: { type: 'status', description: 'A crew has started the work.' },
	closed: { type: 'closed', description: 'The work is done and the request is closed.' },
	unable_to_complete: {
		type: 'status',
		description: 'The crew could not finish the work; the city is looking into what to do next.'
	},
	reopened: { type: 'status', description: 'The request has been reopened.' },
	cancelled: { type: 'closed', description: 'The request has been cancelled.' }
};

interface Entry {
	at: string;
	type: string;
	description: string;
}

/**
 * The history entry that closed a currently closed order. Found by position, not by time: the
 * order's closed_at is when the crew finished (device time), the entry's time is when it arrived.
 */
export function latestCloseEntryId(order: WorkOrderRow, history: readonly StatusHistoryRow[]): number | null {
	if (order.field_status !== 'closed') return null;
	const closes = history.filter((entry) => entry.to_status === 'closed' && entry.from_status !== 'closed');
	return closes.at(-1)?.id ?? null;
}

function historyEntry(
	entry: StatusHistoryRow,
	order: WorkOrderRow,
	latestCloseId: number | null
): Entry | null {
	if (entry.action === 'created' || entry.from_status === null) {
		return { at: entry.at, type: 'opened', description: 'The request was received.' };
	}
	if (entry.from_status === entry.to_status || !isFieldStatus(entry.to_status)) return null;
	const sentence = STATUS_SENTENCES[entry.to_status];
	// The latest close carries the crew's public words when there are any.
	const description =
		entry.id === latestCloseId && order.status_notes ? order.status_notes : sentence.description;
	return { at: entry.at, type: sentence.type, description };
}

export function notesHistory(
	order: WorkOrderRow,
	history: readonly StatusHistoryRow[],
	publicNotes: readonly NoteRow[],
	ctx: RequestContext
): DocList {
	const entries: Entry[] = [];
	const latestCloseId = latestCloseEntryId(order, history);
	for (const entry of history) {
		const shown = historyEntry(entry, order, latestCloseId);
		if (shown) entries.push(shown);
	}
	for (const note of publicNotes)
		entries.push({ at: note.captured_at, type: 'note', description: note.body });
	entries.sort((a, b) => a.at.localeCompare(b.at));
	return list(
		'note',
		entries.map((entry) =>
			obj({
				datetime: formatDateTime(entry.at, ctx.timeZone),
				description: entry.description,
				type: entry.type
			})
		)
	);
}
