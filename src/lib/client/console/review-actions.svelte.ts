/**
 * The review page's actions: each posts one decision to the API, says what happened in words
 * (read out by the page's live region), and reloads the queue so the decided item leaves it.
 */

export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;

export class ReviewActions {
	/** The key of the action in flight, so only its button shows busy. */
	busy = $state<string | null>(null);
	message = $state('');
	error = $state('');

	constructor(
		private readonly refresh: () => Promise<void>,
		private readonly fetcher: Fetcher = (input, init) => fetch(input, init)
	) {}

	acceptClosure(orderId: string): Promise<boolean> {
		return this.post(
			`accept:${orderId}`,
			'/api/review/closures',
			{ orderId },
			`Closure of ${orderId} accepted.`
		);
	}

	decideLateReport(orderId: string, decision: 'accept' | 'dismiss', itemIds: string[]): Promise<boolean> {
		const done = decision === 'accept' ? 'accepted' : 'dismissed';
		return this.post(
			`late:${orderId}`,
			'/api/review/late-reports',
			{ orderId, decision, ...(itemIds.length > 0 ? { itemIds } : {}) },
			`Late report on ${orderId} ${done}.`
		);
	}

	acknowledgeRefusal(deviceId: string, mutationId: number): Promise<boolean> {
		return this.post(
			`refusal:${deviceId}:${mutationId}`,
			'/api/review/refusals',
			{ deviceId, mutationId },
			'Refused change acknowledged.'
		);
	}

	reopen(orderId: string, reason: string, crewId: string | null): Promise<boolean> {
		return this.post(
			`reopen:${orderId}`,
			'/api/review/reopen',
			{ orderId, reason, ...(crewId ? { crewId } : {}) },
			`${orderId} reopened and sent back to the crew.`
		);
	}

	merge(copyId: string, keptId: string): Promise<boolean> {
		return this.post(
			`merge:${copyId}`,
			'/api/duplicates/merge',
			{ copyId, keptId },
			`${copyId} closed as a duplicate of ${keptId}.`
		);
	}

	private async post(key: string, path: string, body: unknown, done: string): Promise<boolean> {
		if (this.busy) return false;
		this.busy = key;
		this.error = '';
		this.message = '';
		try {
			const response = await this.fetcher(path, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			if (!response.ok) {
				this.error = await errorText(response);
				return false;
			}
			this.message = done;
			await this.refresh();
			return true;
		} catch {
			this.error = 'The server could not be reached. Check the connection and try again.';
			return false;
		} finally {
			this.busy = null;
		}
	}
}

async function errorText(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { error?: unknown };
		if (typeof body.error === 'string' && body.error !== '') return body.error;
	} catch {
		// Not JSON: fall through to the status line.
	}
	return `The server refused the request (${response.status}).`;
}
