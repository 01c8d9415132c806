/** "Now" for overdue marks, moved on every minute so an order turns overdue while the list is open. */
export class Clock {
	/** Milliseconds since the epoch: a number, so that Svelte sees every change. */
	nowMs = $state(Date.now());

	tick(everyMs = 60_000): () => void {
		const timer = setInterval(() => {
			this.nowMs = Date.now();
		}, everyMs);
		return () => clearInterval(timer);
	}
}
