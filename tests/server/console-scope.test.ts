import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import {
	crewInScope,
	orderInScope,
	scopeFor,
	serviceInScope
} from '../../src/lib/server/services/department-scope';
import { DispatchService } from '../../src/lib/server/services/dispatch';
import { testBackends } from './backends';
import { audit, givenCrew, givenService, givenUser, orderRow } from './fixtures';

function staff(role: SessionUser['role'], department: string | null): SessionUser {
	return { id: 'u', username: role, displayName: role, role, crewId: null, department };
}
const publicWorks = staff('supervisor', 'Public Works');
const citywide = staff('supervisor', null);
const now = new Date('2026-11-03T09:00:00.000Z');

describe('scopeFor', () => {
	it('gives admins and department-less supervisors every department, crews none', () => {
		expect(scopeFor(staff('admin', 'Forestry'))).toEqual({ departments: null });
		expect(scopeFor(citywide)).toEqual({ departments: null });
		expect(scopeFor(publicWorks)).toEqual({ departments: ['Public Works'] });
		expect(scopeFor(staff('crew', 'Public Works'))).toEqual({ departments: [] });
	});
});

describe.each(testBackends())('department scope on $name', (backend) => {
	let handle: DatabaseHandle;
	let repos: Repositories;
	let dispatch: DispatchService;
	let drop: () => Promise<void>;

	beforeEach(async () => {
		const created = await backend.create();
		({ handle, drop } = created);
		repos = repositories(handle.db);
		dispatch = new DispatchService(handle.db);
		await givenService(repos, 'POTHOLE');
		const trash = await givenService(repos, 'TRASH');
		await repos.services.upsert({ ...trash, department: 'Sanitation' });
		await givenCrew(repos, 'north', 'Streets North');
		await givenUser(repos, 'u', 'rosa');
		const sanitation = await givenCrew(repos, 'bins', 'Sanitation A');
		await handle.db
			.updateTable('crews')
			.set({ department: 'Sanitation' })
			.where('id', '=', sanitation.id)
			.execute();
		await repos.workOrders.insert(orderRow('CS-1'), audit('created'));
		await repos.workOrders.insert(orderRow('CS-2', { service_code: 'TRASH' }), audit('created'));
	});
	afterEach(async () => drop());

	it('filters orders by their service department, and crews and services by theirs', async () => {
		const scope = scopeFor(publicWorks);
		const orders = await handle.db
			.selectFrom('work_orders')
			.select('id')
			.where(orderInScope(scope))
			.execute();
		expect(orders.map((row) => row.id)).toEqual(['CS-1']);
		const crews = await handle.db.selectFrom('crews').select('id').where(crewInScope(scope)).execute();
		expect(crews.map((row) => row.id)).toEqual(['north']);
		const services = await handle.db
			.selectFrom('services')
			.select('service_code')
			.where(serviceInScope(scope))
			.execute();
		expect(services.map((row) => row.service_code)).toEqual(['POTHOLE']);
		const everything = await handle.db
			.selectFrom('work_orders')
			.innerJoin('services', 'services.service_code', 'work_orders.service_code')
			.select('work_orders.id')
			.where(orderInScope(scopeFor(citywide)))
			.execute();
		expect(everything).toHaveLength(2);
		const none = scopeFor(staff('crew', null));
		expect(
			await handle.db.selectFrom('work_orders').select('id').where(orderInScope(none)).execute()
		).toEqual([]);
	});

	it('refuses (403) to assign an order of another department, changing nothing', async () => {
		const result = await dispatch.assign(publicWorks, { orderIds: ['CS-1', 'CS-2'], crewId: 'north' }, now);
		expect(result).toMatchObject({ ok: false, status: 403, error: 'CS-2 belongs to another department.' });
		expect((await repos.workOrders.get('CS-1'))?.crew_id).toBeNull();
	});

	it('refuses (403) to assign to a crew of another department', async () => {
		const result = await dispatch.assign(publicWorks, { orderIds: ['CS-1'], crewId: 'bins' }, now);
		expect(result).toMatchObject({
			ok: false,
			status: 403,
			error: 'Sanitation A is outside your department.'
		});
	});

	it('lets a city-wide supervisor dispatch in every department', async () => {
		expect(await dispatch.assign(citywide, { orderIds: ['CS-2'], crewId: 'bins' }, now)).toMatchObject({
			ok: true
		});
	});

	it('updates priority and due time without moving the order, in scope only', async () => {
		await dispatch.assign(publicWorks, { orderIds: ['CS-1'], crewId: 'north' }, now);
		const dueAt = new Date('2026-11-05T12:00:00.000Z');
		const result = await dispatch.update(publicWorks, { orderIds: ['CS-1'], priority: 1, dueAt }, now);
		expect(result.ok).toBe(true);
		expect(await repos.workOrders.get('CS-1')).toMatchObject({
			crew_id: 'north',
			field_status: 'assigned',
			priority: 1,
			due_at: dueAt.toISOString()
		});
		expect((await repos.history.listForOrder('CS-1')).at(-1)).toMatchObject({ action: 'updated' });
		expect(await dispatch.update(publicWorks, { orderIds: ['CS-2'], priority: 1 }, now)).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await dispatch.update(publicWorks, { orderIds: ['CS-9'], priority: 1 }, now)).toMatchObject({
			ok: false,
			status: 400
		});
	});
});
