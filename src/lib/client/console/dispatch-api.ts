/** The console's calls to the dispatch and list APIs, answering a readable sentence on failure. */
import type { ConsoleOrderPage } from '$lib/components/console/console-rows';

export type DispatchOutcome = { ok: true; count: number } | { ok: false; message: string };

export function assignOrders(orderIds: string[], crewId: string): Promise<DispatchOutcome> {
	return post('/api/dispatch/assign', { orderIds, crewId });
}

export function unassignOrders(orderIds: string[]): Promise<DispatchOutcome> {
	return post('/api/dispatch/unassign', { orderIds });
}

export function updateOrders(
	orderIds: string[],
	change: { priority?: number; dueAt?: string }
): Promise<DispatchOutcome> {
	return post('/api/dispatch/update', { orderIds, ...change });
}

async function post(url: string, body: unknown): Promise<DispatchOutcome> {
	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	} catch {
		return { ok: false, message: 'The server could not be reached. Check the connection and try again.' };
	}
	const answer = (await response.json().catch(() => null)) as {
		orders?: unknown[];
		error?: string;
		details?: { message?: string }[];
	} | null;
	if (response.ok) return { ok: true, count: answer?.orders?.length ?? 0 };
	const details = (answer?.details ?? []).map((detail) => detail.message).filter(Boolean);
	const message = [answer?.error ?? `The server answered ${response.status}.`, ...details].join(' ');
	return { ok: false, message };
}

/** The parameters of GET /api/console/orders (list, filters, cursor). */
export type ConsoleListParams = Record<string, string>;

export type PageFetcher = (query: ConsoleListParams) => Promise<ConsoleOrderPage>;

/** GET /api/console/orders, answering a readable error on failure. */
export async function fetchConsolePage(query: ConsoleListParams): Promise<ConsoleOrderPage> {
	let response: Response;
	try {
		response = await fetch(`/api/console/orders?${new URLSearchParams(query).toString()}`);
	} catch {
		throw new Error('The server could not be reached. Check the connection and try again.');
	}
	const body = (await response.json().catch(() => null)) as (ConsoleOrderPage & { error?: string }) | null;
	if (!response.ok || !body) throw new Error(body?.error ?? `The server answered ${response.status}.`);
	return body;
}
