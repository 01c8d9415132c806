/**
 * The dispatch panel's duplicate hints: for the one unassigned order selected, the open requests
 * of the same service nearby (GET /api/duplicates), each with merge-as-duplicate through the
 * review page's own action (POST /api/duplicates/merge). The newer request of a pair is closed
 * as a duplicate of the older one, which residents have followed longer (as on the review page).
 */
import type { DuplicateHint, DuplicateHints as HintsAnswer } from '$lib/domain/review';
import { ReviewActions } from './review-actions.svelte';

export interface MergeChoice {
	copyId: string;
	keptId: string;
}

/** Which of two requests is the copy: the one filed later (ties: the higher id). */
export function mergeChoice(
	subject: { id: string; requestedAt: string },
	candidate: Pick<DuplicateHint, 'orderId' | 'requestedAt'>
): MergeChoice {
	const subjectIsNewer =
		subject.requestedAt > candidate.requestedAt ||
		(subject.requestedAt === candidate.requestedAt && subject.id > candidate.orderId);
	return subjectIsNewer
		? { copyId: subject.id, keptId: candidate.orderId }
		: { copyId: candidate.orderId, keptId: subject.id };
}

export class DuplicateHintsState {
	orderId = $state<string | null>(null);
	candidates = $state<DuplicateHint[]>([]);
	maxDistanceM = $state(0);
	loading = $state(false);
	error = $state<string | null>(null);
	private readonly actions: ReviewActions;
	/** Only the answer for the order still selected is kept. */
	private asked: string | null = null;

	constructor(
		/** After a merge: reload the lists (the live stream brings the closed copy to the map). */
		private readonly merged: (text: string) => Promise<void>,
		private readonly failed: (text: string) => void
	) {
		this.actions = new ReviewActions(() => this.refresh());
	}

	get busy(): boolean {
		return this.actions.busy !== null;
	}

	/** Shows the hints for `orderId`, or none for null. */
	async show(orderId: string | null): Promise<void> {
		if (orderId === this.asked) return;
		this.asked = orderId;
		this.orderId = orderId;
		this.candidates = [];
		this.error = null;
		if (orderId !== null) await this.refresh();
	}

	async merge(choice: MergeChoice): Promise<void> {
		const ok = await this.actions.merge(choice.copyId, choice.keptId);
		if (ok) await this.merged(this.actions.message);
		else this.failed(this.actions.error);
	}

	private async refresh(): Promise<void> {
		const orderId = this.asked;
		if (orderId === null) return;
		this.loading = true;
		try {
			const response = await fetch(`/api/duplicates?orderId=${encodeURIComponent(orderId)}`);
			const body = (await response.json().catch(() => null)) as (HintsAnswer & { error?: string }) | null;
			if (orderId !== this.asked) return;
			if (!response.ok || !body) {
				this.error = body?.error ?? `The server answered ${response.status}.`;
				this.candidates = [];
				return;
			}
			this.candidates = body.candidates;
			this.maxDistanceM = body.maxDistanceM;
		} catch {
			if (orderId === this.asked)
				this.error = 'The server could not be reached. Check the connection and try again.';
		} finally {
			if (orderId === this.asked) this.loading = false;
		}
	}
}
