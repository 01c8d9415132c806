import { describe, expect, it } from 'vitest';
import { TurnBudget } from './turn-budget';

/** Resolves once the event loop has come round to its check phase. */
const loopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnBudget', () => {
	it('lets work through while the turn is young, and waits for the next turn once the budget is spent', async () => {
		const young = new TurnBudget(60_000);
		let looped = false;
		setImmediate(() => (looped = true));
		for (let n = 0; n < 50; n++) await young.pace();
		expect(looped).toBe(false);
		await loopTurn();

		const spent = new TurnBudget(0);
		looped = false;
		setImmediate(() => (looped = true));
		await spent.pace();
		expect(looped).toBe(false);
		await spent.pace();
		expect(looped).toBe(true);
	});

	it('hands waiters on in the order they came', async () => {
		const budget = new TurnBudget(0);
		await budget.pace();
		const order: number[] = [];
		await Promise.all([1, 2, 3, 4].map((n) => budget.pace().then(() => order.push(n))));
		expect(order).toEqual([1, 2, 3, 4]);
	});

	it('gives the event loop a turn between steps of synchronous work once each turn is spent', async () => {
		const budget = new TurnBudget(0);
		let turns = 0;
		let counting = true;
		const count = () => {
			turns++;
			if (counting) setImmediate(count);
		};
		setImmediate(count);
		for (let step = 0; step < 10; step++) await budget.pace();
		counting = false;
		expect(turns).toBeGreaterThanOrEqual(9);
	});
});
