/**
 * What the console receives from the server, on first paint and over the live stream. Plain data
 * only: the server builds these rows and the console's state classes read them.
 */

/** One work order as the console shows it: on the map, in the lists, in the counts. */
export interface ConsoleOrder {
	id: string;
	serviceCode: string;
	lat: number;
	long: number;
	address: string | null;
	/** FieldStatus. */
	status: string;
	/** 1 urgent ... 4 low. */
	priority: number;
	crewId: string | null;
	requestedAt: string;
	dueAt: string | null;
	closedAt: string | null;
	/** Late field reports or refused mutations awaiting a supervisor. */
	needsReview: number;
	/** The change number of the order's last write: the live stream's cursor. */
	changeSeq: number;
	/**
	 * An open request of the same service lies within the duplicate distance (list pages and live
	 * rows carry it; absent means not known).
	 */
	possibleDuplicate?: boolean;
}

/**
 * The lean row the console holds for every order in scope: what the map, the filters and the
 * progress counts need, without the list-only fields. A full `ConsoleOrder` is one too.
 */
export type ConsoleMapOrder = Omit<ConsoleOrder, 'address' | 'needsReview' | 'possibleDuplicate'>;

/** Which paged list: the unassigned queue, or every order matching the filters. */
export type ConsoleListKind = 'queue' | 'orders';

/** One page of a console list (GET /api/console/orders): `next` is null on the last page. */
export interface ConsoleOrderPage {
	orders: ConsoleOrder[];
	next: string | null;
}

/** One reported crew position. */
export interface ConsoleLocation {
	id: number;
	crewId: string;
	lat: number;
	long: number;
	accuracy: number | null;
	/** When the device took the position. */
	at: string;
}

export interface ConsoleCrew {
	id: string;
	name: string;
	color: string;
	department: string;
}

export interface ConsoleService {
	code: string;
	name: string;
	department: string;
	slaHours: number;
}

/** The `orders` event of /api/live: orders changed since the client's last event id. */
export interface LiveOrdersEvent {
	orders: ConsoleOrder[];
}

/** The `hello` event: where the stream starts, so a client knows it is connected. */
export interface LiveHelloEvent {
	seq: number;
	locationId: number;
}
