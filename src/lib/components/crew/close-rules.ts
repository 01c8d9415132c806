/**
 * The close form's rules, pure: what the crew typed (as the inputs hold it, strings) turned into
 * the `closeOrder` input, or the one plain-English thing still missing. The service's own close
 * requirements come from the same function LocalActions and the server use, so the form never
 * promises a close that would be refused later.
 */
import type { CloseInput } from '$lib/client/db/actions';
import {
	isResolutionCode,
	isUnableReason,
	RESOLUTION_LABELS,
	UNABLE_REASON_LABELS,
	type ResolutionCode
} from '$lib/domain/resolution';
import type { CloseRequirements, Material } from '$lib/domain/sync/protocol';
import { closeRequirementProblem } from '$lib/domain/sync/reconcile';

export interface MaterialRow {
	/** Only for Svelte's keyed list; never sent. */
	key: number;
	name: string;
	quantity: string;
	unit: string;
}

export interface CloseDraft {
	resolutionCode: ResolutionCode | '';
	notes: string;
	timeOnSite: string;
	materials: readonly MaterialRow[];
}

export type CloseCheck = { ok: true; input: CloseInput } | { ok: false; problem: string };

const MAX_MINUTES = 1440;

export function emptyMaterialRow(key: number): MaterialRow {
	return { key, name: '', quantity: '', unit: '' };
}

function isBlank(row: MaterialRow): boolean {
	return row.name.trim() === '' && row.quantity.trim() === '' && row.unit.trim() === '';
}

/** Minutes as a whole number, null when left empty, or a problem. */
export function parseMinutes(text: string): number | null | { problem: string } {
	const trimmed = text.trim();
	if (trimmed === '') return null;
	const minutes = Number(trimmed);
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES) {
		return { problem: `Time on site must be a whole number of minutes from 0 to ${MAX_MINUTES}.` };
	}
	return minutes;
}

/** Filled rows as materials; a blank row is ignored, a half-filled one is a problem naming its row. */
export function parseMaterials(rows: readonly MaterialRow[]): Material[] | { problem: string } {
	const materials: Material[] = [];
	for (const [index, row] of rows.entries()) {
		if (isBlank(row)) continue;
		const quantity = Number(row.quantity.trim());
		const label = `Material ${index + 1}`;
		if (row.name.trim() === '') return { problem: `${label} needs a name.` };
		if (row.quantity.trim() === '' || !Number.isFinite(quantity) || quantity < 0) {
			return { problem: `${label} needs a quantity of 0 or more.` };
		}
		if (row.unit.trim() === '') return { problem: `${label} needs a unit (e.g. bags, tons, each).` };
		materials.push({ name: row.name.trim(), quantity, unit: row.unit.trim() });
	}
	return materials;
}

/** What the service asks for before a fix counts as done, as a checklist for the form. */
export function requirementList(requirements: CloseRequirements): string[] {
	const list: string[] = [];
	if (requirements.afterPhoto) list.push('an after photo (add it under Photos as "After the work")');
	if (requirements.timeOnSite) list.push('the time on site');
	if (requirements.materials) list.push('the materials used');
	return list;
}

export function checkClose(
	draft: CloseDraft,
	requirements: CloseRequirements,
	/** After photos already saved on this order (on the device or on the server). */
	afterPhotoCount: number
): CloseCheck {
	if (draft.resolutionCode === '') return { ok: false, problem: 'Choose a resolution.' };
	const minutes = parseMinutes(draft.timeOnSite);
	if (minutes !== null && typeof minutes === 'object') return { ok: false, problem: minutes.problem };
	const materials = parseMaterials(draft.materials);
	if (!Array.isArray(materials)) return { ok: false, problem: materials.problem };
	const input: CloseInput = {
		resolutionCode: draft.resolutionCode,
		notes: draft.notes.trim(),
		materials,
		...(minutes === null ? {} : { timeOnSiteMinutes: minutes })
	};
	const problem = closeRequirementProblem(requirements, {
		resolutionCode: input.resolutionCode,
		afterPhotoCount,
		timeOnSiteMinutes: input.timeOnSiteMinutes,
		materialCount: materials.length
	});
	return problem ? { ok: false, problem } : { ok: true, input };
}

/** A stored resolution code as people read it (an unknown code, from a newer server, as is). */
export function resolutionText(code: string): string {
	return isResolutionCode(code) ? RESOLUTION_LABELS[code] : code;
}

export function unableReasonText(reason: string): string {
	return isUnableReason(reason) ? UNABLE_REASON_LABELS[reason] : reason;
}
