/**
 * The GeoReport v2 response documents as the standard defines them: every field, its type, and
 * which elements are lists. Conformance tests check each response (JSON, and XML read through
 * the same description) field by field against these.
 */
import { EXTENDED_STATUSES } from '../../src/lib/domain';

export type Spec =
	| {
			kind: 'scalar';
			type: 'string' | 'number' | 'boolean' | 'datetime' | 'url';
			nullable?: boolean;
			oneOf?: readonly string[];
	  }
	| { kind: 'list'; item: string; of: Spec }
	| { kind: 'object'; fields: Record<string, Spec>; optional?: readonly string[] };

const s = (type: 'string' | 'number' | 'boolean' | 'datetime' | 'url', nullable = false): Spec => ({
	kind: 'scalar',
	type,
	nullable
});
const oneOf = (values: readonly string[]): Spec => ({ kind: 'scalar', type: 'string', oneOf: values });
const listOf = (item: string, of: Spec): Spec => ({ kind: 'list', item, of });
const object = (fields: Record<string, Spec>, optional: readonly string[] = []): Spec => ({
	kind: 'object',
	fields,
	optional
});

const service = object({
	service_code: s('string'),
	service_name: s('string'),
	description: s('string'),
	metadata: s('boolean'),
	type: oneOf(['realtime', 'batch', 'blackbox']),
	keywords: s('string'),
	group: s('string')
});

const attribute = object({
	variable: s('boolean'),
	code: s('string'),
	datatype: oneOf(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
	required: s('boolean'),
	datatype_description: s('string', true),
	order: s('number'),
	description: s('string'),
	values: listOf('value', object({ key: s('string'), name: s('string') }))
});

export const request = object(
	{
		service_request_id: s('string'),
		status: oneOf(['open', 'closed']),
		status_notes: s('string', true),
		service_name: s('string', true),
		service_code: s('string'),
		description: s('string', true),
		agency_responsible: s('string', true),
		service_notice: s('string', true),
		requested_datetime: s('datetime'),
		updated_datetime: s('datetime', true),
		expected_datetime: s('datetime', true),
		address: s('string', true),
		address_id: s('string', true),
		zipcode: s('string', true),
		lat: s('number'),
		long: s('number'),
		media_url: s('url', true),
		// extensions=true
		attributes: listOf(
			'attribute',
			object({
				code: s('string'),
				datatype: s('string'),
				description: s('string'),
				values: listOf('value', s('string'))
			})
		),
		extended_attributes: object({
			extended_status: oneOf(EXTENDED_STATUSES),
			priority: oneOf(['urgent', 'high', 'normal', 'low']),
			resolution: s('string', true),
			due_datetime: s('datetime', true),
			closed_datetime: s('datetime', true),
			duplicate_of: s('string', true),
			media_urls: listOf('media_url', s('url'))
		}),
		notes: listOf('note', object({ datetime: s('datetime'), description: s('string'), type: s('string') }))
	},
	['attributes', 'extended_attributes', 'notes']
);

/** Root element and body of each document kind. */
export const DOCUMENTS: Record<string, { root: string; spec: Spec }> = {
	discovery: {
		root: 'discovery',
		spec: object({
			changeset: s('datetime'),
			contact: s('string'),
			key_service: s('string'),
			endpoints: listOf(
				'endpoint',
				object({
					specification: s('url'),
					url: s('url'),
					changeset: s('datetime'),
					type: oneOf(['production', 'test']),
					formats: listOf('format', oneOf(['text/xml', 'application/json']))
				})
			)
		})
	},
	services: { root: 'services', spec: listOf('service', service) },
	service_definition: {
		root: 'service_definition',
		spec: object({ service_code: s('string'), attributes: listOf('attribute', attribute) })
	},
	requests: { root: 'service_requests', spec: listOf('request', request) },
	request_created: {
		root: 'service_requests',
		spec: listOf(
			'request',
			object(
				{
					service_request_id: s('string'),
					token: s('string'),
					service_notice: s('string', true),
					account_id: s('string', true)
				},
				['service_request_id', 'token']
			)
		)
	},
	token: {
		root: 'service_requests',
		spec: listOf('request', object({ service_request_id: s('string', true), token: s('string') }))
	},
	updates: {
		root: 'service_request_updates',
		spec: listOf(
			'request_update',
			object({
				update_id: s('string'),
				service_request_id: s('string'),
				status: oneOf(EXTENDED_STATUSES),
				updated_datetime: s('datetime'),
				description: s('string'),
				media_url: s('url', true)
			})
		)
	},
	update_created: {
		root: 'service_request_updates',
		spec: listOf('request_update', object({ update_id: s('string') }))
	},
	errors: { root: 'errors', spec: listOf('error', object({ code: s('number'), description: s('string') })) }
};
