/**
 * Where, what and when for each demo request, decided before any row is built: real street sites,
 * a weighted service mix, an exact status mix, filing times, and hot spots with duplicates.
 */
import type { FieldStatus } from '$lib/domain';
import { namedStreets, type NamedStreet } from '$lib/server/city';
import { pointOnStreet, streetAddress } from '$lib/server/city/address';
import { offsetLatLong, type LatLong } from '$lib/server/city/geo';
import { SERVICE_CATALOG, type CatalogService } from './catalog';
import { DAY, HOUR, WINDOW_DAYS, localHour, type SeedContext } from './clock';
import type { SeededRandom } from './random';

export type SeedStatus = Exclude<FieldStatus, 'reopened'>;

/** Share of orders in each field status: a city a few weeks into its season. */
export const STATUS_MIX: Readonly<Record<SeedStatus, number>> = {
	new: 0.15,
	assigned: 0.25,
	in_progress: 0.08,
	closed: 0.45,
	unable_to_complete: 0.04,
	cancelled: 0.03
};

export interface Site {
	street: NamedStreet;
	point: LatLong;
	address: string;
}

export interface OrderPlan extends Site {
	service: CatalogService;
	status: SeedStatus;
	requestedAt: number;
	/** Reports of one hot spot share a cluster number and an address. */
	cluster: number | null;
	/** Closed by a supervisor as a duplicate of the hot spot's first report. */
	duplicate: boolean;
}

/** Busier streets get more reports: weight by length, and a little more for main roads. */
function siteSource(random: SeededRandom): () => Site {
	const streets = namedStreets().map((street) => ({
		value: street,
		weight: street.lengthMeters * (['primary', 'secondary'].includes(street.classes[0] ?? '') ? 1.5 : 1)
	}));
	return () => {
		const street = random.weightedPick(streets);
		// 5-12 m beside the centre line, the kerb or a front yard, on either side: the side sets odd or even.
		const side = random.chance(0.5) ? 1 : -1;
		const point = pointOnStreet(street, random.next(), side * random.float(5, 12));
		return { street, point, address: streetAddress(street, point).address };
	};
}

/** Exact counts per status (rounding goes to `closed`), in random order. */
function statusDeck(random: SeededRandom, count: number): SeedStatus[] {
	const deck: SeedStatus[] = [];
	for (const [status, share] of Object.entries(STATUS_MIX) as [SeedStatus, number][]) {
		if (status !== 'closed') deck.push(...Array<SeedStatus>(Math.floor(count * share)).fill(status));
	}
	deck.push(...Array<SeedStatus>(count - deck.length).fill('closed'));
	return random.shuffle(deck);
}

/** Hours since filing, as min + (max - min) * u^skew: open work is recent, closed work spans the window. */
const AGE_HOURS: Readonly<Record<SeedStatus, { min: number; max: number; skew: number }>> = {
	new: { min: 0.1, max: 72, skew: 2 },
	assigned: { min: 0.5, max: 240, skew: 2 },
	in_progress: { min: 1, max: 120, skew: 2 },
	closed: { min: 4, max: WINDOW_DAYS * 24, skew: 1.4 },
	unable_to_complete: { min: 8, max: 1000, skew: 1.3 },
	cancelled: { min: 2, max: WINDOW_DAYS * 24, skew: 1.4 }
};

function requestTime(ctx: SeedContext, status: SeedStatus): number {
	const { random, now } = ctx;
	const { min, max, skew } = AGE_HOURS[status];
	const requestedAt = now - (min + (max - min) * random.next() ** skew) * HOUR;
	// Few people report a pothole at 3 a.m.: move most night reports back into the evening.
	const hour = localHour(ctx, requestedAt);
	const evening = requestedAt - (hour + random.float(1, 3)) * HOUR;
	return hour < 6 && random.chance(0.8) && evening > now - WINDOW_DAYS * DAY ? evening : requestedAt;
}

const HOT_SPOT_SERVICES = [
	{ value: 'POTHOLE', weight: 6 },
	{ value: 'ILLEGAL_DUMPING', weight: 2 },
	{ value: 'STREETLIGHT', weight: 1 },
	{ value: 'STORM_DRAIN', weight: 1 }
];

export function planOrders(ctx: SeedContext, count: number): OrderPlan[] {
	const { random } = ctx;
	const nextSite = siteSource(random);
	const demand = SERVICE_CATALOG.map((service) => ({ value: service, weight: service.field.demand }));
	const statuses = statusDeck(random, count);
	const plans: OrderPlan[] = [];
	const add = (site: Site, service: CatalogService, cluster: number | null) =>
		plans.push({
			...site,
			service,
			cluster,
			status: statuses[plans.length] ?? 'closed',
			requestedAt: 0,
			duplicate: false
		});
	// Hot spots: the same problem reported 3-4 times within a few metres, for hot-spot analytics.
	const hotSpots = count >= 20 ? Math.round(count / 60) : 0;
	for (let cluster = 0; cluster < hotSpots; cluster++) {
		const code = random.weightedPick(HOT_SPOT_SERVICES);
		const service = SERVICE_CATALOG.find((s) => s.code === code) as CatalogService;
		const anchor = nextSite();
		for (let i = random.int(3, 4); i > 0; i--) {
			add(
				{ ...anchor, point: offsetLatLong(anchor.point, random.float(-6, 6), random.float(-6, 6)) },
				service,
				cluster
			);
		}
	}
	while (plans.length < count) add(nextSite(), random.weightedPick(demand), null);
	for (const plan of plans) plan.requestedAt = requestTime(ctx, plan.status);
	markDuplicates(ctx, plans);
	return plans.sort((a, b) => a.requestedAt - b.requestedAt);
}

/**
 * In about half the hot spots a later report is closed as a duplicate of the first. It swaps
 * statuses with a closed report elsewhere, so the status counts stay exact.
 */
function markDuplicates(ctx: SeedContext, plans: OrderPlan[]) {
	const { random, now } = ctx;
	const donors = plans.filter((plan) => plan.cluster === null && plan.status === 'closed');
	const clusters = new Map<number, OrderPlan[]>();
	for (const plan of plans)
		if (plan.cluster !== null) clusters.set(plan.cluster, [...(clusters.get(plan.cluster) ?? []), plan]);
	for (const [original, duplicate] of clusters.values()) {
		if (!original || !duplicate || !random.chance(0.5)) continue;
		const donor = donors.pop();
		if (!donor) break;
		donor.status = duplicate.status;
		donor.requestedAt = requestTime(ctx, donor.status);
		duplicate.status = 'closed';
		duplicate.duplicate = true;
		// Filed after the original, and early enough for a supervisor to have seen it.
		original.requestedAt = Math.min(original.requestedAt, now - 3 * HOUR);
		duplicate.requestedAt = Math.min(original.requestedAt + random.float(2, 72) * HOUR, now - 2 * HOUR);
	}
}
