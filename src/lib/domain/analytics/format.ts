/** How analytics figures read on the page: plain, rounded, with "no data" spelled out. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-10-05' -> 'Oct 5'; with the year -> 'Oct 5, 2026'. */
export function shortDay(day: string, withYear = false): string {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	const text = `${MONTHS[month - 1] ?? '?'} ${date}`;
	return withYear ? `${text}, ${year}` : text;
}

export function formatHours(hours: number | null): string {
	if (hours === null) return '—';
	return hours >= 100 ? Math.round(hours).toLocaleString('en-US') : hours.toFixed(1);
}

export function formatRate(rate: number | null): string {
	return rate === null ? '—' : `${(rate * 100).toFixed(rate === 0 || rate === 1 ? 0 : 1)}%`;
}
