import { describe, expect, it } from 'vitest';
import {
	assignOrders,
	open311CreateRequest,
	open311RequestQuery,
	open311UpdatePost,
	open311UpdatesQuery,
	serviceDefinition,
	signIn
} from './schemas';
import * as v from './validate';

function issues(schema: v.Schema<unknown>, input: unknown): string[] {
	const result = v.validate(schema, input);
	return result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`);
}

function value<T>(schema: v.Schema<T>, input: unknown): T {
	const result = v.validate(schema, input);
	if (!result.ok) throw new Error(JSON.stringify(result.issues));
	return result.value;
}

describe('signIn', () => {
	it('trims the username but not the password', () => {
		expect(value(signIn, { username: ' dana ', password: ' pass word ' })).toEqual({
			username: 'dana',
			password: ' pass word '
		});
	});

	it('reports both fields at once', () => {
		expect(issues(signIn, { username: 'x'.repeat(65), password: '' })).toEqual([
			'username:too_long',
			'password:required'
		]);
		expect(issues(signIn, { username: 'a', password: 'p'.repeat(257) })).toEqual(['password:too_long']);
	});
});

describe('open311CreateRequest', () => {
	const base = { service_code: 'POTHOLE', api_key: 'k', 'attribute[SIZE]': 'large' };

	it('accepts a form body with lat/long as strings', () => {
		const parsed = value(open311CreateRequest, {
			...base,
			lat: '41.94',
			long: '-85.63',
			email: '',
			description: 'Deep'
		});
		expect(parsed).toMatchObject({ service_code: 'POTHOLE', lat: 41.94, long: -85.63, description: 'Deep' });
		expect(parsed.email).toBeUndefined();
		expect(parsed).not.toHaveProperty('api_key');
	});

	it.each([{ address_string: '123 Main St' }, { address_id: 'A-17' }])(
		'accepts %j as the location',
		(location) => {
			expect(issues(open311CreateRequest, { ...base, ...location })).toEqual([]);
		}
	);

	it('requires a location, with the agreed message', () => {
		const result = v.validate(open311CreateRequest, base);
		expect(result.ok ? [] : result.issues).toEqual([
			{
				path: 'location',
				code: 'location_required',
				message: 'A location is required: lat and long, address_string or address_id'
			}
		]);
	});

	it('needs lat and long together', () => {
		expect(issues(open311CreateRequest, { ...base, lat: '41.9' })).toEqual(['long:lat_long_pair']);
		expect(issues(open311CreateRequest, { ...base, long: '-85', address_string: 'x' })).toEqual([
			'lat:lat_long_pair'
		]);
	});

	it('collects every problem in one answer', () => {
		expect(
			issues(open311CreateRequest, {
				lat: '91',
				long: '-85',
				email: 'not-an-email',
				media_url: 'ftp://example.org/a.jpg',
				description: 'x'.repeat(4001),
				first_name: 'A\u0000'
			})
		).toEqual([
			'service_code:required',
			'lat:range',
			'email:pattern',
			'first_name:nul',
			'media_url:pattern',
			'description:too_long'
		]);
	});

	it('counts the 4000-character description limit in code points', () => {
		expect(issues(open311CreateRequest, { ...base, address_id: 'a', description: '🕳'.repeat(4000) })).toEqual(
			[]
		);
		expect(issues(open311CreateRequest, { ...base, address_id: 'a', description: '🕳'.repeat(4001) })).toEqual(
			['description:too_long']
		);
	});

	it('checks media_url scheme and length', () => {
		const ok = { ...base, address_id: 'a' };
		expect(issues(open311CreateRequest, { ...ok, media_url: 'HTTPS://city.example/p.jpg?x=1' })).toEqual([]);
		expect(issues(open311CreateRequest, { ...ok, media_url: 'https://' })).toEqual(['media_url:pattern']);
		expect(
			issues(open311CreateRequest, { ...ok, media_url: `https://a.example/${'p'.repeat(2040)}` })
		).toEqual(['media_url:too_long']);
	});
});

describe('open311RequestQuery', () => {
	it('parses lists, dates, paging and extensions', () => {
		expect(
			value(open311RequestQuery, {
				service_request_id: 'CS-000001,CS-000002',
				service_code: 'POTHOLE',
				start_date: '2026-01-01T00:00:00Z',
				end_date: '2026-03-01T00:00:00-05:00',
				status: 'open,CLOSED',
				page: '2',
				page_size: '50',
				extensions: 'TRUE'
			})
		).toEqual({
			service_request_id: ['CS-000001', 'CS-000002'],
			service_code: ['POTHOLE'],
			start_date: new Date('2026-01-01T00:00:00Z'),
			end_date: new Date('2026-03-01T05:00:00Z'),
			status: ['open', 'closed'],
			page: 2,
			page_size: 50,
			extensions: true,
			jurisdiction_id: undefined
		});
	});

	it('accepts an empty query', () => {
		expect(value(open311RequestQuery, {})).toMatchObject({ extensions: false, status: undefined });
	});

	it('allows exactly 90 days and refuses more', () => {
		const start = '2026-01-01T00:00:00Z';
		expect(issues(open311RequestQuery, { start_date: start, end_date: '2026-04-01T00:00:00Z' })).toEqual([]);
		const result = v.validate(open311RequestQuery, { start_date: start, end_date: '2026-04-01T00:00:01Z' });
		expect(result.ok ? [] : result.issues).toEqual([
			{
				path: 'end_date',
				code: 'date_span',
				message: 'start_date and end_date must be at most 90 days apart'
			}
		]);
	});

	it('wants end_date after start_date', () => {
		const same = '2026-01-01T00:00:00Z';
		expect(issues(open311RequestQuery, { start_date: same, end_date: same })).toEqual([
			'end_date:date_order'
		]);
	});

	it('reports bad values together', () => {
		expect(
			issues(open311RequestQuery, {
				start_date: '2026-13-40T00:00:00Z',
				status: 'open,pending',
				page: '0',
				page_size: '1001',
				extensions: 'yes'
			})
		).toEqual([
			'start_date:datetime',
			'status[1]:one_of',
			'page:range',
			'page_size:range',
			'extensions:one_of'
		]);
	});

	it('applies the same window to update queries', () => {
		expect(
			issues(open311UpdatesQuery, { start_date: '2026-01-01T00:00:00Z', end_date: '2025-01-01T00:00:00Z' })
		).toEqual(['end_date:date_order']);
	});
});

describe('open311UpdatePost', () => {
	const update = {
		service_request_id: 'CS-000123',
		update_id: 'fms-991',
		status: 'FIXED',
		updated_datetime: '2026-03-08T09:30:00+00:00',
		description: 'Filled'
	};

	it('accepts an uppercase status and returns it lowercase', () => {
		expect(value(open311UpdatePost, update)).toMatchObject({ status: 'fixed', update_id: 'fms-991' });
		expect(value(open311UpdatePost, { ...update, status: 'not_councils_responsibility' }).status).toBe(
			'not_councils_responsibility'
		);
	});

	it('reports every problem', () => {
		expect(
			issues(open311UpdatePost, {
				service_request_id: '',
				update_id: 'u'.repeat(65),
				status: 'DONE',
				updated_datetime: '2026-03-08 09:30',
				email: 'x@',
				description: 'd'.repeat(4001)
			})
		).toEqual([
			'service_request_id:required',
			'update_id:too_long',
			'status:one_of',
			'updated_datetime:datetime',
			'email:pattern',
			'description:too_long'
		]);
	});
});

describe('assignOrders', () => {
	it('assigns and unassigns', () => {
		expect(
			value(assignOrders, {
				orderIds: ['a', 'b'],
				crewId: 'crew-1',
				priority: 1,
				dueAt: '2026-03-08T17:00:00Z'
			})
		).toEqual({
			orderIds: ['a', 'b'],
			crewId: 'crew-1',
			priority: 1,
			dueAt: new Date('2026-03-08T17:00:00Z')
		});
		expect(value(assignOrders, { orderIds: ['a'], crewId: null })).toMatchObject({ crewId: null });
	});

	it('refuses bad input, all at once', () => {
		expect(issues(assignOrders, { orderIds: [], priority: 5, dueAt: 'soon', crew: 'x' })).toEqual([
			'orderIds:too_few',
			'crewId:required',
			'priority:range',
			'dueAt:datetime',
			'crew:unknown_key'
		]);
		expect(issues(assignOrders, { orderIds: Array(501).fill('a'), crewId: null })).toEqual([
			'orderIds:too_many'
		]);
		expect(issues(assignOrders, { orderIds: ['a', 'b', 'a'], crewId: null })).toEqual(['orderIds:duplicate']);
	});
});

describe('serviceDefinition', () => {
	const pothole = { service_code: 'POTHOLE', service_name: 'Pothole', sla_hours: 72 };

	it('fills defaults', () => {
		expect(value(serviceDefinition, { ...pothole, keywords: 'road, hole' })).toEqual({
			...pothole,
			description: '',
			group: '',
			keywords: ['road', 'hole'],
			type: 'realtime',
			attributes: [],
			close_requirements: { afterPhoto: false, timeOnSite: false, materials: false }
		});
	});

	it('checks the code, the SLA and the close requirements', () => {
		expect(
			issues(serviceDefinition, {
				service_code: 'pot hole!',
				service_name: '',
				sla_hours: 8761,
				close_requirements: { afterPhoto: 'perhaps' }
			})
		).toEqual([
			'service_code:pattern',
			'service_name:required',
			'sla_hours:range',
			'close_requirements.afterPhoto:type'
		]);
		expect(issues(serviceDefinition, { ...pothole, service_code: 'A'.repeat(33) })).toEqual([
			'service_code:pattern'
		]);
		expect(issues(serviceDefinition, { ...pothole, sla_hours: 0 })).toEqual(['sla_hours:range']);
	});

	it('wants unique attribute codes and valid attributes', () => {
		const attribute = { code: 'DEPTH', datatype: 'number', order: 1, description: 'Depth in cm' };
		expect(
			issues(serviceDefinition, { ...pothole, attributes: [attribute, { ...attribute, order: 2 }] })
		).toEqual(['attributes[1].code:duplicate']);
		expect(
			issues(serviceDefinition, { ...pothole, attributes: [{ ...attribute, datatype: 'colour' }] })
		).toEqual(['attributes[0].datatype:one_of']);
	});
});
