/**
 * An order's status history as a crew device receives it (S24). The stored `detail` JSON also
 * holds internals (device ids, mutation ids, API keys); only a plain-English summary of the
 * fields a crew may read leaves the server.
 */
import type { Kysely } from 'kysely';
import {
	isResolutionCode,
	isUnableReason,
	RESOLUTION_LABELS,
	UNABLE_REASON_LABELS,
	type SyncHistoryEntry
} from '$lib/domain';
import type { Database, StatusHistoryRow } from '$lib/server/db/schema';

/** `in` lists are kept well under SQLite's bound-parameter limit. */
const ID_CHUNK = 500;
/** A resident's or Open311 client's words are cut here: the order page shows a line, not an essay. */
const MAX_QUOTED = 200;

export type HistoryRowWithNames = StatusHistoryRow & {
	actor_name: string | null;
	to_crew_name: string | null;
	from_crew_name: string | null;
};

/** Every history entry of the given orders, oldest first, with the names a crew reads. */
export async function historyFor(
	db: Kysely<Database>,
	orderIds: readonly string[]
): Promise<HistoryRowWithNames[]> {
	const rows: HistoryRowWithNames[] = [];
	for (let start = 0; start < orderIds.length; start += ID_CHUNK) {
		const found = await db
			.selectFrom('status_history')
			.leftJoin('users', 'users.id', 'status_history.actor_user_id')
			.leftJoin('crews as to_crew', 'to_crew.id', 'status_history.to_crew_id')
			.leftJoin('crews as from_crew', 'from_crew.id', 'status_history.from_crew_id')
			.selectAll('status_history')
			.select([
				'users.display_name as actor_name',
				'to_crew.name as to_crew_name',
				'from_crew.name as from_crew_name'
			])
			.where('status_history.work_order_id', 'in', orderIds.slice(start, start + ID_CHUNK))
			.orderBy('status_history.change_seq')
			.orderBy('status_history.id')
			.execute();
		rows.push(...found);
	}
	return rows;
}

export function toSyncHistoryEntry(row: HistoryRowWithNames): SyncHistoryEntry {
	return {
		id: String(row.id),
		orderId: row.work_order_id,
		at: row.at,
		action: row.action,
		fromStatus: row.from_status,
		toStatus: row.to_status,
		actorKind: row.actor_kind,
		actorName: row.actor_name,
		summary: historySummary(row.action, parseDetail(row.detail), {
			toCrew: row.to_crew_name,
			fromCrew: row.from_crew_name
		})
	};
}

/** What a crew may read of an entry's detail, in words; null when there is nothing to add. */
export function historySummary(
	action: string,
	detail: Record<string, unknown>,
	crews: { toCrew: string | null; fromCrew: string | null } = { toCrew: null, fromCrew: null }
): string | null {
	const parts: string[] = [];
	const resolution = detail.resolutionCode ?? detail.resolution_code;
	if (isResolutionCode(resolution)) parts.push(`Resolution: ${RESOLUTION_LABELS[resolution]}`);
	const reason = detail.reason ?? detail.unable_reason;
	if (isUnableReason(reason)) parts.push(`Reason: ${UNABLE_REASON_LABELS[reason]}`);
	if (action === 'assigned' && crews.toCrew) parts.push(`To ${crews.toCrew}`);
	if (action === 'unassigned' && crews.fromCrew) parts.push(`From ${crews.fromCrew}`);
	if (typeof detail.kind === 'string' && /^(reporter|before|after|other)$/.test(detail.kind))
		parts.push(`${detail.kind.charAt(0).toUpperCase()}${detail.kind.slice(1)} photo`);
	if (typeof detail.priority === 'number') parts.push(`Priority ${detail.priority}`);
	if (detail.source === 'field') parts.push('Reported in the field');
	if (detail.late === true) parts.push('Late field report, kept for review');
	if (typeof detail.description === 'string' && detail.description.trim() !== '')
		parts.push(quote(detail.description));
	return parts.length > 0 ? parts.join('. ') : null;
}

function quote(text: string): string {
	const line = text.trim().replace(/\s+/g, ' ');
	return `“${line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED - 1)}…` : line}”`;
}

function parseDetail(json: string): Record<string, unknown> {
	try {
		const value: unknown = JSON.parse(json);
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: {};
	} catch {
		return {};
	}
}
