/**
 * The particulars of each demo order: what the resident wrote and answered, who they are, how
 * urgent it is, how it ended and what the crew used.
 */
import type { AttributeValues, ResolutionCode } from '$lib/domain';
import type { CatalogService, Material } from './catalog';
import { DAY, iso } from './clock';
import type { OrderPlan } from './order-plan';
import type { SeededRandom } from './random';

const RESIDENT_FIRST = [
	'Linda',
	'James',
	'Patricia',
	'Robert',
	'Jennifer',
	'Michael',
	'Mary',
	'David',
	'Karen',
	'Chris'
];

const RESIDENT_LAST = [
	'Miller',
	'Johnson',
	'Schultz',
	'Anderson',
	'Kowalczyk',
	'Nguyen',
	'Hernandez',
	'Brooks',
	'Petersen'
];

const WHEN = ['this morning', 'last night', 'yesterday', 'today', 'over the weekend'];
const SINCE = ['a week', 'two weeks', 'a few days', 'about a month', 'since the last storm'];

const CLOSED_RESOLUTIONS: { value: ResolutionCode; weight: number }[] = [
	{ value: 'fixed', weight: 80 },
	{ value: 'temporary_fix', weight: 6 },
	{ value: 'no_problem_found', weight: 6 },
	{ value: 'referred', weight: 4 },
	{ value: 'not_our_responsibility', weight: 2 },
	{ value: 'no_further_action', weight: 2 }
];

/** Public status notes for closes that are not a plain fix (fixes use the service's own words). */
const RESOLUTION_NOTES: Partial<Record<ResolutionCode, string>> = {
	temporary_fix: 'Made safe for now; a permanent repair is scheduled.',
	no_problem_found: 'Crew inspected the location and found nothing needing repair.',
	referred: 'Referred to the responsible utility; they have been notified.',
	not_our_responsibility: 'This is on private property; the owner has been notified.',
	no_further_action: 'Reviewed; no further action is needed.'
};

const CANCEL_NOTES = ['Withdrawn by the reporter.', 'Entered by mistake; no work needed.'];

export function attributeAnswers(
	random: SeededRandom,
	service: CatalogService,
	requestedAt: number
): AttributeValues {
	const answers: AttributeValues = {};
	for (const attribute of service.attributes) {
		if (!attribute.required && !random.chance(0.6)) continue;
		const keys = (attribute.values ?? []).map((value) => value.key);
		const samples = service.field.answers?.[attribute.code];
		if (attribute.datatype === 'singlevaluelist') answers[attribute.code] = random.pick(keys);
		else if (attribute.datatype === 'multivaluelist')
			answers[attribute.code] = random.sample(keys, random.chance(0.7) ? 1 : 2);
		else if (attribute.datatype === 'datetime')
			answers[attribute.code] = iso(requestedAt - random.int(1, 10) * DAY);
		else if (samples) answers[attribute.code] = random.pick(samples);
	}
	return answers;
}

/** 1 urgent, 2 high, 3 normal, 4 low: mostly normal, raised by what the resident reported. */
export function priorityFor(random: SeededRandom, answers: AttributeValues): number {
	const has = (code: string, key: string) => {
		const answer = answers[code];
		return Array.isArray(answer) ? answer.includes(key) : answer === key;
	};
	if (has('POWER_LINES', 'yes') || has('FLOODING', 'severe')) return 1;
	if (has('SIGN_TYPE', 'stop') && (has('CONDITION', 'missing') || has('CONDITION', 'knocked_down'))) return 1;
	const base = random.weightedPick([
		{ value: 3, weight: 78 },
		{ value: 2, weight: 10 },
		{ value: 4, weight: 10 },
		{ value: 1, weight: 2 }
	]);
	const serious =
		has('BLOCKING', 'road') || has('OFFENSIVE', 'yes') || (has('SIZE', 'large') && has('IN_LANE', 'yes'));
	return serious ? Math.min(base, 2) : base;
}

export function materialsUsed(random: SeededRandom, service: CatalogService): Material[] {
	const [first, ...others] = service.field.materials;
	if (!first || (!service.closeRequirements.materials && random.chance(0.5))) return [];
	return [first, ...others.filter(() => random.chance(0.4))].map((material) => ({
		...material,
		quantity: Math.max(1, Math.round(material.quantity * random.float(0.5, 2)))
	}));
}

export function residentDescription(random: SeededRandom, plan: OrderPlan): string {
	if (random.chance(0.1)) return '';
	return random
		.pick(plan.service.field.reports)
		.replace('{street}', plan.street.name)
		.replace('{when}', random.pick(WHEN))
		.replace('{since}', random.pick(SINCE));
}

export function reporter(random: SeededRandom) {
	if (random.chance(0.5)) return { first_name: null, last_name: null, email: null, phone: null };
	const first = random.pick(RESIDENT_FIRST);
	const last = random.pick(RESIDENT_LAST);
	return {
		first_name: first,
		last_name: last,
		email: random.chance(0.8) ? `${first}.${last}@example.com`.toLowerCase() : null,
		// 555-01xx numbers are reserved for fiction.
		phone: random.chance(0.4) ? `269-555-01${String(random.int(0, 99)).padStart(2, '0')}` : null
	};
}

/**
 * What the order ended with: resolution, public note, and the reason a crew could not finish.
 * `duplicateOf` is the hot spot's first report when this one is its duplicate.
 */
export function outcome(random: SeededRandom, plan: OrderPlan, duplicateOf: string | null) {
	if (duplicateOf) {
		return {
			resolution: 'duplicate' as const,
			statusNotes: `Duplicate of ${duplicateOf}, reported at the same spot.`,
			duplicateOf,
			unable: null
		};
	}
	if (plan.status === 'closed') {
		const resolution: ResolutionCode = random.weightedPick(CLOSED_RESOLUTIONS);
		const statusNotes: string = RESOLUTION_NOTES[resolution] ?? random.pick(plan.service.field.fixedNotes);
		return { resolution, statusNotes, duplicateOf: null, unable: null };
	}
	const unable = plan.status === 'unable_to_complete' ? random.pick(plan.service.field.unableReasons) : null;
	const statusNotes = plan.status === 'cancelled' ? random.pick(CANCEL_NOTES) : null;
	return { resolution: null, statusNotes, duplicateOf: null, unable };
}
