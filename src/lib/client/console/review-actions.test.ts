import { describe, expect, it } from 'vitest';
import { ReviewActions, type Fetcher } from './review-actions.svelte';

function fakeServer(answer: (path: string, body: unknown) => Response) {
	const calls: { path: string; body: unknown }[] = [];
	const fetcher: Fetcher = async (path, init) => {
		const body: unknown = JSON.parse(String(init?.body ?? 'null'));
		calls.push({ path, body });
		return answer(path, body);
	};
	return { calls, fetcher };
}

const ok = () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });

describe('review page actions', () => {
	it('posts a decision, says what happened and reloads the queue', async () => {
		const server = fakeServer(ok);
		let refreshed = 0;
		const actions = new ReviewActions(async () => {
			refreshed += 1;
		}, server.fetcher);
		expect(await actions.reopen('CS-7', 'Still there', null)).toBe(true);
		expect(server.calls).toEqual([
			{ path: '/api/review/reopen', body: { orderId: 'CS-7', reason: 'Still there' } }
		]);
		expect(actions.message).toBe('CS-7 reopened and sent back to the crew.');
		expect(actions.busy).toBeNull();
		expect(refreshed).toBe(1);
	});

	it("shows the server's error in words and does not reload", async () => {
		const server = fakeServer(
			() => new Response(JSON.stringify({ error: 'Order CS-1 is closed.' }), { status: 409 })
		);
		let refreshed = 0;
		const actions = new ReviewActions(async () => {
			refreshed += 1;
		}, server.fetcher);
		expect(await actions.merge('CS-2', 'CS-1')).toBe(false);
		expect(actions.error).toBe('Order CS-1 is closed.');
		expect(actions.message).toBe('');
		expect(refreshed).toBe(0);
	});

	it('says when the server cannot be reached, and when an error is not JSON', async () => {
		const offline = new ReviewActions(
			async () => {},
			async () => {
				throw new TypeError('Failed to fetch');
			}
		);
		expect(await offline.acceptClosure('CS-1')).toBe(false);
		expect(offline.error).toMatch(/could not be reached/);
		const broken = new ReviewActions(
			async () => {},
			async () => new Response('oops', { status: 502 })
		);
		expect(await broken.acknowledgeRefusal('dev', 3)).toBe(false);
		expect(broken.error).toBe('The server refused the request (502).');
	});

	it('sends only the late items the supervisor saw', async () => {
		const server = fakeServer(ok);
		const actions = new ReviewActions(async () => {}, server.fetcher);
		await actions.decideLateReport('CS-3', 'dismiss', ['n1', 'p1']);
		expect(server.calls[0]?.body).toEqual({ orderId: 'CS-3', decision: 'dismiss', itemIds: ['n1', 'p1'] });
		expect(actions.message).toBe('Late report on CS-3 dismissed.');
	});
});
