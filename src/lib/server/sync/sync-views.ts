/** Database rows as the sync protocol carries them. */
import {
	isFieldStatus,
	type CloseRequirements,
	type Material,
	type SyncNote,
	type SyncOrder,
	type SyncPhotoLink
} from '$lib/domain';
import type { NoteRow, WorkOrderPhotoRow } from '$lib/server/db/schema';
import type { OrderWithService } from '$lib/server/repositories/sync-pull';

const NO_REQUIREMENTS: CloseRequirements = { afterPhoto: false, timeOnSite: false, materials: false };

export function parseCloseRequirements(json: string | null): CloseRequirements {
	const value = parseJson(json);
	if (typeof value !== 'object' || value === null) return NO_REQUIREMENTS;
	const record = value as Record<string, unknown>;
	return {
		afterPhoto: record.afterPhoto === true,
		timeOnSite: record.timeOnSite === true,
		materials: record.materials === true
	};
}

export function toSyncOrder(row: OrderWithService): SyncOrder {
	return {
		id: row.id,
		clientId: row.source === 'field' ? row.token : null,
		serviceCode: row.service_code,
		serviceName: row.service_name ?? row.service_code,
		description: row.description,
		lat: row.lat,
		long: row.long,
		address: row.address,
		// The column only ever holds lifecycle statuses; 'assigned' is a safe reading of anything else.
		status: isFieldStatus(row.field_status) ? row.field_status : 'assigned',
		priority: row.priority,
		dueAt: row.due_at,
		requestedAt: row.requested_at,
		updatedAt: row.updated_at,
		routeOrder: row.route_order,
		resolutionCode: row.resolution_code,
		unableReason: row.unable_reason,
		timeOnSiteMinutes: row.time_on_site_minutes,
		materials: parseArray(row.materials) as Material[],
		attributes: parseRecord(row.attributes) as Record<string, string | string[]>,
		closeRequirements: parseCloseRequirements(row.close_requirements),
		statusNotes: row.status_notes,
		startedAt: row.started_at,
		closedAt: row.closed_at,
		changeSeq: Number(row.change_seq)
	};
}

export function toSyncNote(row: NoteRow & { author_name: string | null }): SyncNote {
	return {
		id: row.id,
		orderId: row.work_order_id,
		body: row.body,
		authorKind: row.author_kind,
		authorName: row.author_name,
		visibility: row.visibility,
		lateReport: row.late_report === 1,
		capturedAt: row.captured_at,
		receivedAt: row.received_at
	};
}

export function toSyncPhotoLink(row: WorkOrderPhotoRow): SyncPhotoLink {
	return {
		id: row.id,
		orderId: row.work_order_id,
		sha256: row.sha256,
		kind: row.kind,
		lateReport: row.late_report === 1,
		capturedAt: row.captured_at,
		receivedAt: row.received_at
	};
}

function parseJson(json: string | null): unknown {
	if (json === null) return null;
	try {
		return JSON.parse(json) as unknown;
	} catch {
		return null;
	}
}

function parseArray(json: string): unknown[] {
	const value = parseJson(json);
	return Array.isArray(value) ? value : [];
}

function parseRecord(json: string): Record<string, unknown> {
	const value = parseJson(json);
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}
