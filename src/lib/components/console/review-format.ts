/** How the review page writes times, distances and materials. */
import type { Material } from '$lib/domain';

const WHEN = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(iso: string | null): string {
	if (!iso) return 'unknown time';
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? iso : WHEN.format(date);
}

export function formatMaterials(materials: readonly Material[]): string {
	return materials.map((m) => `${m.quantity} ${m.unit} ${m.name}`).join(', ');
}

export function formatDistance(meters: number): string {
	return `${Math.round(meters)} m`;
}
