/**
 * The demo city: services, crews, people and two months of 311 work on the real streets of
 * Three Rivers. Pure: no database, no clock (time comes only from `now`), no IO; the same seed and
 * `now` give the same rows, so tests, screenshots and benchmarks can rely on them. The caller
 * hashes `demoPassword`, numbers the changes (change_seq) and inserts the rows.
 */
import { computeDueAt, formatServiceRequestId } from '$lib/domain';
import { zoneOffsetMs } from '$lib/domain/time-zone';
import { CITY_TIME_ZONE, CITY_ZIPCODE, cityCenter } from '$lib/server/city';
import type { NewCrew, NewNote, NewService, NewStatusHistory, NewWorkOrder } from '$lib/server/db/schema';
import { serviceRows } from './catalog';
import { DAY, WINDOW_DAYS, iso, isoOrNull, type SeedContext } from './clock';
import {
	attributeAnswers,
	materialsUsed,
	outcome,
	priorityFor,
	reporter,
	residentDescription
} from './order-details';
import { planOrders, type OrderPlan } from './order-plan';
import { crewNotes, timeline } from './order-timeline';
import { generatePeople, type DemoUser, type People } from './people';
import { createRandom } from './random';

export { DEMO_PASSWORD, type DemoUser } from './people';
export { STATUS_MIX, type SeedStatus } from './order-plan';

export const FIRST_ORDER_NUMBER = 100001;
/** A crew's plan for the day holds this many stops. */
const ROUTE_LENGTH = 8;

export interface DemoCity {
	services: NewService[];
	crews: NewCrew[];
	users: DemoUser[];
	/** In id order, which is also the order they were filed in. */
	workOrders: NewWorkOrder[];
	notes: NewNote[];
	/** Status history without ids, in time order within each order; change_seq is 0 throughout. */
	history: NewStatusHistory[];
}

export interface DemoCityOptions {
	seed?: number;
	requestCount?: number;
	now: Date;
	/** Ids are 'CS-' + this number and up (CS-100001...). */
	firstOrderNumber?: number;
}

interface BuildContext extends SeedContext {
	people: People;
	/** The first report of each hot spot, which duplicates point at. */
	firstInCluster: Map<number, string>;
}

function crewFor(ctx: BuildContext, plan: OrderPlan): NewCrew {
	const crews = ctx.people.crews.filter((crew) => crew.department === plan.service.department);
	// Public Works splits the city between its two street crews at the middle latitude.
	const south = plan.point.lat < cityCenter().lat;
	return (crews.length > 1 && south ? crews[1] : crews[0]) as NewCrew;
}

function buildOrder(ctx: BuildContext, plan: OrderPlan, id: string) {
	const { random, people } = ctx;
	const { service, status, requestedAt } = plan;
	const times = timeline(ctx, plan);
	const crew = times.assignedAt === null ? null : crewFor(ctx, plan);
	const worker = crew ? random.pick(people.membersOf(crew.id)) : null;
	const answers = attributeAnswers(random, service, requestedAt);
	const dueAt = computeDueAt(new Date(requestedAt), service.slaHours).getTime();
	const { resolution, statusNotes, duplicateOf, unable } = outcome(
		random,
		plan,
		plan.duplicate && plan.cluster !== null ? (ctx.firstInCluster.get(plan.cluster) ?? null) : null
	);
	const source = random.chance(0.2) ? 'open311' : 'seed';

	const history: NewStatusHistory[] = [];
	const event = (
		at: number,
		action: string,
		from: string | null,
		to: string | null,
		more: Partial<NewStatusHistory>
	) =>
		history.push({
			work_order_id: id,
			at: iso(at),
			actor_user_id: null,
			actor_kind: 'system',
			action,
			from_status: from,
			to_status: to,
			from_crew_id: null,
			to_crew_id: null,
			detail: '{}',
			change_seq: 0,
			...more
		});
	const supervisor = { actor_user_id: people.supervisorFor(service.department).id, actor_kind: 'supervisor' };
	const crewMember = { actor_user_id: worker?.id ?? null, actor_kind: 'crew' };
	event(requestedAt, 'created', null, 'new', { actor_kind: 'resident', detail: JSON.stringify({ source }) });
	if (times.assignedAt !== null)
		event(times.assignedAt, 'assigned', 'new', 'assigned', { ...supervisor, to_crew_id: crew?.id ?? null });
	if (times.startedAt !== null) event(times.startedAt, 'started', 'assigned', 'in_progress', crewMember);
	if (times.endedAt !== null) {
		const from = times.startedAt !== null ? 'in_progress' : times.assignedAt !== null ? 'assigned' : 'new';
		const actor = times.startedAt !== null ? crewMember : supervisor;
		const action = status === 'closed' ? 'closed' : status === 'cancelled' ? 'cancelled' : 'unable';
		// Only what the action carries: a resolution for a close, a reason for an unable.
		const detail = JSON.stringify({
			...(resolution ? { resolution_code: resolution } : {}),
			...(duplicateOf ? { duplicate_of: duplicateOf } : {}),
			...(unable ? { unable_reason: unable.reason } : {})
		});
		event(times.endedAt, action, from, status, { ...actor, detail });
	}
	const notes = crewNotes(ctx, id, plan, times, worker, unable?.note ?? null);
	for (const note of notes) {
		event(Date.parse(note.received_at), 'noted', null, null, {
			...crewMember,
			detail: JSON.stringify({ note_id: note.id })
		});
	}
	history.sort((a, b) => a.at.localeCompare(b.at));

	const finished = status === 'closed' || status === 'cancelled';
	const order: NewWorkOrder = {
		id,
		token: null,
		service_code: service.code,
		description: residentDescription(random, plan),
		lat: plan.point.lat,
		long: plan.point.long,
		address: plan.address,
		address_id: null,
		zipcode: CITY_ZIPCODE,
		media_url: null,
		status_notes: statusNotes,
		agency_responsible: `City of Three Rivers ${service.department}`,
		service_notice: null,
		requested_at: iso(requestedAt),
		updated_at: history.at(-1)?.at ?? iso(requestedAt),
		expected_at: finished ? null : iso(dueAt),
		jurisdiction_id: null,
		...reporter(random),
		reporter_device_id: null,
		account_id: null,
		attributes: JSON.stringify(answers),
		source,
		priority: priorityFor(random, answers),
		due_at: iso(dueAt),
		crew_id: crew?.id ?? null,
		route_order: null,
		field_status: status,
		resolution_code: resolution,
		unable_reason: unable?.reason ?? null,
		time_on_site_minutes: times.onSiteMinutes,
		materials: JSON.stringify(
			resolution === 'fixed' || resolution === 'temporary_fix' ? materialsUsed(random, service) : []
		),
		assigned_at: isoOrNull(times.assignedAt),
		started_at: isoOrNull(times.startedAt),
		closed_at: finished ? isoOrNull(times.endedAt) : null,
		duplicate_of: duplicateOf,
		needs_review: 0,
		created_by_user_id: null,
		change_seq: 0
	};
	return { order, notes, history };
}

/** Each crew's plan for today: the order in progress first, then the most urgent assigned ones. */
function planRoutes(orders: NewWorkOrder[]) {
	const byCrew = new Map<string, NewWorkOrder[]>();
	for (const order of orders) {
		if (!order.crew_id || (order.field_status !== 'assigned' && order.field_status !== 'in_progress'))
			continue;
		byCrew.set(order.crew_id, [...(byCrew.get(order.crew_id) ?? []), order]);
	}
	const rank = (order: NewWorkOrder) => (order.field_status === 'in_progress' ? 0 : (order.priority ?? 3));
	for (const crewOrders of byCrew.values()) {
		crewOrders
			.sort((a, b) => rank(a) - rank(b) || (a.due_at ?? '').localeCompare(b.due_at ?? ''))
			.slice(0, ROUTE_LENGTH)
			.forEach((order, index) => (order.route_order = index + 1));
	}
}

export function generateDemoCity(options: DemoCityOptions): DemoCity {
	const { seed = 311, requestCount = 360, now, firstOrderNumber = FIRST_ORDER_NUMBER } = options;
	const nowMs = now.getTime();
	// People come from their own stream, so they stay the same whatever the number of requests.
	const people = generatePeople(createRandom(seed), iso(nowMs - (WINDOW_DAYS + 30) * DAY));
	const ctx: BuildContext = {
		random: createRandom(seed ^ 0x5eed5eed),
		now: nowMs,
		localOffset: zoneOffsetMs(now, CITY_TIME_ZONE),
		people,
		firstInCluster: new Map()
	};
	const city: DemoCity = {
		services: serviceRows(),
		crews: people.crews,
		users: people.users,
		workOrders: [],
		notes: [],
		history: []
	};
	planOrders(ctx, requestCount).forEach((plan, index) => {
		const id = formatServiceRequestId(firstOrderNumber + index);
		if (plan.cluster !== null && !ctx.firstInCluster.has(plan.cluster))
			ctx.firstInCluster.set(plan.cluster, id);
		const { order, notes, history } = buildOrder(ctx, plan, id);
		city.workOrders.push(order);
		city.notes.push(...notes);
		city.history.push(...history);
	});
	planRoutes(city.workOrders);
	return city;
}

/** The same city at scale, for benchmarks and load tests: 20,000 requests unless told otherwise. */
export function generateLargeCity(options: DemoCityOptions): DemoCity {
	return generateDemoCity({ ...options, requestCount: options.requestCount ?? 20_000 });
}
