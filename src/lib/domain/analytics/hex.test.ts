import { describe, expect, it } from 'vitest';
import { haversineMeters } from '../geo';
import { hexGrid } from './hex';

const origin = { lat: 41.94, long: -85.63 };

describe('hex bins', () => {
	it('puts the origin in cell 0,0 and a cell centre in its own cell', () => {
		const grid = hexGrid(origin, 200);
		expect(grid.cellOf(origin)).toBe('0,0');
		for (const cell of ['1,0', '0,1', '-1,1', '3,-2']) expect(grid.cellOf(grid.centerOf(cell))).toBe(cell);
	});

	it('keeps every point within one side length of its cell centre (sides of 200 m)', () => {
		const grid = hexGrid(origin, 200);
		for (let i = 0; i < 400; i++) {
			const point = {
				lat: origin.lat + ((i * 37) % 101) / 10_000,
				long: origin.long + ((i * 53) % 97) / 10_000
			};
			expect(haversineMeters(point, grid.centerOf(grid.cellOf(point)))).toBeLessThanOrEqual(200.5);
		}
	});

	it('draws a closed ring of six corners one side length from the centre', () => {
		const grid = hexGrid(origin, 100);
		const ring = grid.ringOf('2,-1');
		expect(ring).toHaveLength(7);
		expect(ring[0]).toEqual(ring[6]);
		const center = grid.centerOf('2,-1');
		for (const [long, lat] of ring) expect(haversineMeters(center, { lat, long })).toBeCloseTo(100, 0);
	});
});
