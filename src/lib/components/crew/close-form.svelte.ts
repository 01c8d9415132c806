/**
 * What the crew has typed into the close form. It lives as long as the order page, so a refused
 * close (a missing after photo, a half-filled material row) keeps every word and number.
 */
import type { ResolutionCode } from '$lib/domain/resolution';
import type { CloseRequirements } from '$lib/domain/sync/protocol';
import { checkClose, emptyMaterialRow, type CloseCheck, type MaterialRow } from './close-rules';

export class CloseFormState {
	resolutionCode = $state<ResolutionCode | ''>('');
	notes = $state('');
	timeOnSite = $state('');
	materials = $state<MaterialRow[]>([emptyMaterialRow(0)]);
	/** Why the last attempt could not close, for the form's alert. */
	problem = $state<string | null>(null);
	private nextKey = 1;

	addMaterial(): void {
		this.materials.push(emptyMaterialRow(this.nextKey++));
	}

	removeMaterial(key: number): void {
		this.materials = this.materials.filter((row) => row.key !== key);
	}

	/** Checks the form; keeps the problem for the alert when it cannot close yet. */
	check(requirements: CloseRequirements, afterPhotoCount: number): CloseCheck {
		const checked = checkClose(
			{
				resolutionCode: this.resolutionCode,
				notes: this.notes,
				timeOnSite: this.timeOnSite,
				materials: this.materials
			},
			requirements,
			afterPhotoCount
		);
		this.problem = checked.ok ? null : checked.problem;
		return checked;
	}
}
