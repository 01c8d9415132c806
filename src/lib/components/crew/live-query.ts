/**
 * Dexie's liveQuery, with Dexie loaded on first use. The crew app paints Today's first rows
 * without Dexie (today-first-page.ts reads them with IndexedDB itself), so no module the crew's
 * first paint needs may import Dexie: its script, and its own opening of the store, come after.
 * Whoever calls this already holds an open CurbsideDb, so the import is only a module lookup then.
 */
export interface LiveObserver<T> {
	next(value: T): void;
	error(error: unknown): void;
}

/** Follows `query` like liveQuery(query).subscribe(observer); returns the function that stops it. */
export function followLive<T>(query: () => Promise<T>, observer: LiveObserver<T>): () => void {
	let stopped = false;
	let subscription: { unsubscribe(): void } | null = null;
	import('dexie').then(
		({ liveQuery }) => {
			if (!stopped) subscription = liveQuery(query).subscribe(observer);
		},
		(error: unknown) => {
			if (!stopped) observer.error(error);
		}
	);
	return () => {
		stopped = true;
		subscription?.unsubscribe();
	};
}
