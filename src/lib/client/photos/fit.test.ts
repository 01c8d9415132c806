import { describe, expect, it } from 'vitest';
import { fitLongEdge, MAX_LONG_EDGE } from './fit';

describe('fitLongEdge', () => {
	it('scales a landscape camera photo so its long edge is 1600 px, keeping the shape', () => {
		expect(fitLongEdge(4000, 3000)).toEqual({ width: MAX_LONG_EDGE, height: 1200 });
	});

	it('scales a portrait photo by its height', () => {
		expect(fitLongEdge(3024, 4032)).toEqual({ width: 1200, height: 1600 });
	});

	it('never enlarges a photo that is already small enough', () => {
		expect(fitLongEdge(800, 600)).toEqual({ width: 800, height: 600 });
		expect(fitLongEdge(1600, 20)).toEqual({ width: 1600, height: 20 });
	});

	it('keeps at least one pixel on a very thin panorama', () => {
		expect(fitLongEdge(100_000, 10)).toEqual({ width: 1600, height: 1 });
	});
});
