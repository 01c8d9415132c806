/**
 * Writes a new Open311 request: the next CS- number, the unassigned queue (or a crew, when an
 * auto-assign rule matches) and the reporter's photo, all in one transaction.
 */
import crypto from 'node:crypto';
import {
	computeDueAt,
	DEFAULT_PRIORITY,
	formatServiceRequestId,
	parseServiceRequestId,
	priorityAdjustedSlaHours,
	type AttributeValues,
	type Open311CreateRequest
} from '$lib/domain';
import type { PhotoRow, ServiceRow, WorkOrderRow } from '../db/schema';
import { newWorkOrderRow, withRepositories, type AuditEntry, type Repositories } from '../repositories';
import { matchAutoAssignRule } from './auto-assign';
import type { Open311Deps } from './deps';
import type { PlacedLocation } from './location';

export interface NewRequestInput {
	fields: Open311CreateRequest;
	service: ServiceRow;
	attributes: AttributeValues;
	location: PlacedLocation;
	photo: PhotoRow | null;
	apiKeyId: string;
}

const MAX_ATTEMPTS = 5;

/** Two processes can pick the same next number; the loser's insert fails and it simply tries again. */
export async function createWorkOrder(deps: Open311Deps, input: NewRequestInput): Promise<WorkOrderRow> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await withRepositories(deps.db, (repos) => insertOrder(repos, input, deps.now()));
		} catch (cause) {
			if (attempt >= MAX_ATTEMPTS || !isUniqueViolation(cause)) throw cause;
		}
	}
}

function isUniqueViolation(cause: unknown): boolean {
	const text = cause instanceof Error ? `${cause.message} ${(cause as { code?: string }).code ?? ''}` : '';
	return /unique|duplicate key|23505|SQLITE_CONSTRAINT|SQLITE_BUSY/i.test(text);
}

function serviceNotice(slaHours: number): string {
	const span =
		slaHours % 24 === 0 ? `${slaHours / 24} day${slaHours === 24 ? '' : 's'}` : `${slaHours} hours`;
	return `We aim to deal with this within ${span}.`;
}

async function nextRequestId(repos: Repositories): Promise<string> {
	const last = await repos.open311Reads.lastRequestId();
	return formatServiceRequestId((last ? (parseServiceRequestId(last) ?? 0) : 0) + 1);
}

async function insertOrder(repos: Repositories, input: NewRequestInput, now: Date): Promise<WorkOrderRow> {
	const { fields, service, location } = input;
	const at = now.toISOString();
	const audit = (action: string, detail: Record<string, unknown> = {}): AuditEntry => ({
		at,
		actorUserId: null,
		actorKind: 'resident',
		action,
		detail: { via: 'open311', apiKeyId: input.apiKeyId, ...detail }
	});
	const dueAt = computeDueAt(now, priorityAdjustedSlaHours(service.sla_hours, DEFAULT_PRIORITY));
	// batch and blackbox services answer with a token (GeoReport v2); realtime ones with the id.
	const token = service.type === 'realtime' ? null : crypto.randomUUID();
	let order = await repos.workOrders.insert(
		newWorkOrderRow(
			{
				id: await nextRequestId(repos),
				service_code: service.service_code,
				description: fields.description ?? '',
				lat: location.lat,
				long: location.long,
				requested_at: at,
				updated_at: at,
				source: 'open311',
				priority: DEFAULT_PRIORITY
			},
			{
				token,
				address: location.address,
				address_id: fields.address_id ?? null,
				zipcode: location.zipcode,
				media_url: fields.media_url ?? null,
				agency_responsible: service.department || null,
				service_notice: serviceNotice(service.sla_hours),
				jurisdiction_id: fields.jurisdiction_id ?? null,
				email: fields.email ?? null,
				first_name: fields.first_name ?? null,
				last_name: fields.last_name ?? null,
				phone: fields.phone ?? null,
				reporter_device_id: fields.device_id ?? null,
				account_id: fields.account_id ?? null,
				attributes: JSON.stringify(input.attributes),
				due_at: dueAt.toISOString()
			}
		),
		audit('created')
	);
	if (input.photo) {
		await repos.photos.attach(
			{
				id: crypto.randomUUID(),
				work_order_id: order.id,
				sha256: input.photo.sha256,
				kind: 'reporter',
				author_user_id: null,
				late_report: 0,
				captured_at: at,
				received_at: at
			},
			audit('photographed', { sha256: input.photo.sha256 })
		);
	}
	const rule = await matchAutoAssignRule(repos, service.service_code, location.lat, location.long);
	if (rule) {
		const assigned = await repos.workOrders.update(
			order.id,
			{ crew_id: rule.crew_id, field_status: 'assigned', assigned_at: at },
			{
				at,
				actorUserId: null,
				actorKind: 'system',
				action: 'assigned',
				detail: { autoAssignRuleId: rule.id }
			}
		);
		if (assigned) order = assigned;
	}
	return (await repos.workOrders.get(order.id)) ?? order;
}
