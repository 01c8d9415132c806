/**
 * Whether the server can be reached. The browser's `navigator.onLine` only knows about the local
 * link (and stays true on a dead hotspot), so failed and successful requests correct it.
 */
export class Connection {
	private browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	/** The last request to the server failed for lack of network (not because the server said no). */
	private unreachable = $state(false);

	readonly online = $derived(this.browserOnline && !this.unreachable);

	/** Starts listening; returns the function that stops it. */
	watch(onChange: (online: boolean) => void = () => {}): () => void {
		const update = () => {
			this.browserOnline = navigator.onLine;
			// A new link is worth a new try: the next request decides.
			this.unreachable = false;
			onChange(this.online);
		};
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		return () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
		};
	}

	/** A request to the server got an answer (any status): the network works. */
	reached(): void {
		this.unreachable = false;
	}

	/** A request to the server failed at the network level. */
	failedToReach(): void {
		this.unreachable = true;
	}
}
