/**
 * The console's paged lists and duplicate marks. A big city has tens of thousands of open orders:
 * the first paint sends the map a lean row for each (`ConsoleQueries.mapOrders`), while the lists
 * come a page at a time, most urgent first, with a keyset cursor (priority, requested time, id)
 * so a page never repeats or skips a row however many orders change in between.
 *
 * The filters here mirror the console's own (`matchesFilters` in console-filters.ts); the server
 * tests compare the two on the same rows.
 */
import type { Kysely } from 'kysely';
import type { ConsoleListKind, ConsoleOrderPage } from '$lib/components/console/console-rows';
import type { Database } from '../db/schema';
import { markPossibleDuplicates } from './console-duplicate-marks';
import { ConsoleQueries } from './console-queries';
import type { Scope } from './department-scope';

const FINISHED = ['closed', 'cancelled'];
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface ConsoleListQuery {
	list: ConsoleListKind;
	/** A crew id, `unassigned`, or '' for every crew. */
	crew: string;
	service: string;
	/** A field status, `open`, or '' for any. */
	status: string;
	olderThanDays: number;
	overdueOnly: boolean;
	/** Finished orders are listed only when they changed since this instant (today). */
	finishedSince: string;
	/** The cursor of the previous page's last row; null for the first page. */
	after: string | null;
	limit: number;
}

/** Where a row sits in urgency order; also what a cursor carries. */
export interface UrgencyKey {
	priority: number;
	requestedAt: string;
	id: string;
}

export function encodeCursor(key: UrgencyKey): string {
	return Buffer.from(JSON.stringify([key.priority, key.requestedAt, key.id])).toString('base64url');
}

/** The key a cursor carries, or null when it is not one of ours. */
export function decodeCursor(cursor: string): UrgencyKey | null {
	try {
		const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (!Array.isArray(value) || value.length !== 3) return null;
		const [priority, requestedAt, id] = value as unknown[];
		if (!Number.isInteger(priority) || typeof requestedAt !== 'string' || typeof id !== 'string') return null;
		if (requestedAt.length > 40 || id.length > 64) return null;
		return { priority: priority as number, requestedAt, id };
	} catch {
		return null;
	}
}

export class ConsolePages {
	private readonly queries: ConsoleQueries;

	constructor(
		private readonly db: Kysely<Database>,
		scope: Scope,
		private readonly duplicateDistanceM: number
	) {
		this.queries = new ConsoleQueries(db, scope);
	}

	/** One page of a list, each row marked when it has a possible duplicate. */
	async page(query: ConsoleListQuery, now: Date): Promise<ConsoleOrderPage> {
		const after = query.after === null ? null : decodeCursor(query.after);
		let select = this.queries
			.orderSelect()
			.orderBy('work_orders.priority')
			.orderBy('work_orders.requested_at')
			.orderBy('work_orders.id')
			.limit(query.limit + 1);
		if (query.list === 'queue') {
			select = select
				.where('work_orders.crew_id', 'is', null)
				.where('work_orders.field_status', 'not in', FINISHED);
		} else {
			select = select.where((eb) =>
				eb.or([
					eb('work_orders.field_status', 'not in', FINISHED),
					eb('work_orders.updated_at', '>=', query.finishedSince)
				])
			);
			if (query.crew === 'unassigned') select = select.where('work_orders.crew_id', 'is', null);
			else if (query.crew) select = select.where('work_orders.crew_id', '=', query.crew);
			if (query.service) select = select.where('work_orders.service_code', '=', query.service);
			if (query.status === 'open') select = select.where('work_orders.field_status', 'not in', FINISHED);
			else if (query.status) select = select.where('work_orders.field_status', '=', query.status);
			if (query.olderThanDays > 0) {
				const cutoff = new Date(now.getTime() - query.olderThanDays * DAY_MS).toISOString();
				select = select.where('work_orders.requested_at', '<=', cutoff);
			}
			if (query.overdueOnly) {
				select = select
					.where('work_orders.due_at', 'is not', null)
					.where('work_orders.due_at', '<', now.toISOString())
					.where('work_orders.field_status', 'not in', FINISHED);
			}
		}
		if (after) {
			select = select.where((eb) =>
				eb.or([
					eb('work_orders.priority', '>', after.priority),
					eb.and([
						eb('work_orders.priority', '=', after.priority),
						eb('work_orders.requested_at', '>', after.requestedAt)
					]),
					eb.and([
						eb('work_orders.priority', '=', after.priority),
						eb('work_orders.requested_at', '=', after.requestedAt),
						eb('work_orders.id', '>', after.id)
					])
				])
			);
		}
		const rows = (await select.execute()).map((row) => ConsoleQueries.toConsoleOrder(row));
		const more = rows.length > query.limit;
		const orders = await markPossibleDuplicates(this.db, rows.slice(0, query.limit), this.duplicateDistanceM);
		const last = orders.at(-1);
		return { orders, next: more && last ? encodeCursor(last) : null };
	}
}

export type ListQueryParse = { ok: true; query: ConsoleListQuery } | { ok: false; error: string };

const STATUS_WORDS = /^[a-z_]{0,32}$/;

/**
 * Reads GET /api/console/orders's parameters: list=queue|orders, crew, service, status,
 * olderThanDays, overdue=1, finishedSince (ISO), after (a cursor), limit.
 */
export function parseListQuery(params: URLSearchParams, now: Date): ListQueryParse {
	const list = params.get('list') ?? 'orders';
	if (list !== 'queue' && list !== 'orders') return { ok: false, error: 'list must be queue or orders.' };
	const text = (name: string) => (params.get(name) ?? '').trim();
	const crew = text('crew');
	const service = text('service');
	const status = text('status');
	if (crew.length > 64 || service.length > 64)
		return { ok: false, error: 'crew and service are ids of at most 64 characters.' };
	if (!STATUS_WORDS.test(status))
		return { ok: false, error: 'status must be a field status, open, or empty.' };
	const olderThanDays = Number(text('olderThanDays') || '0');
	if (!Number.isInteger(olderThanDays) || olderThanDays < 0 || olderThanDays > 3650) {
		return { ok: false, error: 'olderThanDays must be a whole number of days from 0 to 3650.' };
	}
	const limit = Number(text('limit') || String(DEFAULT_PAGE_SIZE));
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
		return { ok: false, error: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` };
	}
	const finishedText = text('finishedSince');
	const finished = finishedText ? new Date(finishedText) : new Date(now.getTime() - DAY_MS);
	if (Number.isNaN(finished.getTime()))
		return { ok: false, error: 'finishedSince must be an ISO date and time.' };
	const after = text('after') || null;
	if (after !== null && decodeCursor(after) === null) {
		return { ok: false, error: 'after is not a cursor this server handed out; start again without it.' };
	}
	return {
		ok: true,
		query: {
			list,
			crew,
			service,
			status,
			olderThanDays,
			overdueOnly: text('overdue') === '1',
			finishedSince: finished.toISOString(),
			after,
			limit
		}
	};
}
