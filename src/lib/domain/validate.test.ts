import { describe, expect, it } from 'vitest';
import * as v from './validate';

function issuesOf<T>(schema: v.Schema<T>, input: unknown): v.Issue[] {
	const result = v.validate(schema, input);
	return result.ok ? [] : result.issues;
}

function valueOf<T>(schema: v.Schema<T>, input: unknown): T {
	const result = v.validate(schema, input);
	if (!result.ok) throw new Error(JSON.stringify(result.issues));
	return result.value;
}

describe('string', () => {
	it('trims when asked and checks length in code points', () => {
		const name = v.string({ trim: true, min: 2, max: 3 });
		expect(valueOf(name, '  ab ')).toBe('ab');
		// Three emoji are six UTF-16 units but three characters to a person.
		expect(valueOf(name, '🚧🚧🚧')).toBe('🚧🚧🚧');
		expect(issuesOf(name, '🚧🚧🚧🚧')).toEqual([
			{ path: '', code: 'too_long', message: 'value must be between 2 and 3 characters long' }
		]);
		expect(issuesOf(name, 'a')[0]?.code).toBe('too_short');
	});

	it('counts precomposed accented letters and astral characters once', () => {
		expect(v.codePointLength('é𝄞a')).toBe(3);
		expect(v.codePointLength('')).toBe(0);
		// A lone surrogate is still one code point.
		expect(v.codePointLength('\ud83d')).toBe(1);
	});

	it('refuses NUL characters', () => {
		expect(issuesOf(v.string(), 'pot\u0000hole')).toEqual([
			{ path: '', code: 'nul', message: 'value must not contain NUL characters' }
		]);
	});

	it('treats blank as absent and refuses non-text', () => {
		expect(issuesOf(v.string(), '   ')[0]?.code).toBe('required');
		expect(issuesOf(v.string(), undefined)[0]?.message).toBe('value is required');
		expect(issuesOf(v.string(), 42)[0]).toEqual({ path: '', code: 'type', message: 'value must be text' });
	});

	it('checks a pattern with a readable message', () => {
		const code = v.string({ pattern: /^[A-Z]+$/, patternMessage: 'must be capital letters' });
		expect(issuesOf(code, 'abc')).toEqual([
			{ path: '', code: 'pattern', message: 'value must be capital letters' }
		]);
	});

	it('keeps spaces when trim is off', () => {
		expect(valueOf(v.string(), ' secret ')).toBe(' secret ');
	});
});

describe('oneOf', () => {
	it('accepts listed words, case-insensitively when asked', () => {
		expect(valueOf(v.oneOf(['open', 'closed']), ' open ')).toBe('open');
		expect(issuesOf(v.oneOf(['open', 'closed']), 'OPEN')[0]?.message).toBe(
			'value must be one of: open, closed'
		);
		expect(valueOf(v.oneOf(['open', 'closed'], { caseInsensitive: true }), 'OPEN')).toBe('open');
		expect(issuesOf(v.oneOf(['a']), 'a\u0000')[0]?.code).toBe('nul');
	});
});

describe('number', () => {
	const lat = v.object({ lat: v.number({ min: -90, max: 90 }) });

	it('accepts numbers and numeric strings', () => {
		expect(valueOf(lat, { lat: 42.5 })).toEqual({ lat: 42.5 });
		expect(valueOf(lat, { lat: ' -41.9 ' })).toEqual({ lat: -41.9 });
		expect(valueOf(lat, { lat: '1e1' })).toEqual({ lat: 10 });
	});

	it.each(['abc', '0x1f', 'Infinity', '1,5', '--1'])('refuses %j with one clear message', (input) => {
		expect(issuesOf(lat, { lat: input })).toEqual([
			{ path: 'lat', code: 'type', message: 'lat must be a number between -90 and 90' }
		]);
	});

	it('checks the range and integers', () => {
		expect(issuesOf(lat, { lat: 91 })[0]?.code).toBe('range');
		expect(issuesOf(lat, { lat: Number.NaN })[0]?.code).toBe('type');
		const page = v.number({ integer: true, min: 1 });
		expect(issuesOf(page, '1.5')[0]).toEqual({
			path: '',
			code: 'integer',
			message: 'value must be a whole number of at least 1'
		});
		expect(issuesOf(v.number({ max: 3 }), 4)[0]?.message).toBe('value must be a number of at most 3');
		expect(issuesOf(v.number(), true)[0]?.message).toBe('value must be a number');
	});
});

describe('boolean', () => {
	it.each([
		[true, true],
		['true', true],
		['ON', true],
		['1', true],
		[1, true],
		['false', false],
		['no', false],
		[0, false]
	])('reads %j as %j', (input, expected) => {
		expect(valueOf(v.boolean(), input)).toBe(expected);
	});

	it('refuses other words', () => {
		expect(issuesOf(v.boolean(), 'maybe')[0]?.message).toBe('value must be true or false');
	});
});

describe('isoDateTime', () => {
	it.each([
		['2026-03-08T09:30:00Z', '2026-03-08T09:30:00.000Z'],
		['2026-03-08T09:30:00-04:00', '2026-03-08T13:30:00.000Z'],
		['2026-03-08T09:30:00+0530', '2026-03-08T04:00:00.000Z'],
		['2026-03-08T09:30Z', '2026-03-08T09:30:00.000Z'],
		['2026-03-08T09:30:00.123456Z', '2026-03-08T09:30:00.123Z'],
		['2024-02-29T00:00:00z', '2024-02-29T00:00:00.000Z'],
		['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z']
	])('parses %s', (input, iso) => {
		expect(valueOf(v.isoDateTime(), input).toISOString()).toBe(iso);
	});

	it.each([
		'2026-13-40T00:00:00Z',
		'2026-02-29T00:00:00Z',
		'2026-04-31T00:00:00Z',
		'2026-03-08T24:00:00Z',
		'2026-03-08T09:60:00Z',
		'2026-03-08T09:30:00',
		'2026-03-08',
		'2026-03-08T09:30:00+15:00',
		'March 8 2026',
		'2026-03-08T09:30:00Z\u0000'
	])('refuses %j', (input) => {
		expect(issuesOf(v.isoDateTime(), input)).toHaveLength(1);
	});

	it('explains the expected form', () => {
		expect(
			issuesOf(v.object({ start_date: v.isoDateTime() }), { start_date: '2026-03-08' })[0]?.message
		).toBe('start_date must be a date and time with a time zone, such as 2026-03-08T09:30:00-04:00');
	});

	it('accepts a valid Date and refuses an invalid one', () => {
		expect(valueOf(v.isoDateTime(), new Date(0)).getTime()).toBe(0);
		expect(issuesOf(v.isoDateTime(), new Date(Number.NaN))).toHaveLength(1);
	});
});

describe('optional, nullable, withDefault', () => {
	it('optional turns absent values into undefined but still checks present ones', () => {
		const schema = v.optional(v.number());
		expect(valueOf(schema, undefined)).toBeUndefined();
		expect(valueOf(schema, '')).toBeUndefined();
		expect(valueOf(schema, null)).toBeUndefined();
		expect(issuesOf(schema, 'x')).toHaveLength(1);
	});

	it('nullable needs the field but allows null', () => {
		const crew = v.object({ crewId: v.nullable(v.string()) });
		expect(valueOf(crew, { crewId: null })).toEqual({ crewId: null });
		expect(valueOf(crew, { crewId: 'c1' })).toEqual({ crewId: 'c1' });
		expect(issuesOf(crew, {})[0]).toEqual({
			path: 'crewId',
			code: 'required',
			message: 'crewId is required (it may be null)'
		});
	});

	it('withDefault fills absent values', () => {
		expect(valueOf(v.withDefault(v.boolean(), false), undefined)).toBe(false);
		expect(valueOf(v.withDefault(v.boolean(), false), 'yes')).toBe(true);
	});
});

describe('array and commaList', () => {
	it('checks the count and reports every bad item with its index', () => {
		const ids = v.object({ ids: v.array(v.string({ max: 3 }), { min: 1, max: 3 }) });
		expect(issuesOf(ids, { ids: ['ok', 'toolong', 5] }).map((i) => i.path)).toEqual(['ids[1]', 'ids[2]']);
		expect(issuesOf(ids, { ids: [] })[0]).toEqual({
			path: 'ids',
			code: 'too_few',
			message: 'ids must have between 1 and 3 items'
		});
		expect(issuesOf(ids, { ids: ['a', 'b', 'c', 'd'] })[0]?.code).toBe('too_many');
		expect(issuesOf(ids, { ids: 'a' })[0]?.message).toBe('ids must be a list');
	});

	it('accepts an empty list as a value', () => {
		expect(valueOf(v.array(v.string()), [])).toEqual([]);
	});

	it('splits comma lists, from one string or repeated fields', () => {
		const codes = v.commaList(v.string({ trim: true }));
		expect(valueOf(codes, 'a, b,,c ')).toEqual(['a', 'b', 'c']);
		expect(valueOf(codes, ['a,b', 'c'])).toEqual(['a', 'b', 'c']);
		expect(valueOf(codes, ',')).toEqual([]);
		expect(issuesOf(v.commaList(v.string(), { min: 1 }), ',')[0]?.code).toBe('too_few');
		expect(issuesOf(v.commaList(v.oneOf(['open', 'closed'])), 'open,shut')[0]?.path).toBe('[1]');
		expect(issuesOf(codes, 12)[0]?.message).toBe('value must be a comma separated list');
	});
});

describe('object', () => {
	const person = v.object({
		name: v.string({ trim: true, min: 1, max: 10 }),
		age: v.number({ integer: true, min: 0 }),
		email: v.optional(v.string())
	});

	it('infers the output type and returns the checked values', () => {
		const value: { name: string; age: number; email?: string | undefined } = valueOf(person, {
			name: ' Ana ',
			age: '7'
		});
		expect(value).toEqual({ name: 'Ana', age: 7, email: undefined });
	});

	it('collects every issue, not only the first', () => {
		expect(issuesOf(person, { name: '', age: 'old', email: 'a\u0000' })).toEqual([
			{ path: 'name', code: 'required', message: 'name is required' },
			{ path: 'age', code: 'type', message: 'age must be a whole number of at least 0' },
			{ path: 'email', code: 'nul', message: 'email must not contain NUL characters' }
		]);
	});

	it('ignores unknown keys by default and refuses them when asked', () => {
		expect(valueOf(person, { name: 'a', age: 1, extra: true })).not.toHaveProperty('extra');
		const strict = v.object({ a: v.string() }, { unknownKeys: 'refuse' });
		expect(issuesOf(strict, { a: 'x', b: 1 })).toEqual([
			{ path: 'b', code: 'unknown_key', message: 'b is not a field we accept' }
		]);
	});

	it('reads only own properties', () => {
		const proto = v.object({ toString: v.optional(v.string()) });
		expect(valueOf(proto, {})).toEqual({ toString: undefined });
	});

	it('refuses non-objects', () => {
		expect(issuesOf(person, [])[0]?.code).toBe('type');
		expect(issuesOf(person, 'x')[0]?.code).toBe('type');
		expect(issuesOf(person, null)[0]?.code).toBe('required');
	});

	it('prefixes nested paths', () => {
		const outer = v.object({ inner: v.object({ list: v.array(v.object({ n: v.number() })) }) });
		expect(issuesOf(outer, { inner: { list: [{ n: 1 }, { n: 'x' }] } })[0]?.path).toBe('inner.list[1].n');
	});

	it('runs cross-field rules even when other fields failed', () => {
		const range = v.object(
			{ from: v.number(), to: v.number(), note: v.string() },
			{
				rules: [
					({ from, to }, failed) =>
						!failed.has('from') && !failed.has('to') && from !== undefined && to !== undefined && to < from
							? [v.issue('to', 'order', 'to must not be less than from')]
							: []
				]
			}
		);
		expect(issuesOf(range, { from: 5, to: 1 }).map((i) => i.path)).toEqual(['note', 'to']);
		expect(issuesOf(range, { from: 'x', to: 1, note: 'n' }).map((i) => i.code)).toEqual(['type']);
	});
});

describe('refine, map, custom', () => {
	it('refine adds a rule with the field label', () => {
		const even = v.refine(v.number(), (n, label) => (n % 2 === 0 ? null : `${label} must be even`), 'even');
		expect(issuesOf(v.object({ n: even }), { n: 3 })).toEqual([
			{ path: 'n', code: 'even', message: 'n must be even' }
		]);
		expect(valueOf(even, '4')).toBe(4);
	});

	it('map transforms a valid value only', () => {
		const upper = v.map(v.string(), (s) => s.toUpperCase());
		expect(valueOf(upper, 'ab')).toBe('AB');
		expect(issuesOf(upper, 1)).toHaveLength(1);
	});

	it('custom wraps any check', () => {
		const odd = v.custom((input, label) =>
			input === 'odd' ? { ok: true, value: 1 } : { ok: false, code: 'odd', message: `${label} must be odd` }
		);
		expect(valueOf(odd, 'odd')).toBe(1);
		expect(issuesOf(odd, 'even')[0]?.message).toBe('value must be odd');
	});
});
