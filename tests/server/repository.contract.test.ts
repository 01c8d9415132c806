/**
 * The repository contract: the same suite, unchanged, against every database engine the server
 * supports. A behaviour that differs between SQLite and PostgreSQL is a bug in the data layer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { currentChangeSeq } from '../../src/lib/server/db/change-seq';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { repositories, withRepositories, type Repositories } from '../../src/lib/server/repositories';
import { testBackends } from './backends';
import { audit, givenCrew, givenService, givenUser, orderRow, T0 } from './fixtures';

describe.each(testBackends())('repository contract on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let repos: Repositories;

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		repos = repositories(handle.db);
	});
	afterEach(async () => drop());

	describe('migrations', () => {
		it('are idempotent: a second run applies nothing', async () => {
			expect(await migrateToLatest(handle)).toEqual([]);
		});

		it('start the change sequence at zero', async () => {
			expect(await currentChangeSeq(handle.db)).toBe(0);
		});
	});

	describe('services', () => {
		it('round-trips a service and updates it in place on upsert', async () => {
			await givenService(repos);
			await repos.services.upsert({ ...(await repos.services.get('POTHOLE'))!, sla_hours: 48 });
			const all = await repos.services.list();
			expect(all).toHaveLength(1);
			expect(all[0]).toMatchObject({ service_code: 'POTHOLE', sla_hours: 48, group_name: 'Streets' });
		});

		it('hides inactive services unless asked', async () => {
			await givenService(repos);
			await repos.services.upsert({ ...(await repos.services.get('POTHOLE'))!, active: 0 });
			expect(await repos.services.list()).toHaveLength(0);
			expect(await repos.services.list({ includeInactive: true })).toHaveLength(1);
		});
	});

	describe('users', () => {
		it('finds a user by username regardless of case', async () => {
			await givenUser(repos, 'u1', 'Dana.Crew');
			expect((await repos.users.getByUsername('dana.crew'))?.id).toBe('u1');
			expect(await repos.users.getByUsername('nobody')).toBeUndefined();
		});

		it('refuses a second user with the same username', async () => {
			await givenUser(repos, 'u1', 'dana');
			await expect(givenUser(repos, 'u2', 'dana')).rejects.toThrow();
			expect(await repos.users.count()).toBe(1);
		});

		it('refuses an unknown role', async () => {
			await expect(
				repos.users.insert({
					id: 'u9',
					username: 'x',
					display_name: 'X',
					password_hash: 'h',
					role: 'mayor',
					crew_id: null,
					department: null,
					disabled_at: null,
					created_at: T0
				})
			).rejects.toThrow();
		});
	});

	describe('sessions', () => {
		beforeEach(async () => givenUser(repos, 'u1', 'dana'));
		const session = {
			id: 's1',
			userId: 'u1',
			deviceId: null,
			createdAt: T0,
			userAgent: 'test',
			ip: '127.0.0.1'
		};

		it('finds a live session with its user', async () => {
			await repos.sessions.insert({ ...session, expiresAt: '2026-11-03T14:00:00.000Z' });
			const found = await repos.sessions.findActive('s1', T0);
			expect(found?.user.username).toBe('dana');
		});

		it('does not find an expired, revoked or disabled-user session', async () => {
			await repos.sessions.insert({ ...session, expiresAt: '2026-11-02T15:00:00.000Z' });
			expect(await repos.sessions.findActive('s1', '2026-11-02T15:00:00.000Z')).toBeUndefined();

			await repos.sessions.insert({ ...session, id: 's2', expiresAt: '2026-12-01T00:00:00.000Z' });
			await repos.sessions.revoke('s2', T0);
			expect(await repos.sessions.findActive('s2', T0)).toBeUndefined();

			await repos.sessions.insert({ ...session, id: 's3', expiresAt: '2026-12-01T00:00:00.000Z' });
			await repos.users.setDisabled('u1', T0);
			expect(await repos.sessions.findActive('s3', T0)).toBeUndefined();
		});

		it('revokes every session of a user at once and deletes expired ones', async () => {
			await repos.sessions.insert({ ...session, expiresAt: '2026-12-01T00:00:00.000Z' });
			await repos.sessions.insert({ ...session, id: 's2', expiresAt: '2026-11-02T14:30:00.000Z' });
			expect(await repos.sessions.revokeAllForUser('u1', T0)).toBe(2);
			expect(await repos.sessions.deleteExpired('2026-11-05T00:00:00.000Z')).toBe(1);
		});
	});

	describe('API keys', () => {
		it('finds a live key by its hash and not once revoked', async () => {
			const key = {
				id: 'k1',
				keyHash: 'abc',
				keyPrefix: 'cs_abc',
				label: 'Resident app',
				createdByUserId: null,
				createdAt: T0
			};
			await repos.apiKeys.insert(key);
			expect((await repos.apiKeys.findActiveByHash('abc'))?.label).toBe('Resident app');
			expect(await repos.apiKeys.revoke('k1', T0)).toBe(true);
			expect(await repos.apiKeys.revoke('k1', T0)).toBe(false);
			expect(await repos.apiKeys.findActiveByHash('abc')).toBeUndefined();
		});
	});

	describe('work orders', () => {
		beforeEach(async () => {
			await givenService(repos);
			await givenCrew(repos);
		});

		it('round-trips every field with its type: numbers stay numbers, nulls stay null, text is exact', async () => {
			const description = 'Trou énorme 🚧 near "Main" & <Pine>; DROP TABLE work_orders; --';
			await repos.workOrders.insert(
				orderRow('CS-100001', { description, lat: 41.94361234, priority: 1 }),
				audit('created')
			);
			const row = await repos.workOrders.get('CS-100001');
			expect(row).toMatchObject({
				description,
				lat: 41.94361234,
				long: -85.6325,
				priority: 1,
				crew_id: null
			});
			expect(typeof row?.change_seq).toBe('number');
			expect(row?.media_url).toBeNull();
		});

		it('advances the change sequence on every write, notes and photos included', async () => {
			const created = await repos.workOrders.insert(orderRow('CS-1'), audit('created'));
			const assigned = await repos.workOrders.update(
				'CS-1',
				{ crew_id: 'crew-north', field_status: 'assigned' },
				audit('assigned')
			);
			await repos.notes.add(
				{
					id: 'n1',
					work_order_id: 'CS-1',
					author_user_id: null,
					author_kind: 'system',
					body: 'Checked',
					visibility: 'internal',
					late_report: 0,
					captured_at: T0,
					received_at: T0
				},
				audit('noted')
			);
			const afterNote = await repos.workOrders.get('CS-1');
			expect(created.change_seq).toBe(1);
			expect(assigned!.change_seq).toBe(2);
			expect(afterNote!.change_seq).toBe(3);
			expect(await currentChangeSeq(handle.db)).toBe(3);
		});

		it('records one history entry per write with the status and crew before and after', async () => {
			await repos.workOrders.insert(orderRow('CS-1'), audit('created'));
			await repos.workOrders.update(
				'CS-1',
				{ crew_id: 'crew-north', field_status: 'assigned' },
				audit('assigned')
			);
			const history = await repos.history.listForOrder('CS-1');
			expect(
				history.map((h) => [h.action, h.from_status, h.to_status, h.from_crew_id, h.to_crew_id])
			).toEqual([
				['created', null, 'new', null, null],
				['assigned', 'new', 'assigned', null, 'crew-north']
			]);
			expect(history.map((h) => h.change_seq)).toEqual([1, 2]);
		});

		it('returns undefined when updating an order that does not exist, and consumes no sequence', async () => {
			expect(await repos.workOrders.update('nope', { priority: 2 }, audit('updated'))).toBeUndefined();
			expect(await currentChangeSeq(handle.db)).toBe(0);
		});

		it('rolls back everything in a failed unit of work, the change sequence included', async () => {
			await expect(
				withRepositories(handle.db, async (trx) => {
					await trx.workOrders.insert(orderRow('CS-1'), audit('created'));
					throw new Error('boom');
				})
			).rejects.toThrow('boom');
			expect(await repos.workOrders.get('CS-1')).toBeUndefined();
			expect(await currentChangeSeq(handle.db)).toBe(0);
			expect(await repos.history.listForOrder('CS-1')).toEqual([]);
		});

		it('refuses an order for an unknown service or crew', async () => {
			await expect(
				repos.workOrders.insert(orderRow('CS-1', { service_code: 'NOPE' }), audit('created'))
			).rejects.toThrow();
			await expect(
				repos.workOrders.insert(orderRow('CS-2', { crew_id: 'ghost' }), audit('created'))
			).rejects.toThrow();
		});

		it("pages a crew's changes by cursor, oldest change first, with nothing skipped", async () => {
			await givenCrew(repos, 'crew-south', 'Streets South');
			for (let i = 1; i <= 7; i++) {
				const crew = i % 2 === 0 ? 'crew-south' : 'crew-north';
				await repos.workOrders.insert(
					orderRow(`CS-${i}`, { crew_id: crew, field_status: 'assigned' }),
					audit('created')
				);
			}
			await repos.workOrders.update('CS-1', { priority: 1 }, audit('updated'));
			const seen: string[] = [];
			let cursor = 0;
			for (;;) {
				const page = await repos.workOrders.changedSince('crew-north', cursor, 2);
				if (page.length === 0) break;
				seen.push(...page.map((row) => row.id));
				cursor = page.at(-1)!.change_seq;
			}
			expect(seen).toEqual(['CS-3', 'CS-5', 'CS-7', 'CS-1']);
		});

		it('filters lists by crew, status, service, ids and requested time, newest first', async () => {
			await repos.workOrders.insert(
				orderRow('CS-1', { requested_at: '2026-10-01T00:00:00.000Z' }),
				audit('created')
			);
			await repos.workOrders.insert(
				orderRow('CS-2', {
					requested_at: '2026-10-05T00:00:00.000Z',
					crew_id: 'crew-north',
					field_status: 'assigned'
				}),
				audit('created')
			);
			await repos.workOrders.insert(
				orderRow('CS-3', { requested_at: '2026-10-09T00:00:00.000Z' }),
				audit('created')
			);
			const ids = async (filter: Parameters<Repositories['workOrders']['list']>[0]) =>
				(await repos.workOrders.list(filter, { limit: 10 })).map((row) => row.id);
			expect(await ids({})).toEqual(['CS-3', 'CS-2', 'CS-1']);
			expect(await ids({ unassigned: true })).toEqual(['CS-3', 'CS-1']);
			expect(await ids({ crewId: 'crew-north' })).toEqual(['CS-2']);
			expect(await ids({ fieldStatuses: ['new'] })).toEqual(['CS-3', 'CS-1']);
			expect(await ids({ ids: [] })).toEqual([]);
			expect(await ids({ ids: ['CS-1', 'CS-3'] })).toEqual(['CS-3', 'CS-1']);
			expect(
				await ids({ requestedFrom: '2026-10-02T00:00:00.000Z', requestedTo: '2026-10-06T00:00:00.000Z' })
			).toEqual(['CS-2']);
			expect((await repos.workOrders.list({}, { limit: 1, offset: 1 })).map((row) => row.id)).toEqual([
				'CS-2'
			]);
			expect(await repos.workOrders.countByStatus()).toEqual({ new: 2, assigned: 1 });
		});

		it('hands out unique, gap-free change numbers to concurrent writers', async () => {
			await repos.workOrders.insert(orderRow('CS-1'), audit('created'));
			await Promise.all(
				Array.from({ length: 20 }, (_, i) =>
					repos.workOrders.update('CS-1', { priority: (i % 4) + 1 }, audit('updated'))
				)
			);
			const seqs = (await repos.history.listForOrder('CS-1')).map((h) => h.change_seq);
			expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
		});
	});

	describe('notes and photos', () => {
		beforeEach(async () => {
			await givenService(repos);
			await repos.workOrders.insert(orderRow('CS-1'), audit('created'));
		});
		const note = {
			id: 'n1',
			work_order_id: 'CS-1',
			author_user_id: null,
			author_kind: 'crew',
			body: 'Patched',
			visibility: 'internal',
			late_report: 0,
			captured_at: T0,
			received_at: T0
		};

		it('appends a note once even when the same note arrives twice', async () => {
			expect(await repos.notes.add(note, audit('noted'))).toBe(true);
			expect(await repos.notes.add(note, audit('noted'))).toBe(false);
			expect(await repos.notes.listForOrder('CS-1')).toHaveLength(1);
			expect((await repos.workOrders.get('CS-1'))?.change_seq).toBe(2);
		});

		it('refuses a note for an order that does not exist', async () => {
			await expect(repos.notes.add({ ...note, work_order_id: 'ghost' }, audit('noted'))).rejects.toThrow();
		});

		it('stores photo metadata and bytes once per content hash and attaches photos idempotently', async () => {
			const sha = 'a'.repeat(64);
			const photo = {
				sha256: sha,
				size: 3,
				content_type: 'image/jpeg',
				width: 1,
				height: 1,
				storage: 'db',
				received_at: T0
			};
			await repos.photos.saveMetadata(photo);
			await repos.photos.saveMetadata(photo);
			await repos.photos.putBlob(sha, new Uint8Array([1, 2, 255]));
			await repos.photos.putBlob(sha, new Uint8Array([1, 2, 255]));
			expect(Array.from((await repos.photos.getBlob(sha))!)).toEqual([1, 2, 255]);
			const link = {
				id: 'p1',
				work_order_id: 'CS-1',
				sha256: sha,
				kind: 'after',
				author_user_id: null,
				late_report: 0,
				captured_at: T0,
				received_at: T0
			};
			expect(await repos.photos.attach(link, audit('photographed'))).toBe(true);
			expect(await repos.photos.attach(link, audit('photographed'))).toBe(false);
			expect(await repos.photos.listForOrder('CS-1')).toHaveLength(1);
		});
	});

	describe('devices', () => {
		it('registers a device once and records its last applied mutation', async () => {
			await givenUser(repos, 'u1', 'dana');
			await repos.devices.register({ id: 'd1', userId: 'u1', label: 'Tablet 4', userAgent: 'x', at: T0 });
			await repos.devices.register({ id: 'd1', userId: 'u1', label: 'Tablet 4b', userAgent: 'y', at: T0 });
			await repos.devices.setLastMutationId('d1', 42, T0);
			expect(await repos.devices.get('d1')).toMatchObject({ label: 'Tablet 4b', last_mutation_id: 42 });
		});
	});
});
