/**
 * The wire form of the console's lean rows: one array per order instead of an object, so the
 * first paint of a city with tens of thousands of open orders does not repeat eleven key names
 * for each. Shared by the server (encode) and the console (decode).
 */
import type { ConsoleMapOrder } from './console-rows';

export type LeanOrderTuple = [
	id: string,
	serviceCode: string,
	lat: number,
	long: number,
	status: string,
	priority: number,
	crewId: string | null,
	requestedAt: string,
	dueAt: string | null,
	closedAt: string | null,
	changeSeq: number
];

export function encodeLeanOrder(order: ConsoleMapOrder): LeanOrderTuple {
	return [
		order.id,
		order.serviceCode,
		order.lat,
		order.long,
		order.status,
		order.priority,
		order.crewId,
		order.requestedAt,
		order.dueAt,
		order.closedAt,
		order.changeSeq
	];
}

export function decodeLeanOrder(tuple: LeanOrderTuple): ConsoleMapOrder {
	const [id, serviceCode, lat, long, status, priority, crewId, requestedAt, dueAt, closedAt, changeSeq] =
		tuple;
	return { id, serviceCode, lat, long, status, priority, crewId, requestedAt, dueAt, closedAt, changeSeq };
}
