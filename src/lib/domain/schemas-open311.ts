/** Schemas for what Open311 GeoReport v2 clients send (form bodies and query strings). */
import { EXTENDED_STATUSES } from './open311-status';
import * as v from './validate';

export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_QUERY_SPAN_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

// A deliberately loose check: the only goal is to catch typos, not to judge RFC 5322.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// http(s), a host, then anything without white space.
const WEB_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

const id = (max = 64) => v.string({ trim: true, min: 1, max });
const optionalText = (max: number) => v.optional(v.string({ trim: true, max }));

export const emailAddress = v.string({
	trim: true,
	max: 254,
	pattern: EMAIL,
	patternMessage: 'must be an email address such as name@example.org'
});

export const mediaUrl = v.string({
	trim: true,
	max: 2048,
	pattern: WEB_URL,
	patternMessage: 'must be a web address starting with http:// or https://'
});

/** Who filed or updated a request: the optional contact fields Open311 shares between endpoints. */
const reporterFields = {
	email: v.optional(emailAddress),
	account_id: v.optional(id(128)),
	first_name: optionalText(100),
	last_name: optionalText(100),
	media_url: v.optional(mediaUrl),
	description: optionalText(MAX_DESCRIPTION_LENGTH),
	jurisdiction_id: v.optional(id())
};

/** POST requests.{fmt}. attribute[CODE] fields are ignored here: see validateAttributes. */
export const open311CreateRequest = v.object(
	{
		service_code: id(),
		lat: v.optional(v.number({ min: -90, max: 90 })),
		long: v.optional(v.number({ min: -180, max: 180 })),
		address_string: optionalText(500),
		address_id: v.optional(id(128)),
		device_id: v.optional(id(128)),
		phone: optionalText(40),
		...reporterFields
	},
	{
		rules: [
			(fields, failed) => {
				// A coordinate that failed its own check has been reported already.
				if (failed.has('lat') || failed.has('long')) return [];
				const hasLat = fields.lat !== undefined;
				const hasLong = fields.long !== undefined;
				if (hasLat !== hasLong) {
					return [v.issue(hasLat ? 'long' : 'lat', 'lat_long_pair', 'lat and long must be sent together')];
				}
				if (hasLat || fields.address_string !== undefined || fields.address_id !== undefined) return [];
				if (failed.has('address_string') || failed.has('address_id')) return [];
				return [
					v.issue(
						'location',
						'location_required',
						'A location is required: lat and long, address_string or address_id'
					)
				];
			}
		]
	}
);
export type Open311CreateRequest = v.Infer<typeof open311CreateRequest>;

/** end_date after start_date, and at most 90 days between them (GeoReport v2). */
function dateWindowRule(fields: { start_date?: Date; end_date?: Date }): v.Issue[] {
	const { start_date: start, end_date: end } = fields;
	if (!start || !end) return [];
	if (end.getTime() <= start.getTime()) {
		return [v.issue('end_date', 'date_order', 'end_date must be after start_date')];
	}
	if (end.getTime() - start.getTime() > MAX_QUERY_SPAN_DAYS * DAY_MS) {
		const message = `start_date and end_date must be at most ${MAX_QUERY_SPAN_DAYS} days apart`;
		return [v.issue('end_date', 'date_span', message)];
	}
	return [];
}

/** GET requests.{fmt}. When service_request_id is given it overrides the other filters (spec). */
export const open311RequestQuery = v.object(
	{
		service_request_id: v.optional(v.commaList(id(), { max: 1000 })),
		service_code: v.optional(v.commaList(id(), { max: 100 })),
		start_date: v.optional(v.isoDateTime()),
		end_date: v.optional(v.isoDateTime()),
		status: v.optional(v.commaList(v.oneOf(['open', 'closed'], { caseInsensitive: true }), { max: 2 })),
		page: v.optional(v.number({ integer: true, min: 1 })),
		page_size: v.optional(v.number({ integer: true, min: 1, max: 1000 })),
		extensions: v.withDefault(
			v.map(v.oneOf(['true', 'false'], { caseInsensitive: true }), (word) => word === 'true'),
			false
		),
		jurisdiction_id: v.optional(id())
	},
	{ rules: [dateWindowRule] }
);
export type Open311RequestQuery = v.Infer<typeof open311RequestQuery>;

/** POST servicerequestupdates.{fmt} (FixMyStreet). Statuses arrive uppercase; we store lowercase. */
export const open311UpdatePost = v.object({
	service_request_id: id(),
	update_id: id(),
	status: v.oneOf(EXTENDED_STATUSES, { caseInsensitive: true }),
	updated_datetime: v.isoDateTime(),
	...reporterFields
});
export type Open311UpdatePost = v.Infer<typeof open311UpdatePost>;

/** GET servicerequestupdates.{fmt}: a date window like GET requests. */
export const open311UpdatesQuery = v.object(
	{
		start_date: v.optional(v.isoDateTime()),
		end_date: v.optional(v.isoDateTime()),
		jurisdiction_id: v.optional(id())
	},
	{ rules: [dateWindowRule] }
);
export type Open311UpdatesQuery = v.Infer<typeof open311UpdatesQuery>;
