/**
 * A work order as Open311 clients see it: the standard's fields in the standard's order, and with
 * extensions=true the attributes, extended attributes and public history. Reporter contact
 * details and internal notes never appear.
 */
import {
	extendedStatus,
	isFieldStatus,
	isResolutionCode,
	open311Status,
	priorityName,
	isPriority,
	type FieldStatus,
	type ServiceAttribute
} from '$lib/domain';
import type { WorkOrderRow } from '../db/schema';
import { formatDateTime, formatDateTimeOrNull } from './dates';
import { list, obj, type DocObject } from './document';
import { mediaUrl } from './media';
import { notesHistory } from './notes-history';
import type { RequestContext } from './request-context';

export function fieldStatusOf(order: WorkOrderRow): FieldStatus {
	// Unknown values can only come from a bad import; treating them as new keeps the request visible.
	return isFieldStatus(order.field_status) ? order.field_status : 'new';
}

export function extendedStatusOf(order: WorkOrderRow) {
	const resolution = isResolutionCode(order.resolution_code) ? order.resolution_code : null;
	return extendedStatus(fieldStatusOf(order), resolution);
}

/** All public photo URLs, oldest first. */
function photoUrls(order: WorkOrderRow, ctx: RequestContext): { reporter: string[]; after: string[] } {
	const links = ctx.photos.get(order.id) ?? [];
	const url = (kind: string) =>
		links
			.filter((link) => link.kind === kind)
			.map((link) => mediaUrl(ctx.baseUrl, link.sha256, link.content_type));
	return { reporter: url('reporter'), after: url('after') };
}

/** A closed order shows the crew's last closure photo; otherwise the reporter's photo or link. */
export function mediaUrlOf(order: WorkOrderRow, ctx: RequestContext): string | null {
	const urls = photoUrls(order, ctx);
	if (order.field_status === 'closed' && urls.after.length > 0) return urls.after.at(-1) ?? null;
	return urls.reporter[0] ?? (order.media_url || null);
}

/** The order's own public word, else the newest public note. */
export function statusNotesOf(order: WorkOrderRow, ctx: RequestContext): string | null {
	if (order.status_notes) return order.status_notes;
	return ctx.publicNotes.get(order.id)?.at(-1)?.body ?? null;
}

export function requestDocument(order: WorkOrderRow, ctx: RequestContext): DocObject {
	const service = ctx.services.get(order.service_code);
	const status = fieldStatusOf(order);
	const standard = {
		service_request_id: order.id,
		status: open311Status(status),
		status_notes: statusNotesOf(order, ctx),
		service_name: service?.service_name ?? order.service_code,
		service_code: order.service_code,
		description: order.description || null,
		agency_responsible: order.agency_responsible ?? service?.department ?? null,
		service_notice: order.service_notice,
		requested_datetime: formatDateTime(order.requested_at, ctx.timeZone),
		updated_datetime: formatDateTime(order.updated_at, ctx.timeZone),
		// An open order is expected by its due time; a finished one has no expectation left.
		expected_datetime: formatDateTimeOrNull(
			order.expected_at ?? (open311Status(status) === 'open' ? order.due_at : null),
			ctx.timeZone
		),
		address: order.address,
		address_id: order.address_id,
		zipcode: order.zipcode,
		lat: order.lat,
		long: order.long,
		media_url: mediaUrlOf(order, ctx)
	};
	if (!ctx.history) return obj(standard);
	return obj({
		...standard,
		attributes: attributesDocument(order, service ? parseDefinitions(service.attributes) : []),
		extended_attributes: extendedAttributes(order, ctx),
		notes: notesHistory(order, ctx.history.get(order.id) ?? [], ctx.publicNotes.get(order.id) ?? [], ctx)
	});
}

function extendedAttributes(order: WorkOrderRow, ctx: RequestContext): DocObject {
	const urls = photoUrls(order, ctx);
	const external = order.media_url ? [order.media_url] : [];
	return obj({
		extended_status: extendedStatusOf(order),
		priority: isPriority(order.priority) ? priorityName(order.priority) : 'normal',
		resolution: order.resolution_code,
		due_datetime: formatDateTimeOrNull(order.due_at, ctx.timeZone),
		closed_datetime: formatDateTimeOrNull(order.closed_at, ctx.timeZone),
		duplicate_of: order.duplicate_of,
		media_urls: list('media_url', [...urls.reporter, ...external, ...urls.after])
	});
}

export function parseDefinitions(json: string): ServiceAttribute[] {
	try {
		const parsed: unknown = JSON.parse(json);
		return Array.isArray(parsed) ? (parsed as ServiceAttribute[]) : [];
	} catch {
		return [];
	}
}

function parseAnswers(json: string): Record<string, string | string[]> {
	try {
		const parsed: unknown = JSON.parse(json);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, string | string[]>)
			: {};
	} catch {
		return {};
	}
}

/** Each answered attribute with its question; values is always a list, even for one answer. */
function attributesDocument(order: WorkOrderRow, definitions: ServiceAttribute[]) {
	const answers = parseAnswers(order.attributes);
	const items = Object.entries(answers).map(([code, answer]) => {
		const definition = definitions.find((candidate) => candidate.code === code);
		const values = (Array.isArray(answer) ? answer : [answer]).map(String);
		return obj({
			code,
			datatype: definition?.datatype ?? 'string',
			description: definition?.description ?? code,
			values: list('value', values)
		});
	});
	return list('attribute', items);
}
