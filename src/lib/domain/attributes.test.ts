import { describe, expect, it } from 'vitest';
import {
	collectAttributeValues,
	serviceAttributeSchema,
	validateAttributes,
	type ServiceAttribute
} from './attributes';
import * as v from './validate';

function attribute(
	code: string,
	datatype: ServiceAttribute['datatype'],
	extra: Partial<ServiceAttribute> = {}
): ServiceAttribute {
	return {
		variable: true,
		code,
		datatype,
		required: false,
		datatype_description: null,
		order: 1,
		description: `${code} question`,
		...extra
	};
}

const SIZES = [
	{ key: 'small', name: 'Smaller than a plate' },
	{ key: 'large', name: 'Larger than a plate' }
];

const DEFINITIONS: ServiceAttribute[] = [
	attribute('SIZE', 'singlevaluelist', { required: true, values: SIZES, order: 1 }),
	attribute('HAZARDS', 'multivaluelist', {
		values: [
			{ key: 'traffic', name: 'Traffic' },
			{ key: 'water', name: 'Water' }
		],
		order: 2
	}),
	attribute('DEPTH_CM', 'number', { order: 3 }),
	attribute('SEEN_AT', 'datetime', { order: 4 }),
	attribute('NOTE', 'text', { order: 5 }),
	attribute('PLATE', 'string', { required: true, order: 6 }),
	attribute('INFO', 'string', { variable: false, required: true, order: 7 })
];

describe('validateAttributes', () => {
	it('accepts good answers and normalises them', () => {
		const result = validateAttributes(DEFINITIONS, {
			SIZE: 'large',
			HAZARDS: ['traffic', 'water', 'traffic'],
			DEPTH_CM: ' 12.50 ',
			SEEN_AT: '2026-03-08T09:30:00-04:00',
			NOTE: 'deep',
			PLATE: ' ABC 123 ',
			UNKNOWN: 'dropped',
			INFO: 'not a question'
		});
		expect(result).toEqual({
			ok: true,
			value: {
				SIZE: 'large',
				HAZARDS: ['traffic', 'water'],
				DEPTH_CM: '12.5',
				SEEN_AT: '2026-03-08T13:30:00.000Z',
				NOTE: 'deep',
				PLATE: 'ABC 123'
			}
		});
	});

	it('collects every problem with attribute[CODE] paths', () => {
		const result = validateAttributes(DEFINITIONS, {
			HAZARDS: ['fire'],
			DEPTH_CM: 'deep',
			SEEN_AT: 'yesterday',
			PLATE: '  '
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((i) => [i.path, i.code])).toEqual([
			['attribute[SIZE]', 'required'],
			['attribute[HAZARDS]', 'one_of'],
			['attribute[DEPTH_CM]', 'type'],
			['attribute[SEEN_AT]', 'datetime'],
			['attribute[PLATE]', 'required']
		]);
		expect(result.issues[0]?.message).toBe('attribute[SIZE] (SIZE question) is required');
		expect(result.issues[1]?.message).toBe('attribute[HAZARDS] must be among: traffic, water');
	});

	it('refuses a list value that is not a key, and several values for a single-value list', () => {
		const wrongKey = validateAttributes(DEFINITIONS, { SIZE: 'Larger than a plate', PLATE: 'x' });
		expect(wrongKey.ok ? [] : wrongKey.issues[0]?.message).toBe(
			'attribute[SIZE] must be one of: small, large'
		);
		const many = validateAttributes(DEFINITIONS, { SIZE: ['small', 'large'], PLATE: 'x' });
		expect(many.ok ? [] : many.issues[0]?.code).toBe('single_value');
		expect(validateAttributes(DEFINITIONS, { SIZE: ['small'], PLATE: 'x' }).ok).toBe(true);
	});

	it('limits text lengths and refuses NUL', () => {
		const long = validateAttributes(DEFINITIONS, { SIZE: 'small', PLATE: 'x', NOTE: 'a'.repeat(4001) });
		expect(long.ok ? '' : long.issues[0]?.code).toBe('too_long');
		const nul = validateAttributes(DEFINITIONS, { SIZE: 'small', PLATE: 'a\u0000' });
		expect(nul.ok ? '' : nul.issues[0]?.code).toBe('nul');
	});
});

describe('collectAttributeValues', () => {
	it('reads attribute[CODE] and attribute[CODE][] form fields', () => {
		const entries: [string, string][] = [
			['service_code', 'POTHOLE'],
			['attribute[SIZE]', 'large'],
			['attribute[HAZARDS][]', 'traffic'],
			['attribute[HAZARDS][]', 'water'],
			['attribute[ONE][]', 'only'],
			['attribute[TWICE]', 'a'],
			['attribute[TWICE]', 'b'],
			['attribute[]', 'ignored']
		];
		expect(collectAttributeValues(entries)).toEqual({
			SIZE: 'large',
			HAZARDS: ['traffic', 'water'],
			ONE: ['only'],
			TWICE: ['a', 'b']
		});
	});
});

describe('serviceAttributeSchema', () => {
	const base = {
		code: 'SIZE',
		datatype: 'singlevaluelist',
		order: 1,
		description: 'How big?',
		values: SIZES
	};

	it('accepts a definition and fills defaults', () => {
		expect(v.validate(serviceAttributeSchema, base)).toEqual({
			ok: true,
			value: { ...base, variable: true, required: false, datatype_description: null }
		});
	});

	it('needs values for lists, refuses them elsewhere, and wants unique keys', () => {
		const codes = (input: unknown): string[] => {
			const result = v.validate(serviceAttributeSchema, input);
			return result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`);
		};
		expect(codes({ ...base, values: undefined })).toEqual(['values:required']);
		expect(codes({ ...base, datatype: 'string' })).toEqual(['values:not_allowed']);
		expect(codes({ ...base, values: [...SIZES, { key: 'small', name: 'Again' }] })).toEqual([
			'values:duplicate'
		]);
		expect(codes({ ...base, code: 'a b', datatype: 'list', order: -1 })).toEqual([
			'code:pattern',
			'datatype:one_of',
			'order:range'
		]);
	});
});
