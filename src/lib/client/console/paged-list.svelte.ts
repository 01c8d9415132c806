/**
 * One of the console's lists, loaded from the server a page at a time (most urgent first, with a
 * cursor) and kept current by the live stream. What it shows stays exactly "every matching order
 * up to the last row paged to": a live row that now sorts after that point waits for Load more,
 * one that moved before it (or newly matches) appears at once, one that stopped matching goes.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { ConsoleMapOrder, ConsoleOrder, ConsoleOrderPage } from '$lib/components/console/console-rows';
import { byUrgency } from './console-filters';
import { fetchConsolePage, type ConsoleListParams, type PageFetcher } from './dispatch-api';

export interface PagedListOptions {
	/** The list's query (list, filters), without the cursor. */
	query: () => ConsoleListParams;
	/** Whether an order belongs in the list: the same rule the server pages by. */
	includes: (order: ConsoleMapOrder) => boolean;
	/** The console's newest lean row for an order: fresher than a page read before a live event. */
	latest: (id: string) => ConsoleMapOrder | undefined;
	fetchPage?: PageFetcher;
}

export class PagedOrderList {
	private readonly rows = new SvelteMap<string, ConsoleOrder>();
	/** The last row paged to; null before the first page. */
	private bound = $state<ConsoleMapOrder | null>(null);
	/** The cursor of the next page; null once the last page is in. */
	next = $state<string | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	/** Answers to an older query (before a filter change) are dropped. */
	private generation = 0;
	private readonly fetchPage: PageFetcher;

	constructor(
		private readonly options: PagedListOptions,
		first: ConsoleOrderPage
	) {
		this.fetchPage = options.fetchPage ?? fetchConsolePage;
		this.accept(first);
	}

	readonly shown = $derived(
		[...this.rows.values()]
			.map((row) => this.freshest(row))
			.filter((row) => this.options.includes(row) && this.withinLoaded(row))
			.sort(byUrgency)
	);

	get complete(): boolean {
		return this.next === null;
	}

	/** Rows from the live stream: newer versions replace older ones, whatever list they are in. */
	apply(orders: readonly ConsoleOrder[]): void {
		for (const order of orders) this.keep(order);
	}

	/** The next page, after the last row shown. */
	async more(): Promise<void> {
		if (this.next === null || this.loading) return;
		await this.load(this.next, this.generation);
	}

	/** Starts again from the first page (the filters changed, or a merge moved rows about). */
	async reload(): Promise<void> {
		this.generation += 1;
		this.rows.clear();
		this.bound = null;
		this.next = null;
		await this.load(null, this.generation);
	}

	private async load(after: string | null, generation: number): Promise<void> {
		this.loading = true;
		this.error = null;
		const query = this.options.query();
		try {
			const page = await this.fetchPage(after === null ? query : { ...query, after });
			if (generation === this.generation) this.accept(page);
		} catch (error) {
			if (generation === this.generation) this.error = error instanceof Error ? error.message : String(error);
		} finally {
			if (generation === this.generation) this.loading = false;
		}
	}

	private accept(page: ConsoleOrderPage): void {
		for (const order of page.orders) this.keep(order);
		const last = page.orders.at(-1);
		if (last && (this.bound === null || byUrgency(last, this.bound) > 0)) this.bound = last;
		this.next = page.next;
	}

	private keep(order: ConsoleOrder): void {
		const known = this.rows.get(order.id);
		if (known && known.changeSeq > order.changeSeq) return;
		// A live row without a duplicate mark keeps the one its page had.
		this.rows.set(order.id, {
			...order,
			possibleDuplicate: order.possibleDuplicate ?? known?.possibleDuplicate
		});
	}

	private freshest(row: ConsoleOrder): ConsoleOrder {
		const lean = this.options.latest(row.id);
		return lean && lean.changeSeq > row.changeSeq ? { ...row, ...lean } : row;
	}

	private withinLoaded(row: ConsoleMapOrder): boolean {
		if (this.next === null) return this.bound !== null || !this.loading;
		return this.bound !== null && byUrgency(row, this.bound) <= 0;
	}
}
