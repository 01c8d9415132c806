/**
 * The live console's state: the orders and crew positions in view, kept current by the server's
 * live stream (/api/live, Server-Sent Events), the filters, the selection and dispatch.
 * Components read it and call its methods; they hold no state of their own.
 */
import { SvelteDate, SvelteMap, SvelteSet } from 'svelte/reactivity';
import type {
	ConsoleCrew,
	ConsoleLocation,
	ConsoleMapOrder,
	ConsoleOrder,
	ConsoleOrderPage,
	ConsoleService,
	LiveOrdersEvent
} from '$lib/components/console/console-rows';
import { decodeLeanOrder, type LeanOrderTuple } from '$lib/components/console/lean-orders';
import type { AreaRing } from '$lib/domain/map/area-selection';
import { ordersWithin } from './area-select';
import { byUrgency, isOpenStatus, matchesFilters, NO_FILTERS, type ConsoleFilters } from './console-filters';
import { crewProgress, serviceProgress } from './console-progress';
import {
	assignOrders,
	unassignOrders,
	updateOrders,
	type ConsoleListParams,
	type DispatchOutcome,
	type PageFetcher
} from './dispatch-api';
import { DuplicateHintsState } from './duplicate-hints.svelte';
import { PagedOrderList } from './paged-list.svelte';

export interface ConsoleSnapshot {
	crews: ConsoleCrew[];
	services: ConsoleService[];
	/** A lean row for every order in scope (the map, filters and counts), in wire form. */
	orders: LeanOrderTuple[];
	/** The first page of the unassigned queue and of the filtered list. */
	queuePage: ConsoleOrderPage;
	ordersPage: ConsoleOrderPage;
	lastPositions: ConsoleLocation[];
	trails: ConsoleLocation[];
	/** The change number and position id the snapshot was read at. */
	seq: number;
	locationId: number;
	/** Local midnight in the city, as an ISO instant: where "today" starts. */
	todayStart: string;
}

export type Connection = 'connecting' | 'live' | 'reconnecting';

export class ConsoleState {
	/** Every order in scope, lean (live rows are full rows, which are lean rows too). */
	readonly orders = new SvelteMap<string, ConsoleMapOrder>();
	readonly lastPositions = new SvelteMap<string, ConsoleLocation>();
	readonly trails = new SvelteMap<string, ConsoleLocation[]>();
	readonly selected = new SvelteSet<string>();
	filters = $state<ConsoleFilters>({ ...NO_FILTERS });
	connection = $state<Connection>('connecting');
	/** The clock the overdue marks are judged by, moved on every half minute. */
	readonly now = new SvelteDate();
	busy = $state(false);
	notice = $state<{ kind: 'ok' | 'error'; text: string } | null>(null);
	/** The order last picked on the map, ringed there. */
	focused = $state<string | null>(null);
	/** While on, a drag on the map draws a selection box instead of panning. */
	areaMode = $state(false);
	/** The unassigned queue and the filtered list, a page at a time. */
	readonly queueList: PagedOrderList;
	readonly orderList: PagedOrderList;
	readonly duplicates = new DuplicateHintsState(
		async (text) => {
			this.notice = { kind: 'ok', text };
			await Promise.all([this.queueList.reload(), this.orderList.reload()]);
		},
		(text) => (this.notice = { kind: 'error', text })
	);

	constructor(
		private readonly snapshot: ConsoleSnapshot,
		fetchPage?: PageFetcher
	) {
		for (const tuple of snapshot.orders) {
			const order = decodeLeanOrder(tuple);
			this.orders.set(order.id, order);
		}
		const latest = (id: string) => this.orders.get(id);
		this.queueList = new PagedOrderList(
			{
				query: () => ({ list: 'queue' }),
				includes: (order) => order.crewId === null && isOpenStatus(order.status),
				latest,
				fetchPage
			},
			snapshot.queuePage
		);
		this.orderList = new PagedOrderList(
			{
				query: () => this.listQuery(),
				includes: (order) => matchesFilters(order, this.filters, this.now),
				latest,
				fetchPage
			},
			snapshot.ordersPage
		);
		for (const position of snapshot.lastPositions) this.lastPositions.set(position.crewId, position);
		for (const position of snapshot.trails) this.addToTrail(position);
	}

	readonly visible = $derived(
		[...this.orders.values()].filter((order) => matchesFilters(order, this.filters, this.now)).sort(byUrgency)
	);
	readonly queue = $derived(
		[...this.orders.values()]
			.filter((order) => order.crewId === null && isOpenStatus(order.status))
			.sort(byUrgency)
	);
	readonly crewRows = $derived(
		crewProgress(this.orders.values(), this.crews, this.lastPositions, this.todayStart, this.now)
	);
	readonly serviceRows = $derived(
		serviceProgress(this.orders.values(), this.services, this.todayStart, this.now)
	);
	readonly selectedIds = $derived([...this.selected].filter((id) => this.orders.has(id)));
	/** The one unassigned open order selected, whose possible duplicates the dispatch panel shows. */
	readonly hintSubject = $derived.by(() => {
		if (this.selectedIds.length !== 1) return null;
		const order = this.orders.get(this.selectedIds[0] ?? '');
		return order && order.crewId === null && isOpenStatus(order.status) ? order : null;
	});

	get crews(): ConsoleCrew[] {
		return this.snapshot.crews;
	}

	get services(): ConsoleService[] {
		return this.snapshot.services;
	}

	get todayStart(): string {
		return this.snapshot.todayStart;
	}

	serviceName(code: string): string {
		return this.services.find((service) => service.code === code)?.name ?? code;
	}

	crewName(id: string | null): string {
		if (id === null) return 'Unassigned';
		return this.crews.find((crew) => crew.id === id)?.name ?? 'Another department';
	}

	/** Opens the live stream; returns what closes it (call on unmount). */
	connect(): () => void {
		const { seq, locationId } = this.snapshot;
		const source = new EventSource(`/api/live?since=${seq}&locationsSince=${locationId}`);
		source.addEventListener('hello', () => (this.connection = 'live'));
		source.addEventListener('orders', (event) => {
			const { orders } = JSON.parse((event as MessageEvent<string>).data) as LiveOrdersEvent;
			this.applyOrders(orders);
		});
		source.addEventListener('location', (event) => {
			this.applyLocation(JSON.parse((event as MessageEvent<string>).data) as ConsoleLocation);
		});
		// EventSource reconnects by itself, resuming from the last event id it saw.
		source.addEventListener('error', () => (this.connection = 'reconnecting'));
		const clock = setInterval(() => this.now.setTime(Date.now()), 30_000);
		return () => {
			clearInterval(clock);
			source.close();
		};
	}

	applyOrders(orders: ConsoleOrder[]): void {
		for (const order of orders) {
			const known = this.orders.get(order.id);
			if (!known || known.changeSeq < order.changeSeq) this.orders.set(order.id, order);
		}
		this.queueList.apply(orders);
		this.orderList.apply(orders);
	}

	/** The filters changed: the filtered list starts again from its first page (the map follows at once). */
	filtersChanged(): Promise<void> {
		return this.orderList.reload();
	}

	/** The orders drawn inside an area on the map (among those the filters show) join the selection. */
	selectArea(ring: AreaRing): void {
		const ids = ordersWithin(this.visible, ring);
		this.selectAll(ids);
		this.notice =
			ids.length === 0
				? { kind: 'error', text: 'No orders inside that area. Draw around the pins to select them.' }
				: { kind: 'ok', text: `${orders(ids.length)} selected on the map.` };
	}

	private listQuery(): ConsoleListParams {
		const { crew, service, status, olderThanDays, overdueOnly } = this.filters;
		return {
			list: 'orders',
			status,
			finishedSince: this.todayStart,
			...(crew ? { crew } : {}),
			...(service ? { service } : {}),
			...(olderThanDays > 0 ? { olderThanDays: String(olderThanDays) } : {}),
			...(overdueOnly ? { overdue: '1' } : {})
		};
	}

	applyLocation(position: ConsoleLocation): void {
		const known = this.lastPositions.get(position.crewId);
		if (!known || known.at <= position.at) this.lastPositions.set(position.crewId, position);
		if (position.at >= this.todayStart) this.addToTrail(position);
	}

	toggle(id: string): void {
		if (this.selected.has(id)) this.selected.delete(id);
		else this.selected.add(id);
	}

	/** A pin tapped on the map: select it (or unselect), and ring it. */
	pick(id: string): void {
		this.toggle(id);
		this.focused = id;
	}

	selectAll(ids: string[]): void {
		for (const id of ids) this.selected.add(id);
	}

	clearSelection(): void {
		this.selected.clear();
	}

	assign(crewId: string): Promise<void> {
		const crew = this.crewName(crewId);
		return this.dispatch(
			() => assignOrders(this.selectedIds, crewId),
			(n) => `${orders(n)} assigned to ${crew}.`
		);
	}

	unassign(): Promise<void> {
		return this.dispatch(
			() => unassignOrders(this.selectedIds),
			(n) => `${orders(n)} back in the queue.`
		);
	}

	update(change: { priority?: number; dueAt?: string }): Promise<void> {
		return this.dispatch(
			() => updateOrders(this.selectedIds, change),
			(n) => `${orders(n)} updated.`
		);
	}

	private async dispatch(
		call: () => Promise<DispatchOutcome>,
		success: (count: number) => string
	): Promise<void> {
		if (this.selectedIds.length === 0) {
			this.notice = { kind: 'error', text: 'Select one or more orders first.' };
			return;
		}
		this.busy = true;
		this.notice = null;
		const outcome = await call();
		this.busy = false;
		if (!outcome.ok) {
			this.notice = { kind: 'error', text: outcome.message };
			return;
		}
		// The live stream brings the changed orders back; the selection has done its job.
		this.selected.clear();
		this.notice = { kind: 'ok', text: success(outcome.count) };
	}

	private addToTrail(position: ConsoleLocation): void {
		const trail = this.trails.get(position.crewId) ?? [];
		if (trail.some((point) => point.id === position.id)) return;
		this.trails.set(
			position.crewId,
			[...trail, position].sort((a, b) => a.at.localeCompare(b.at))
		);
	}
}

function orders(count: number): string {
	return count === 1 ? '1 order' : `${count} orders`;
}
