/** "3 days old": how long ago a request was filed, in the largest whole unit. Pure. */
const MINUTE_MS = 60_000;

export function ageText(iso: string, now: Date): string {
	const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / MINUTE_MS));
	if (minutes < 1) return 'just filed';
	if (minutes < 60) return `${plural(minutes, 'minute')} old`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `${plural(hours, 'hour')} old`;
	return `${plural(Math.floor(hours / 24), 'day')} old`;
}

function plural(count: number, unit: string): string {
	return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
