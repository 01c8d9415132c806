/**
 * The bad-input corpus (issue 8): requests no honest client sends. Every case must get a clear 4xx
 * in the endpoint's own error format and change nothing. One row per case; families are built
 * from small lists so a new nasty value is one line.
 */
import crypto from 'node:crypto';
import { MAX_MUTATIONS_PER_PUSH } from '../../../src/lib/domain/sync/protocol';
import { TINY_JPEG, TINY_PNG, pngBomb } from '../../fixtures/images';

export type ErrorFormat = 'json' | 'open311-json' | 'open311-xml';

export interface BadCase {
	name: string;
	/** Which signed-in caller sends it (`crew` also owns the device ids below). */
	as: 'anonymous' | 'crew' | 'apiKey';
	method: 'GET' | 'POST' | 'PUT' | 'HEAD';
	path: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	format: ErrorFormat;
	/** The exact status, when it matters; otherwise any 4xx. */
	status?: number;
}

/** A device id the crew caller uses: never used for a valid push, so nothing is claimed twice. */
export const CORPUS_DEVICE = '9b0c6a52-3f6e-4d8c-9a7b-5d1e2f3a4b5c';
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };

/** Strings that have broken servers before: each is tried in several fields. */
export const NASTY_STRINGS: Record<string, string> = {
	'SQL quote': "' OR '1'='1' --",
	'SQL drop': "x'); DROP TABLE work_orders; --",
	'SQL union': '1 UNION SELECT password_hash FROM users',
	'HTML script': '<script>alert(1)</script>',
	'HTML attribute': '"><img src=x onerror=alert(1)>',
	NUL: 'a\u0000b',
	'lone high surrogate': 'a\ud800b',
	'lone low surrogate': '\udc00',
	'RTL override': '\u202egnp.exe',
	'zero-width joiner': 'po\u200dthole',
	BOM: '\ufeffPOTHOLE',
	emoji: '🕳️🚧',
	'huge 100k': 'x'.repeat(100_000),
	'format string': '%s%s%s%n',
	'path traversal': '../../../etc/passwd',
	'CRLF header': 'a\r\nSet-Cookie: x=1',
	'XML entity': '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
	'only spaces': '   '
};

const BAD_NUMBERS = ['1e309', 'NaN', 'Infinity', '-Infinity', '99999999999999999999', '0x10', '1,5', ''];

function open311Post(
	name: string,
	form: string,
	format: 'json' | 'xml' = 'json',
	extra?: Partial<BadCase>
): BadCase {
	return {
		name: `open311 POST ${name}`,
		as: 'apiKey',
		method: 'POST',
		path: `/open311/v2/requests.${format}`,
		headers: FORM_TYPE,
		body: form,
		format: format === 'json' ? 'open311-json' : 'open311-xml',
		...extra
	};
}

function open311Get(name: string, path: string, status?: number): BadCase {
	return {
		name: `open311 GET ${name}`,
		as: 'anonymous',
		method: 'GET',
		path,
		format: path.includes('.xml') ? 'open311-xml' : 'open311-json',
		status
	};
}

function push(
	name: string,
	body: string | Buffer,
	headers: Record<string, string> = JSON_TYPE,
	status?: number
): BadCase {
	return {
		name: `sync push ${name}`,
		as: 'crew',
		method: 'POST',
		path: '/api/sync/push',
		headers,
		body,
		format: 'json',
		status
	};
}

function pull(name: string, query: string, status = 400): BadCase {
	return {
		name: `sync pull ${name}`,
		as: 'crew',
		method: 'GET',
		path: `/api/sync/pull?${query}`,
		format: 'json',
		status
	};
}

function photoPut(
	name: string,
	sha: string,
	body: Buffer,
	headers: Record<string, string>,
	status?: number
): BadCase {
	return {
		name: `photo PUT ${name}`,
		as: 'crew',
		method: 'PUT',
		path: `/api/photos/${sha}`,
		headers,
		body,
		format: 'json',
		status
	};
}

function signIn(
	name: string,
	body: string | Buffer,
	headers: Record<string, string> = JSON_TYPE,
	status?: number
): BadCase {
	return {
		name: `sign-in ${name}`,
		as: 'anonymous',
		method: 'POST',
		path: '/api/auth/signin',
		headers,
		body,
		format: 'json',
		status
	};
}

const enc = encodeURIComponent;
/** A complete, otherwise valid Open311 form with one field replaced (every such form still lacks something valid). */
const validForm = (overrides: Record<string, string>) =>
	new URLSearchParams({
		service_code: 'POTHOLE',
		'attribute[SIZE]': 'small',
		lat: '41.9436',
		long: '-85.6325',
		...overrides
	}).toString();
const sha = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const octet = (offset: string, length?: string): Record<string, string> => ({
	'content-type': 'application/octet-stream',
	'Upload-Offset': offset,
	...(length === undefined ? {} : { 'Upload-Length': length })
});

function open311Cases(): BadCase[] {
	const cases: BadCase[] = [];
	// Required things missing or wrong.
	cases.push(open311Post('no service_code', 'lat=41.9&long=-85.6'));
	cases.push(open311Post('no location', 'service_code=POTHOLE'));
	cases.push(open311Post('empty body', ''));
	cases.push(open311Post('empty body as XML', '', 'xml'));
	cases.push(open311Post('unknown service', validForm({ service_code: 'NOPE' })));
	cases.push(open311Post('unknown service as XML', validForm({ service_code: 'NOPE' }), 'xml'));
	cases.push(open311Post('required attribute missing', 'service_code=POTHOLE&lat=41.9436&long=-85.6325'));
	cases.push(open311Post('attribute value not in the list', validForm({ 'attribute[SIZE]': 'gigantic' })));
	cases.push(open311Post('bad email', validForm({ email: 'not-an-email' })));
	cases.push(open311Post('media_url not http', validForm({ media_url: 'javascript:alert(1)' })));
	cases.push(open311Post('lat out of range', validForm({ lat: '91' })));
	cases.push(open311Post('long out of range', validForm({ long: '-181' })));
	for (const value of BAD_NUMBERS) {
		cases.push(open311Post(`lat ${JSON.stringify(value)}`, validForm({ lat: value })));
		cases.push(open311Post(`long ${JSON.stringify(value)}`, validForm({ long: value }), 'xml'));
	}
	for (const [name, value] of Object.entries(NASTY_STRINGS)) {
		// A byte-order mark is whitespace to String.prototype.trim: the code is then just POTHOLE.
		if (name !== 'BOM') cases.push(open311Post(`service_code ${name}`, validForm({ service_code: value })));
		cases.push(open311Post(`api_key ${name}`, validForm({ api_key: value }), 'json', { as: 'anonymous' }));
	}
	cases.push(open311Post('description over the limit', validForm({ description: 'd'.repeat(200_000) })));
	cases.push(open311Post('duplicate service_code', `${validForm({})}&service_code=NOPE`));
	cases.push(open311Post('not UTF-8', 'service_code=%FF%FE&lat=41.9&long=-85.6'));
	cases.push(open311Post('broken percent-encoding', 'service_code=%E0%A4%A&lat=%'));
	cases.push(
		open311Post('JSON body', JSON.stringify({ service_code: 'POTHOLE' }), 'json', { headers: JSON_TYPE })
	);
	cases.push(
		open311Post(
			'XML body',
			'<service_request><service_code>POTHOLE</service_code></service_request>',
			'xml',
			{ headers: { 'content-type': 'text/xml' } }
		)
	);
	// Open311 takes forms only; XML bodies (broken, or an entity bomb) are refused unread.
	const xmlBodies: Record<string, string> = {
		'truncated XML': '<service_request><service_code>POTHOLE</service_co',
		'unclosed XML tags': '<service_request><service_code>POTHOLE</service_request>',
		'XML entity expansion': `<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "${'a'.repeat(64)}"><!ENTITY b "${'&a;'.repeat(64)}">]><service_request><description>&b;&b;&b;</description></service_request>`,
		'XML external entity':
			'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
	};
	for (const [name, body] of Object.entries(xmlBodies)) {
		cases.push(open311Post(name, body, 'xml', { headers: { 'content-type': 'application/xml' } }));
		cases.push(
			open311Post(`${name} as text/xml to JSON`, body, 'json', { headers: { 'content-type': 'text/xml' } })
		);
	}
	cases.push(open311Post('no content type', validForm({ service_code: 'NOPE' }), 'json', { headers: {} }));
	cases.push(
		open311Post(
			'truncated multipart',
			'--b\r\nContent-Disposition: form-data; name="service_code"\r\n\r\nPOT',
			'json',
			{ headers: { 'content-type': 'multipart/form-data; boundary=b' } }
		)
	);
	cases.push(
		open311Post('multipart without boundary', 'x', 'json', {
			headers: { 'content-type': 'multipart/form-data' }
		})
	);
	cases.push(open311Post('10,000 fields', Array.from({ length: 10_000 }, (_, i) => `f${i}=1`).join('&')));
	cases.push(open311Post('no api_key', validForm({}), 'json', { as: 'anonymous', status: 403 }));
	cases.push(open311Post('no api_key as XML', validForm({}), 'xml', { as: 'anonymous', status: 403 }));
	cases.push(
		open311Post('made-up api_key', validForm({ api_key: 'cs311_madeup' }), 'json', {
			as: 'anonymous',
			status: 403
		})
	);
	// Updates (FixMyStreet extension).
	cases.push({ ...open311Post('update without fields', ''), path: '/open311/v2/servicerequestupdates.json' });
	cases.push({
		...open311Post(
			'update for unknown request',
			'service_request_id=CS-999999&update_id=u1&status=CLOSED&updated_datetime=2026-11-02T10:00:00Z&description=x'
		),
		path: '/open311/v2/servicerequestupdates.json'
	});
	cases.push({
		...open311Post(
			'update with a bad status',
			'service_request_id=CS-000001&update_id=u2&status=<b>&updated_datetime=2026-11-02T10:00:00Z&description=x',
			'xml'
		),
		path: '/open311/v2/servicerequestupdates.xml'
	});
	cases.push({
		...open311Post(
			'update with a bad date',
			'service_request_id=CS-000001&update_id=u3&status=CLOSED&updated_datetime=yesterday&description=x'
		),
		path: '/open311/v2/servicerequestupdates.json'
	});

	// Reads.
	const queries: [string, string][] = [
		['start_date garbage', 'start_date=yesterday'],
		['end_date before start', 'start_date=2026-11-02T00:00:00Z&end_date=2020-01-01T00:00:00Z'],
		['status nonsense', 'status=open,<script>'],
		['page_size negative', 'page_size=-1'],
		['page_size huge', 'page_size=1000000000'],
		['page_size text', 'page_size=abc'],
		['page negative', 'page=-5'],
		['service_code NUL', 'service_code=%00'],
		['updated_after garbage', 'updated_after=%ED%A0%80']
	];
	for (const [name, query] of queries) {
		cases.push(open311Get(name, `/open311/v2/requests.json?${query}`));
		cases.push(open311Get(`${name} as XML`, `/open311/v2/requests.xml?${query}`));
	}
	const paths: [string, string, number][] = [
		['unknown request', '/open311/v2/requests/CS-999999.json', 404],
		['request id SQL', `/open311/v2/requests/${enc("1' OR '1'='1")}.json`, 404],
		['request id NUL', '/open311/v2/requests/%00.xml', 404],
		['request id lone surrogate', '/open311/v2/requests/%ED%A0%80.json', 400],
		['request id huge', `/open311/v2/requests/${'9'.repeat(5000)}.json`, 404],
		['unknown service definition', '/open311/v2/services/NOPE.xml', 404],
		['service code traversal', '/open311/v2/services/..%2F..%2Fetc%2Fpasswd.json', 404],
		['unknown endpoint', '/open311/v2/everything.json', 404]
	];
	for (const [name, path, status] of paths) cases.push(open311Get(name, path, status));
	// Without a known format the answer is in Open311's default, XML.
	cases.push({ ...open311Get('unknown format', '/open311/v2/services.html', 404), format: 'open311-xml' });
	cases.push({ ...open311Get('wrong version', '/open311/v9/services.json', 404), format: 'open311-xml' });
	return cases;
}

function syncCases(): BadCase[] {
	const cases: BadCase[] = [];
	const ok = (mutations: unknown, ...id: unknown[]) =>
		JSON.stringify({ deviceId: id.length ? id[0] : CORPUS_DEVICE, mutations });
	// Same-origin, so the origin check lets them through to the content-type check.
	cases.push(push('text/plain', ok([]), { 'content-type': 'text/plain', origin: 'same' }, 415));
	cases.push(push('form-encoded', 'deviceId=x', { ...FORM_TYPE, origin: 'same' }, 415));
	cases.push(push('text/plain cross-site', ok([]), { 'content-type': 'text/plain' }, 403));
	cases.push(push('no content type', ok([]), {}, 415));
	cases.push(push('XML', '<push/>', { 'content-type': 'application/xml' }, 415));
	for (const [name, body] of Object.entries({
		empty: '',
		'truncated JSON': '{"deviceId":"9b0c6a52',
		'trailing comma': '{"deviceId":"x",}',
		'single quotes': "{'deviceId':'x'}",
		'JSON null': 'null',
		'JSON array': '[]',
		'JSON string': '"push"',
		'JSON number': '42',
		'deep nesting': '['.repeat(100_000) + ']'.repeat(100_000),
		'not UTF-8': Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
		'BOM then JSON': '\ufeff' + ok([])
	}))
		cases.push(push(name, body, JSON_TYPE));
	const deviceIds: Record<string, unknown> = {
		missing: undefined,
		number: 42,
		array: [CORPUS_DEVICE],
		object: { id: CORPUS_DEVICE },
		'not a UUID': 'tablet-1',
		'UUID with NUL': `${CORPUS_DEVICE}\u0000`,
		...Object.fromEntries(Object.entries(NASTY_STRINGS).map(([name, value]) => [`deviceId ${name}`, value]))
	};
	for (const [name, id] of Object.entries(deviceIds))
		cases.push(push(`deviceId ${name}`, ok([], id), JSON_TYPE, 400));
	const mutationLists: Record<string, unknown> = {
		'mutations missing': undefined,
		'mutations a string': 'x',
		'mutations an object': { 0: {} },
		'mutation null': [null],
		'mutation id 0': [{ id: 0, name: 'startWork', args: {} }],
		'mutation id negative': [{ id: -1, name: 'startWork', args: {} }],
		'mutation id fractional': [{ id: 1.5, name: 'startWork', args: {} }],
		'mutation id huge': [{ id: 1e308, name: 'startWork', args: {} }],
		'mutation id beyond safe integers': [{ id: 2 ** 60, name: 'startWork', args: {} }],
		'ids decreasing': [
			{ id: 2, name: 'startWork', args: {} },
			{ id: 1, name: 'startWork', args: {} }
		],
		'ids repeated': [
			{ id: 1, name: 'startWork', args: {} },
			{ id: 1, name: 'startWork', args: {} }
		],
		'name too long': [{ id: 1, name: 'x'.repeat(100), args: {} }],
		'too many mutations': Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, (_, i) => ({
			id: i + 1,
			name: 'startWork',
			args: {}
		}))
	};
	for (const [name, list] of Object.entries(mutationLists)) cases.push(push(name, ok(list), JSON_TYPE, 400));
	cases.push(
		push(
			'duplicate keys, last one bad',
			`{"deviceId":"${CORPUS_DEVICE}","mutations":[],"mutations":"x"}`,
			JSON_TYPE,
			400
		)
	);
	cases.push(
		push(
			'duplicate deviceId, last one bad',
			`{"deviceId":"${CORPUS_DEVICE}","deviceId":"x","mutations":[]}`,
			JSON_TYPE,
			400
		)
	);
	cases.push(
		push('over 4 MB', ok([{ id: 1, name: 'addNote', args: { body: 'x'.repeat(4_100_000) } }]), JSON_TYPE, 413)
	);

	const pulls: [string, string][] = [
		['no deviceId', 'limit=10'],
		['deviceId not a UUID', 'deviceId=tablet'],
		['deviceId SQL', `deviceId=${enc("' OR 1=1 --")}`],
		['deviceId NUL', `deviceId=${CORPUS_DEVICE}%00`],
		['deviceId lone surrogate', 'deviceId=%ED%A0%80'],
		['deviceId RTL', 'deviceId=%E2%80%AE1234'],
		['deviceId huge', `deviceId=${'a'.repeat(5_000)}`],
		['cursor garbage', `deviceId=${CORPUS_DEVICE}&cursor=abc`],
		['cursor negative', `deviceId=${CORPUS_DEVICE}&cursor=v1.-1`],
		['cursor huge', `deviceId=${CORPUS_DEVICE}&cursor=v1.1e99`],
		['cursor other version', `deviceId=${CORPUS_DEVICE}&cursor=v2.1`],
		['cursor SQL', `deviceId=${CORPUS_DEVICE}&cursor=${enc("v1.1' OR '1'='1")}`],
		['limit zero', `deviceId=${CORPUS_DEVICE}&limit=0`],
		['limit negative', `deviceId=${CORPUS_DEVICE}&limit=-1`],
		['limit huge', `deviceId=${CORPUS_DEVICE}&limit=9999999`],
		['limit text', `deviceId=${CORPUS_DEVICE}&limit=ten`],
		['limit fractional', `deviceId=${CORPUS_DEVICE}&limit=1.5`]
	];
	for (const [name, query] of pulls) cases.push(pull(name, query));
	return cases;
}

function photoCases(): BadCase[] {
	// Trailing bytes after the JPEG's end make a photo nobody has uploaded, so no case finds it complete.
	const jpeg = Buffer.concat([Buffer.from(TINY_JPEG), crypto.randomBytes(16)]);
	const text = Buffer.from('hello, not a photo');
	const html = Buffer.from('<html><script>alert(1)</script></html>');
	const cut = jpeg.subarray(0, Math.floor(jpeg.length / 2));
	const bomb = Buffer.from(pngBomb());
	const cases: BadCase[] = [
		photoPut('name not hex', 'not-a-hash', jpeg, octet('0'), 400),
		photoPut('name too short', sha(jpeg).slice(1), jpeg, octet('0'), 400),
		photoPut('name upper case', sha(jpeg).toUpperCase(), jpeg, octet('0'), 400),
		photoPut('name with traversal', '..%2F..%2Fetc%2Fpasswd', jpeg, octet('0'), 400),
		photoPut(
			'image/jpeg content type',
			sha(jpeg),
			jpeg,
			{ 'content-type': 'image/jpeg', 'Upload-Offset': '0' },
			415
		),
		photoPut('JSON content type', sha(jpeg), jpeg, { ...JSON_TYPE, 'Upload-Offset': '0' }, 415),
		photoPut(
			'text/plain content type',
			sha(jpeg),
			jpeg,
			{ 'content-type': 'text/plain', origin: 'same', 'Upload-Offset': '0' },
			415
		),
		photoPut('no Upload-Offset', sha(jpeg), jpeg, octet('')),
		photoPut('Upload-Offset negative', sha(jpeg), jpeg, octet('-1')),
		photoPut('Upload-Offset text', sha(jpeg), jpeg, octet('abc')),
		photoPut('Upload-Offset huge', sha(jpeg), jpeg, octet('99999999999999999999')),
		photoPut(
			'Upload-Offset past what is held',
			sha(jpeg),
			jpeg.subarray(5),
			octet('5', String(jpeg.length)),
			409
		),
		photoPut('Upload-Length negative', sha(jpeg), jpeg, octet('0', '-5')),
		photoPut('Upload-Length text', sha(jpeg), jpeg, octet('0', 'many')),
		photoPut('Upload-Length smaller than the body', sha(jpeg), jpeg, octet('0', '3')),
		photoPut('Upload-Length over 20 MB', sha(jpeg), jpeg, octet('0', String(21 * 1024 * 1024))),
		photoPut('Content-Range nonsense, no offset', sha(jpeg), jpeg, {
			'content-type': 'application/octet-stream',
			'Content-Range': 'bytes abc-def/xyz'
		}),
		photoPut('bytes do not match the name', sha(text), jpeg, octet('0', String(jpeg.length))),
		photoPut('text bytes under their own name', sha(text), text, octet('0', String(text.length))),
		photoPut('HTML bytes under their own name', sha(html), html, octet('0', String(html.length))),
		photoPut('JPEG cut in half', sha(cut), cut, octet('0', String(cut.length))),
		photoPut('PNG decompression bomb', sha(bomb), bomb, octet('0', String(bomb.length))),
		photoPut(
			'PNG bytes named as JPEG upload of other bytes',
			sha(TINY_PNG),
			jpeg,
			octet('0', String(jpeg.length))
		),
		photoPut('body over 20 MB', sha(jpeg), Buffer.alloc(20 * 1024 * 1024 + 1), octet('0'), 413),
		{
			name: 'photo GET name not hex',
			as: 'crew',
			method: 'GET',
			path: '/api/photos/zzz',
			format: 'json',
			status: 400
		},
		{
			name: 'photo GET name SQL',
			as: 'crew',
			method: 'GET',
			path: `/api/photos/${enc("' OR 1=1")}`,
			format: 'json',
			status: 400
		},
		{
			name: 'photo GET unknown',
			as: 'crew',
			method: 'GET',
			path: `/api/photos/${'a'.repeat(64)}`,
			format: 'json',
			status: 404
		}
	];
	return cases;
}

function signInCases(): BadCase[] {
	const cases: BadCase[] = [
		signIn(
			'text/plain',
			'{"username":"a","password":"b"}',
			{ 'content-type': 'text/plain', origin: 'same' },
			415
		),
		signIn('form-encoded to the JSON API', 'username=a&password=b', { ...FORM_TYPE, origin: 'same' }, 415),
		signIn('XML', '<signin/>', { 'content-type': 'application/xml' }, 415),
		signIn('empty', ''),
		signIn('truncated XML as JSON', '<signin><username>dana', JSON_TYPE, 400),
		signIn(
			'HTML injection in the username',
			JSON.stringify({ username: '<img src=x onerror=alert(1)>' }),
			JSON_TYPE,
			400
		),
		signIn('truncated', '{"username":"dana.crew","pass'),
		signIn('JSON null', 'null', JSON_TYPE, 400),
		signIn('JSON array', '[]', JSON_TYPE, 400),
		signIn('username missing', '{"password":"x"}', JSON_TYPE, 400),
		signIn('password missing', '{"username":"dana.crew"}', JSON_TYPE, 400),
		signIn('username a number', '{"username":42,"password":"x"}', JSON_TYPE, 400),
		signIn('password an array', '{"username":"dana.crew","password":["x"]}', JSON_TYPE, 400),
		signIn('password an object', '{"username":"dana.crew","password":{"$ne":null}}', JSON_TYPE, 400),
		signIn('password true', '{"username":"dana.crew","password":true}', JSON_TYPE, 400),
		signIn('username empty', '{"username":"","password":"x"}', JSON_TYPE, 400),
		signIn('username 10k', JSON.stringify({ username: 'u'.repeat(10_000), password: 'x' }), JSON_TYPE, 413),
		signIn('username 1k', JSON.stringify({ username: 'u'.repeat(1_000), password: 'x' }), JSON_TYPE, 400),
		signIn(
			'password 1k',
			JSON.stringify({ username: 'dana.crew', password: 'p'.repeat(1_000) }),
			JSON_TYPE,
			400
		),
		signIn(
			'body over 10 kB',
			JSON.stringify({ username: 'dana.crew', password: 'x', pad: 'p'.repeat(20_000) }),
			JSON_TYPE,
			413
		),
		signIn(
			'duplicate keys, last one bad',
			'{"username":"dana.crew","password":"x","password":7}',
			JSON_TYPE,
			400
		),
		// These reach the password check, so they count as failures for the address: keep them few.
		signIn(
			'username SQL',
			JSON.stringify({ username: "' OR '1'='1' --", password: "' OR '1'='1" }),
			JSON_TYPE,
			401
		),
		signIn('username NUL', JSON.stringify({ username: 'dana\u0000.crew', password: 'x' }), JSON_TYPE, 400),
		signIn(
			'username lone surrogate',
			JSON.stringify({ username: 'dana\ud800', password: 'x' }),
			JSON_TYPE,
			401
		),
		signIn(
			'username RTL and zero-width',
			JSON.stringify({ username: '\u202edana\u200b.crew', password: 'x' }),
			JSON_TYPE,
			401
		)
	];
	return cases;
}

export const BAD_INPUT_CASES: BadCase[] = [
	...open311Cases(),
	...syncCases(),
	...photoCases(),
	...signInCases()
];
