/**
 * Percentiles by linear interpolation between closest ranks (Hyndman & Fan type 7: what
 * PERCENTILE.INC in spreadsheets, numpy's default and R's default compute). For sorted values
 * x[0..n-1] and a fraction p, the position is h = (n - 1) * p; the answer is x[floor h] plus
 * (h - floor h) of the step to the next value. So the 50th percentile is the usual median (the mean
 * of the two middle values when n is even), and every answer lies between the smallest and largest
 * value. Chosen over nearest-rank because a supervisor comparing it with a spreadsheet gets the
 * same figure.
 */

/** The p-th fraction (0..1) of `values`, or null when there are none. Does not modify `values`. */
export function percentile(values: readonly number[], p: number): number | null {
	if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile fraction must be between 0 and 1, got ${p}`);
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return percentileOfSorted(sorted, p);
}

/** As `percentile`, for values already sorted ascending (saves a sort when taking several). */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
	if (sorted.length === 0) return null;
	const h = (sorted.length - 1) * p;
	const below = Math.floor(h);
	const low = sorted[below] as number;
	const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
	return low + (h - below) * (high - low);
}

export interface Spread {
	count: number;
	median: number | null;
	p90: number | null;
}

/** Count, median and 90th percentile in one sort. */
export function spreadOf(values: readonly number[]): Spread {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		count: sorted.length,
		median: percentileOfSorted(sorted, 0.5),
		p90: percentileOfSorted(sorted, 0.9)
	};
}
