/** Axis scales for the console's charts: round tick values a person can read at a glance. */

/** Ticks from 0 to a "nice" top (1, 2 or 5 times a power of ten per step) covering `max`. */
export function niceTicks(max: number, roughCount = 5): number[] {
	if (!(max > 0)) return [0, 1];
	const rough = max / roughCount;
	const power = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
	const ticks: number[] = [];
	for (let value = 0; value < max + step; value += step) {
		ticks.push(Math.round(value * 1e9) / 1e9);
		if (value >= max) break;
	}
	return ticks;
}

/** Shows every n-th label so at most `maxLabels` fit under an axis. */
export function labelStride(count: number, maxLabels: number): number {
	return Math.max(1, Math.ceil(count / Math.max(1, maxLabels)));
}
