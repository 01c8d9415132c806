import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PRIORITY,
	formatPriority,
	isPriority,
	parsePriority,
	PRIORITIES,
	priorityName
} from './priority';
describe('priorities', () => {
	it('orders 1 urgent to 4 low', () => {
		expect(PRIORITIES.map((p) => `${p.value}:${p.name}`)).toEqual([
			'1:urgent',
			'2:high',
			'3:normal',
			'4:low'
		]);
		expect(DEFAULT_PRIORITY).toBe(3);
	});

	it.each([
		[1, 1],
		['2', 2],
		[' 3 ', 3],
		['LOW', 4],
		['urgent', 1],
		[0, null],
		[5, null],
		[2.5, null],
		['', null],
		['medium', null],
		[null, null]
	] as const)('parses %j as %j', (input, expected) => {
		expect(parsePriority(input)).toBe(expected);
	});

	it('formats names and labels', () => {
		expect(priorityName(2)).toBe('high');
		expect(formatPriority(1)).toBe('Urgent');
		expect(formatPriority(4)).toBe('Low');
		expect(isPriority(4)).toBe(true);
		expect(isPriority('4')).toBe(false);
	});
});
