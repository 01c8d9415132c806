import { describe, expect, it } from 'vitest';
import { formatServiceRequestId, isSha256Hex, isUuid, parseServiceRequestId } from './ids';

describe('isUuid', () => {
	it('accepts any version in any case', () => {
		expect(isUuid('3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e')).toBe(true);
		expect(isUuid('3F2B8C1E-4D5A-1B6C-9D7E-8F9A0B1C2D3E')).toBe(true);
	});

	it.each([
		'',
		'3f2b8c1e4d5a4b6c9d7e8f9a0b1c2d3e',
		'3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3',
		'{3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e}',
		'zf2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e'
	])('refuses %j', (value) => {
		expect(isUuid(value)).toBe(false);
	});
});

describe('isSha256Hex', () => {
	it('accepts 64 lowercase hex digits only', () => {
		const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
		expect(isSha256Hex(hash)).toBe(true);
		expect(isSha256Hex(hash.toUpperCase())).toBe(false);
		expect(isSha256Hex(hash.slice(1))).toBe(false);
		expect(isSha256Hex(`${hash}0`)).toBe(false);
		expect(isSha256Hex(`${hash.slice(1)}g`)).toBe(false);
	});
});

describe('service request ids', () => {
	it('pads to six digits and grows beyond', () => {
		expect(formatServiceRequestId(1)).toBe('CS-000001');
		expect(formatServiceRequestId(123)).toBe('CS-000123');
		expect(formatServiceRequestId(999_999)).toBe('CS-999999');
		expect(formatServiceRequestId(1_234_567)).toBe('CS-1234567');
	});

	it('refuses numbers that cannot be ids', () => {
		for (const n of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
			expect(() => formatServiceRequestId(n)).toThrow(RangeError);
		}
	});

	it('parses only what it formats', () => {
		expect(parseServiceRequestId('CS-000123')).toBe(123);
		expect(parseServiceRequestId('CS-1234567')).toBe(1_234_567);
		for (const id of ['CS-123', 'cs-000123', 'CS-000000', 'CS-0001234', 'CS-000123 ', '123']) {
			expect(parseServiceRequestId(id), id).toBeNull();
		}
	});
});
