/**
 * Auto-assign rules send new requests of a service straight to a crew, optionally only inside an
 * area. Rules are tried in sort order; among rules of the same order one with an area is more
 * specific and wins over a service-wide one. Rules naming an inactive crew are skipped.
 */
import type { AutoAssignRuleRow } from '../db/schema';
import type { Repositories } from '../repositories';

export function ruleCovers(rule: AutoAssignRuleRow, lat: number, long: number): boolean {
	const { west, south, east, north } = rule;
	if (west === null || south === null || east === null || north === null) return true;
	return lat >= south && lat <= north && long >= west && long <= east;
}

function hasArea(rule: AutoAssignRuleRow): boolean {
	return rule.west !== null && rule.south !== null && rule.east !== null && rule.north !== null;
}

/** The rule that applies to a new request at this place, if any. */
export async function matchAutoAssignRule(
	repos: Repositories,
	serviceCode: string,
	lat: number,
	long: number
): Promise<AutoAssignRuleRow | undefined> {
	const rules = (await repos.autoAssignRules.activeForService(serviceCode))
		.filter((rule) => ruleCovers(rule, lat, long))
		.sort((a, b) => a.sort_order - b.sort_order || Number(hasArea(b)) - Number(hasArea(a)));
	for (const rule of rules) {
		const crew = await repos.crews.get(rule.crew_id);
		if (crew?.active === 1) return rule;
	}
	return undefined;
}
