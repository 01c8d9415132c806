/** GET requests.{fmt}, requests/{id}.{fmt} and tokens/{token}.{fmt}. */
import { MAX_QUERY_SPAN_DAYS, open311RequestQuery, v, type FieldStatus } from '$lib/domain';
import type { WorkOrderFilter } from '../repositories';
import type { WorkOrderRow } from '../db/schema';
import { list, obj, type DocValue } from './document';
import type { Open311Call, Open311Deps } from './deps';
import { fromIssues, notFound } from './errors';
import { queryRecord } from './form-body';
import { checkJurisdiction } from './key-check';
import { loadRequestContext } from './request-context';
import { requestDocument } from './request-view';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The spec's default and largest page. */
export const MAX_REQUESTS = 1000;
const OPEN_STATUSES: FieldStatus[] = ['new', 'assigned', 'in_progress', 'unable_to_complete', 'reopened'];
const CLOSED_STATUSES: FieldStatus[] = ['closed', 'cancelled'];

async function render(deps: Open311Deps, call: Open311Call, rows: WorkOrderRow[], extensions: boolean) {
	const ctx = await loadRequestContext(deps.repos, rows, {
		extensions,
		timeZone: deps.config.timeZone,
		baseUrl: call.baseUrl
	});
	return list(
		'request',
		rows.map((row) => requestDocument(row, ctx))
	);
}

/** Without dates: the last 90 days. With one date: 90 days from (or up to) it. */
export function requestedWindow(start: Date | undefined, end: Date | undefined, now: Date) {
	const span = MAX_QUERY_SPAN_DAYS * DAY_MS;
	const to = end ?? (start ? new Date(start.getTime() + span) : now);
	const from = start ?? new Date(to.getTime() - span);
	return { from: from.toISOString(), to: to.toISOString() };
}

export async function searchRequests(deps: Open311Deps, call: Open311Call): Promise<DocValue> {
	const parsed = v.validate(open311RequestQuery, queryRecord(call.url, ['start_date', 'end_date']));
	if (!parsed.ok) throw fromIssues(parsed.issues);
	const query = parsed.value;
	checkJurisdiction(deps, query.jurisdiction_id);
	const pageSize = query.page_size ?? MAX_REQUESTS;
	const page = { limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize };
	let filter: WorkOrderFilter;
	if (query.service_request_id) {
		// The spec: a list of ids overrides every other filter.
		filter = { ids: query.service_request_id };
	} else {
		const window = requestedWindow(query.start_date, query.end_date, deps.now());
		filter = { requestedFrom: window.from, requestedTo: window.to };
		if (query.service_code) filter.serviceCodes = query.service_code;
		const statuses = new Set(query.status?.map((status) => status.toLowerCase()));
		if (statuses.size === 1) filter.fieldStatuses = statuses.has('open') ? OPEN_STATUSES : CLOSED_STATUSES;
	}
	const rows = await deps.repos.workOrders.list(filter, page);
	return render(deps, call, rows, query.extensions);
}

function extensionsWanted(call: Open311Call): boolean {
	return call.url.searchParams.get('extensions')?.trim().toLowerCase() === 'true';
}

export async function getRequest(deps: Open311Deps, call: Open311Call, id: string): Promise<DocValue> {
	checkJurisdiction(deps, call.url.searchParams.get('jurisdiction_id') ?? undefined);
	const row = await deps.repos.workOrders.get(id);
	if (!row) throw notFound(`There is no service request ${id}.`);
	return render(deps, call, [row], extensionsWanted(call));
}

export async function getToken(deps: Open311Deps, call: Open311Call, token: string): Promise<DocValue> {
	checkJurisdiction(deps, call.url.searchParams.get('jurisdiction_id') ?? undefined);
	const row = await deps.repos.workOrders.getByToken(token);
	if (!row) throw notFound(`There is no request with token ${token}.`);
	const blackbox = (await deps.repos.services.get(row.service_code))?.type === 'blackbox';
	// A blackbox service never reveals its ids; the token only confirms the request was received.
	return list('request', [obj({ service_request_id: blackbox ? null : row.id, token })]);
}
