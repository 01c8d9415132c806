/**
 * GET servicerequestupdates.{fmt} (FixMyStreet): what happened to requests in a time window,
 * one update per status change or posted update, with the extended status after it. An update
 * that came in over POST keeps the update_id its sender gave it, so the sender can recognise it.
 */
import { extendedStatus, isFieldStatus, isResolutionCode, open311UpdatesQuery, v } from '$lib/domain';
import type { StatusHistoryRow } from '../db/schema';
import { formatDateTime } from './dates';
import { list, obj, type DocValue } from './document';
import type { Open311Call, Open311Deps } from './deps';
import { fromIssues } from './errors';
import { queryRecord } from './form-body';
import { checkJurisdiction } from './key-check';
import { requestedWindow, MAX_REQUESTS } from './query-requests';
import { loadRequestContext } from './request-context';
import { latestCloseEntryId } from './notes-history';
import { mediaUrlOf, statusNotesOf } from './request-view';

interface Detail {
	open311UpdateId?: string;
	description?: string;
	mediaUrl?: string;
	resolutionCode?: string;
}

function detailOf(entry: StatusHistoryRow): Detail {
	try {
		const parsed: unknown = JSON.parse(entry.detail);
		return parsed && typeof parsed === 'object' ? (parsed as Detail) : {};
	} catch {
		return {};
	}
}

/** Status changes and posted updates are news; notes, photos and re-saves of the same status are not. */
function isUpdate(entry: StatusHistoryRow, detail: Detail): boolean {
	if (detail.open311UpdateId) return true;
	return (
		entry.from_status !== null && entry.from_status !== entry.to_status && isFieldStatus(entry.to_status)
	);
}

export async function listUpdates(deps: Open311Deps, call: Open311Call): Promise<DocValue> {
	const parsed = v.validate(open311UpdatesQuery, queryRecord(call.url, ['start_date', 'end_date']));
	if (!parsed.ok) throw fromIssues(parsed.issues);
	checkJurisdiction(deps, parsed.value.jurisdiction_id);
	const window = requestedWindow(parsed.value.start_date, parsed.value.end_date, deps.now());
	// Reads a little more than a page, since notes and photo entries are skipped.
	const entries = await deps.repos.open311Reads.historyBetween(window.from, window.to, MAX_REQUESTS * 5);
	const updates = entries
		.map((entry) => ({ entry, detail: detailOf(entry) }))
		.filter(({ entry, detail }) => isUpdate(entry, detail))
		.slice(0, MAX_REQUESTS);
	const orderIds = [...new Set(updates.map(({ entry }) => entry.work_order_id))];
	const orders = await deps.repos.workOrders.list({ ids: orderIds }, { limit: orderIds.length || 1 });
	const byId = new Map(orders.map((order) => [order.id, order]));
	const ctx = await loadRequestContext(deps.repos, orders, {
		// The full history of each order tells which entry was its latest close.
		extensions: true,
		timeZone: deps.config.timeZone,
		baseUrl: call.baseUrl
	});
	const items: DocValue[] = [];
	for (const { entry, detail } of updates) {
		const order = byId.get(entry.work_order_id);
		if (!order || !isFieldStatus(entry.to_status)) continue;
		const latestClose = entry.id === latestCloseEntryId(order, ctx.history?.get(order.id) ?? []);
		const resolution = detail.resolutionCode ?? (latestClose ? order.resolution_code : null);
		items.push(
			obj({
				update_id: detail.open311UpdateId ?? String(entry.id),
				service_request_id: entry.work_order_id,
				status: extendedStatus(entry.to_status, isResolutionCode(resolution) ? resolution : null),
				updated_datetime: formatDateTime(entry.at, deps.config.timeZone),
				description: detail.description ?? (latestClose ? statusNotesOf(order, ctx) : null) ?? '',
				media_url: detail.mediaUrl ?? (latestClose ? mediaUrlOf(order, ctx) : null)
			})
		);
	}
	return list('request_update', items);
}
