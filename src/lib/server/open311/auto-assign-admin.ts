/**
 * Managing auto-assign rules (new Open311 requests of a service, optionally inside an area, go
 * straight to a crew). Used by `npm run auto-assign`; checks everything an admin can get wrong.
 */
import crypto from 'node:crypto';
import type { AutoAssignRuleRow } from '../db/schema';
import type { Repositories } from '../repositories';

export interface NewRuleInput {
	serviceCode: string;
	/** The crew's id or its name (case-insensitive). */
	crew: string;
	/** "west,south,east,north" in degrees, or undefined for the whole city. */
	area?: string;
	sortOrder?: number;
}

export type RuleResult = { ok: true; rule: AutoAssignRuleRow } | { ok: false; error: string };

export async function addAutoAssignRule(
	repos: Repositories,
	input: NewRuleInput,
	now: Date
): Promise<RuleResult> {
	const service = await repos.services.get(input.serviceCode.trim().toUpperCase());
	if (!service) return { ok: false, error: `There is no service ${input.serviceCode}.` };
	const wanted = input.crew.trim().toLowerCase();
	const crew = (await repos.crews.list()).find((c) => c.id === input.crew || c.name.toLowerCase() === wanted);
	if (!crew) return { ok: false, error: `There is no crew called ${input.crew}.` };
	const area = input.area === undefined ? null : parseArea(input.area);
	if (area === 'invalid') {
		return {
			ok: false,
			error: 'The area must be "west,south,east,north" in degrees, west < east and south < north.'
		};
	}
	const sortOrder = input.sortOrder ?? 0;
	if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 1000) {
		return { ok: false, error: 'The order must be a whole number from 0 to 1000.' };
	}
	const rule = {
		id: crypto.randomUUID(),
		service_code: service.service_code,
		west: area?.[0] ?? null,
		south: area?.[1] ?? null,
		east: area?.[2] ?? null,
		north: area?.[3] ?? null,
		crew_id: crew.id,
		sort_order: sortOrder,
		active: 1,
		created_at: now.toISOString()
	};
	await repos.autoAssignRules.insert(rule);
	return { ok: true, rule };
}

function parseArea(text: string): [number, number, number, number] | 'invalid' {
	const parts = text.split(',').map((part) => Number(part.trim()));
	if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return 'invalid';
	const [west, south, east, north] = parts as [number, number, number, number];
	const inRange =
		Math.abs(west) <= 180 && Math.abs(east) <= 180 && Math.abs(south) <= 90 && Math.abs(north) <= 90;
	return inRange && west < east && south < north ? [west, south, east, north] : 'invalid';
}

export function describeRule(rule: AutoAssignRuleRow, crewName: string): string {
	const area =
		rule.west === null ? 'anywhere' : `inside ${rule.west},${rule.south},${rule.east},${rule.north}`;
	return `${rule.id}  ${rule.service_code} ${area} -> ${crewName} (order ${rule.sort_order}${rule.active ? '' : ', off'})`;
}
