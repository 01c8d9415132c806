import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import { DispatchService } from '../../src/lib/server/services/dispatch';
import { testBackends } from './backends';
import { audit, givenCrew, givenService, givenUser, orderRow, T0 } from './fixtures';

const supervisor: SessionUser = {
	id: 'sup',
	username: 'rosa',
	displayName: 'Rosa',
	role: 'supervisor',
	crewId: null,
	department: null
};
const now = new Date('2026-11-03T09:00:00.000Z');

describe.each(testBackends())('dispatch on $name', (backend) => {
	let repos: Repositories;
	let dispatch: DispatchService;
	let drop: () => Promise<void>;

	beforeEach(async () => {
		const created = await backend.create();
		drop = created.drop;
		repos = repositories(created.handle.db);
		dispatch = new DispatchService(created.handle.db);
		await givenService(repos);
		await givenCrew(repos, 'north', 'Streets North');
		await givenCrew(repos, 'south', 'Streets South');
		await givenUser(repos, 'sup', 'rosa');
		await repos.workOrders.insert(orderRow('CS-1'), audit('created'));
		await repos.workOrders.insert(orderRow('CS-2'), audit('created'));
		await repos.workOrders.insert(
			orderRow('CS-3', { field_status: 'closed', closed_at: T0 }),
			audit('created')
		);
	});
	afterEach(async () => drop());

	it('assigns several orders with priority and due time, recording who did it', async () => {
		const result = await dispatch.assign(
			supervisor,
			{
				orderIds: ['CS-1', 'CS-2'],
				crewId: 'north',
				priority: 2,
				dueAt: new Date('2026-11-04T17:00:00.000Z')
			},
			now
		);
		expect(result.ok).toBe(true);
		const order = await repos.workOrders.get('CS-1');
		expect(order).toMatchObject({
			crew_id: 'north',
			field_status: 'assigned',
			priority: 2,
			due_at: '2026-11-04T17:00:00.000Z',
			assigned_at: now.toISOString()
		});
		const last = (await repos.history.listForOrder('CS-1')).at(-1);
		expect(last).toMatchObject({
			action: 'assigned',
			actor_user_id: 'sup',
			from_crew_id: null,
			to_crew_id: 'north'
		});
	});

	it('reassigns to another crew and unassigns back to the queue', async () => {
		await dispatch.assign(supervisor, { orderIds: ['CS-1'], crewId: 'north' }, now);
		await dispatch.assign(supervisor, { orderIds: ['CS-1'], crewId: 'south' }, now);
		expect((await repos.workOrders.get('CS-1'))?.crew_id).toBe('south');
		await dispatch.assign(supervisor, { orderIds: ['CS-1'], crewId: null }, now);
		expect(await repos.workOrders.get('CS-1')).toMatchObject({
			crew_id: null,
			field_status: 'new',
			assigned_at: null
		});
	});

	it('changes nothing when any order in the batch cannot be assigned', async () => {
		const result = await dispatch.assign(
			supervisor,
			{ orderIds: ['CS-1', 'CS-3', 'CS-404'], crewId: 'north' },
			now
		);
		expect(result).toMatchObject({ ok: false, status: 400 });
		if (result.ok) return;
		expect(result.details.map((issue) => issue.path)).toEqual(['orderIds[1]', 'orderIds[2]']);
		expect((await repos.workOrders.get('CS-1'))?.crew_id).toBeNull();
	});

	it('refuses an unknown crew', async () => {
		expect(await dispatch.assign(supervisor, { orderIds: ['CS-1'], crewId: 'ghost' }, now)).toMatchObject({
			ok: false,
			status: 404
		});
	});
});
