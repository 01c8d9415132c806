import { describe, expect, it } from 'vitest';
import { attributeFacts } from './order-attributes';

describe('order attributes for the crew', () => {
	it('turns codes and list keys into words, lists multi-value answers, and skips empty ones', () => {
		expect(
			attributeFacts({
				SIZE: 'large',
				IN_LANE: 'yes',
				BLOCKING: ['road', 'side_walk'],
				POLE_NUMBER: '',
				NOTES: []
			})
		).toEqual([
			{ label: 'Blocking', value: 'road, side walk' },
			{ label: 'In lane', value: 'yes' },
			{ label: 'Size', value: 'large' }
		]);
	});
});
