/**
 * What happened to each demo order and when: assignment, start, close or give-up, all in order,
 * mostly within crew shifts and never after `now`; plus the notes crews wrote on site.
 */
import type { NewNote } from '$lib/server/db/schema';
import { HOUR, MINUTE, duringShift, iso, type SeedContext } from './clock';
import type { OrderPlan } from './order-plan';

export interface Timeline {
	assignedAt: number | null;
	startedAt: number | null;
	/** Closed, cancelled, or marked unable to complete. */
	endedAt: number | null;
	onSiteMinutes: number | null;
}

export function timeline(ctx: SeedContext, plan: OrderPlan): Timeline {
	const { random, now } = ctx;
	const { status, service, requestedAt } = plan;
	const room = now - requestedAt;
	// Supervisors close duplicates and cancel withdrawn requests mostly straight from the queue.
	const byOffice = status === 'cancelled' || plan.duplicate;
	const crewed = status !== 'new' && !(byOffice && random.chance(0.6));
	const assignAfter = Math.min(random.float(0.25, 20) * HOUR, room * 0.3);
	const assignedAt = crewed
		? duringShift(ctx, requestedAt + assignAfter, requestedAt, requestedAt + room * 0.4)
		: null;
	if (byOffice) {
		const from = assignedAt ?? requestedAt;
		const endedAt = duringShift(
			ctx,
			from + Math.min(random.float(1, 48) * HOUR, (now - from) * 0.8),
			from,
			now
		);
		return { assignedAt, startedAt: null, endedAt, onSiteMinutes: null };
	}
	if (assignedAt === null || status === 'assigned')
		return { assignedAt, startedAt: null, endedAt: null, onSiteMinutes: null };
	if (status === 'in_progress') {
		const startedAt = Math.max(assignedAt + (now - assignedAt) * 0.5, now - random.float(0.1, 3) * HOUR);
		return { assignedAt, startedAt, endedAt: null, onSiteMinutes: null };
	}
	// Closed or unable: a crew went out, mostly within the service's SLA, sometimes late.
	const [fewest, most] = service.field.onSiteMinutes;
	const workMinutes = random.float(fewest, most) * (status === 'unable_to_complete' ? 0.4 : 1);
	const onSite = Math.min(Math.round(workMinutes) * MINUTE, (now - assignedAt) * 0.3);
	const delay = Math.min(
		random.float(0.05, 1.15) * service.slaHours * HOUR,
		(now - assignedAt - onSite) * 0.9
	);
	const startedAt = duringShift(ctx, assignedAt + delay, assignedAt, now - onSite);
	return {
		assignedAt,
		startedAt,
		endedAt: startedAt + onSite,
		onSiteMinutes: Math.max(1, Math.round(onSite / MINUTE))
	};
}

/** Internal notes crews write on site: captured on the device, received when it next synced. */
export function crewNotes(
	ctx: SeedContext,
	orderId: string,
	plan: OrderPlan,
	times: Timeline,
	worker: { id: string } | null,
	unableNote: string | null
): NewNote[] {
	const { random, now } = ctx;
	if (!worker || times.startedAt === null) return [];
	const startedAt = times.startedAt;
	const until = times.endedAt ?? now;
	const count =
		plan.status === 'in_progress' ? Number(random.chance(0.5)) : random.chance(0.4) ? random.int(1, 2) : 0;
	const bodies = random.sample(plan.service.field.crewNotes, count);
	if (unableNote) bodies.push(unableNote);
	return bodies
		.map((body, index) => {
			// The reason a crew gives up is the last thing it writes.
			const capturedAt =
				index === count ? until - random.float(0, 60) * 1000 : random.float(startedAt, until);
			// Mostly online; one note in ten waited for signal. Never after the close: a device syncs in order.
			const delay = random.chance(0.1) ? random.float(5, 90) * MINUTE : random.float(2, 90) * 1000;
			return {
				id: random.uuid(),
				work_order_id: orderId,
				author_user_id: worker.id,
				author_kind: 'crew',
				body,
				visibility: 'internal',
				late_report: 0,
				captured_at: iso(Math.max(startedAt, capturedAt)),
				received_at: iso(Math.min(capturedAt + delay, until))
			};
		})
		.sort((a, b) => a.captured_at.localeCompare(b.captured_at));
}
