import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { currentChangeSeq } from '../../src/lib/server/db/change-seq';
import { AuthService } from '../../src/lib/server/auth/auth-service';
import { repositories } from '../../src/lib/server/repositories';
import { printDemoSignIns } from '../../src/lib/server/seed/demo-sign-ins';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/generate';
import { seedDemoCityIfEmpty } from '../../src/lib/server/seed/seed-database';
import { hashPassword } from '../../src/lib/server/auth/password';
import { SignInThrottle } from '../../src/lib/server/auth/throttle';
import { testBackends } from './backends';

const now = new Date('2026-11-27T15:00:00.000Z');

describe.each(testBackends())('seeding the demo city on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
	});
	afterEach(async () => drop());

	it('seeds an empty database once, and never a second time', async () => {
		const first = await seedDemoCityIfEmpty(handle.db, { now });
		expect(first?.summary).toMatch(/12 services, 4 crews, 11 people, 360 requests/);
		expect(await seedDemoCityIfEmpty(handle.db, { now })).toBeNull();
		expect(await repositories(handle.db).users.count()).toBe(11);
	});

	it('leaves the change sequence consistent: every order at its latest history entry, counter at the top', async () => {
		await seedDemoCityIfEmpty(handle.db, { now });
		const orders = await handle.db.selectFrom('work_orders').select(['id', 'change_seq']).execute();
		const latest = await handle.db
			.selectFrom('status_history')
			.select(['work_order_id', (eb) => eb.fn.max('change_seq').as('seq')])
			.groupBy('work_order_id')
			.execute();
		const latestById = new Map(latest.map((row) => [row.work_order_id, Number(row.seq)]));
		for (const order of orders) expect(order.change_seq).toBe(latestById.get(order.id));
		const top = Math.max(...orders.map((order) => order.change_seq));
		expect(await currentChangeSeq(handle.db)).toBe(top);
		expect(new Set(orders.map((order) => order.change_seq)).size).toBe(orders.length);
	});

	it('lets every demo person sign in with the demo password', async () => {
		await seedDemoCityIfEmpty(handle.db, { now });
		const repos = repositories(handle.db);
		const auth = new AuthService(repos, new SignInThrottle(handle.db));
		const people = await repos.users.list();
		const results = await Promise.all(
			people.map((person) => auth.signIn(person.username, DEMO_PASSWORD, { userAgent: 't', ip: '', now }))
		);
		expect(results.every((result) => result.ok)).toBe(true);
		expect(new Set(people.map((person) => person.role))).toEqual(new Set(['crew', 'supervisor', 'admin']));
	});

	it('prints only the sign-ins that still use the demo password', async () => {
		await seedDemoCityIfEmpty(handle.db, { now });
		const repos = repositories(handle.db);
		const admin = (await repos.users.list()).find((user) => user.role === 'admin')!;
		await repos.users.setPasswordHash(admin.id, await hashPassword('changed by the city'));
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		await printDemoSignIns(repos);
		const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
		log.mockRestore();
		expect(printed).toContain(DEMO_PASSWORD);
		expect(printed).toContain('dana.crew');
		expect(printed).not.toContain(admin.username);
	});
});
