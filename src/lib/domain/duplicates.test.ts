import { describe, expect, it } from 'vitest';
import {
	bboxAround,
	DEFAULT_DUPLICATE_DISTANCE_M,
	duplicateCandidates,
	duplicateStatusNotes,
	mergeProblem,
	type DuplicateSubject
} from './duplicates';
import { bboxContains, haversineMeters } from './geo';

const base = { lat: 41.9436, long: -85.6325 };
/** About `meters` north of the base point. */
const north = (meters: number) => ({ lat: base.lat + meters / 111_195, long: base.long });

function order(id: string, overrides: Partial<DuplicateSubject> = {}): DuplicateSubject {
	return { id, serviceCode: 'POTHOLE', fieldStatus: 'new', ...base, ...overrides };
}

describe('duplicate candidates', () => {
	it('finds open orders of the same service within the distance, nearest first', () => {
		const subject = order('A');
		const others = [
			order('FAR', north(80)),
			order('NEAR', north(10)),
			order('MID', { ...north(40), fieldStatus: 'in_progress' })
		];
		const found = duplicateCandidates(subject, others);
		expect(found.map((c) => c.order.id)).toEqual(['NEAR', 'MID']);
		expect(found[0]?.distanceM).toBeCloseTo(10, 0);
	});

	it('skips the order itself, other services and finished orders', () => {
		const subject = order('A');
		const others = [
			order('A'),
			order('LIGHT', { serviceCode: 'STREETLIGHT' }),
			order('DONE', { fieldStatus: 'closed' }),
			order('GONE', { fieldStatus: 'cancelled' }),
			order('STUCK', { fieldStatus: 'unable_to_complete' })
		];
		expect(duplicateCandidates(subject, others).map((c) => c.order.id)).toEqual(['STUCK']);
	});

	it('takes a configurable distance, edges included', () => {
		const subject = order('A');
		const far = order('B', north(120));
		const others = [far];
		expect(duplicateCandidates(subject, others)).toEqual([]);
		expect(duplicateCandidates(subject, others, 150)).toHaveLength(1);
		const exact = haversineMeters(subject, far);
		expect(duplicateCandidates(subject, others, exact)).toHaveLength(1);
	});

	it('uses the distance function it is given', () => {
		const found = duplicateCandidates(order('A'), [order('B', north(500))], 50, () => 1);
		expect(found).toEqual([{ order: expect.objectContaining({ id: 'B' }), distanceM: 1 }]);
	});

	it('orders ties by id so the list is stable', () => {
		const found = duplicateCandidates(order('A'), [order('C'), order('B')]);
		expect(found.map((c) => c.order.id)).toEqual(['B', 'C']);
	});

	it('defaults to 50 m', () => {
		expect(DEFAULT_DUPLICATE_DISTANCE_M).toBe(50);
	});
});

describe('bbox prefilter', () => {
	it('contains every point within the distance in each direction', () => {
		const box = bboxAround(base, 50);
		for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
			const rad = (bearing * Math.PI) / 180;
			const dLat = (50 * Math.cos(rad)) / 111_195;
			const dLong = (50 * Math.sin(rad)) / (111_195 * Math.cos((base.lat * Math.PI) / 180));
			expect(bboxContains(box, { lat: base.lat + dLat, long: base.long + dLong })).toBe(true);
		}
		expect(bboxContains(box, north(60))).toBe(false);
	});

	it('widens to every longitude near a pole', () => {
		const box = bboxAround({ lat: 89.9999, long: 10 }, 50);
		expect(box.west).toBe(-180);
		expect(box.east).toBe(180);
	});
});

describe('merge rules', () => {
	it('allows merging an open order into another open order of the same service', () => {
		expect(mergeProblem(order('B', { fieldStatus: 'assigned' }), order('A'))).toEqual({ ok: true });
	});

	it('refuses itself, a closed target, a finished copy and another service', () => {
		expect(mergeProblem(order('A'), order('A'))).toMatchObject({ ok: false });
		expect(mergeProblem(order('B'), order('A', { fieldStatus: 'closed' }))).toMatchObject({
			ok: false,
			reason: expect.stringContaining('A is closed')
		});
		expect(mergeProblem(order('B', { fieldStatus: 'cancelled' }), order('A'))).toMatchObject({ ok: false });
		expect(mergeProblem(order('B', { serviceCode: 'GRAFFITI' }), order('A'))).toMatchObject({
			ok: false,
			reason: expect.stringContaining('different service')
		});
	});

	it('writes the public note that links the copy to the kept order', () => {
		expect(duplicateStatusNotes('CS-12')).toMatch(/^Duplicate of #CS-12\./);
	});
});
