/** A small city for sync tests: two crews, their people, a supervisor, orders, a photo store. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
	Mutation,
	MutationInputs,
	MutationName,
	PushResponse,
	PullResponse
} from '../../src/lib/domain';
import type { SessionUser } from '../../src/lib/server/auth/types';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { NewWorkOrder, UserRow } from '../../src/lib/server/db/schema';
import { PhotoStore } from '../../src/lib/server/photos/store';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import { SyncService, type SyncAnswer } from '../../src/lib/server/sync/sync-service';
import { audit, givenCrew, givenService, givenUser, orderRow, T0 } from './fixtures';

export const NOW = new Date('2026-11-02T15:00:00.000Z');
export const CAPTURED = '2026-11-02T14:30:00.000Z';

export function toSessionUser(row: UserRow): SessionUser {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role as SessionUser['role'],
		crewId: row.crew_id,
		department: row.department
	};
}

export function mutation<N extends MutationName>(
	id: number,
	name: N,
	args: MutationInputs[N],
	capturedAt = CAPTURED
): Mutation {
	return { id, name, args, capturedAt };
}

export const uuid = (): string => crypto.randomUUID();

export interface SyncWorld {
	repos: Repositories;
	photos: PhotoStore;
	sync: SyncService;
	/** Crew North: dana and sam. Crew South: lee. */
	dana: SessionUser;
	sam: SessionUser;
	lee: SessionUser;
	supervisor: SessionUser;
	/** An order of Crew North in `status` (default assigned). */
	givenOrder(id: string, overrides?: Partial<NewWorkOrder>): Promise<void>;
	push(user: SessionUser, deviceId: string, mutations: Mutation[]): Promise<SyncAnswer<PushResponse>>;
	/** A push that must succeed; returns its body. */
	pushOk(user: SessionUser, deviceId: string, mutations: Mutation[]): Promise<PushResponse>;
	pullOk(user: SessionUser, deviceId: string, cursor?: string, limit?: number): Promise<PullResponse>;
	cleanup(): void;
}

export async function syncWorld(handle: DatabaseHandle): Promise<SyncWorld> {
	const repos = repositories(handle.db);
	await givenService(repos);
	await givenCrew(repos, 'crew-north', 'Streets North');
	await givenCrew(repos, 'crew-south', 'Streets South');
	const dana = toSessionUser(await givenUser(repos, 'u-dana', 'dana', 'crew-north'));
	const sam = toSessionUser(await givenUser(repos, 'u-sam', 'sam', 'crew-north'));
	const lee = toSessionUser(await givenUser(repos, 'u-lee', 'lee', 'crew-south'));
	const supervisor = toSessionUser(await givenUser(repos, 'u-sup', 'sue', null));
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-sync-photos-'));
	const photos = new PhotoStore(handle.db, dataDir, handle.dialect);
	const sync = new SyncService(handle.db, photos);
	return {
		repos,
		photos,
		sync,
		dana,
		sam,
		lee,
		supervisor,
		async givenOrder(id, overrides = {}) {
			await repos.workOrders.insert(
				orderRow(id, { crew_id: 'crew-north', field_status: 'assigned', assigned_at: T0, ...overrides }),
				audit('created')
			);
		},
		push: (user, deviceId, mutations) => sync.push(user, { deviceId, mutations }, NOW),
		async pushOk(user, deviceId, mutations) {
			const answer = await sync.push(user, { deviceId, mutations }, NOW);
			if (answer.status !== 200)
				throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.body)}`);
			return answer.body as PushResponse;
		},
		async pullOk(user, deviceId, cursor, limit) {
			const answer = await sync.pull(user, { deviceId, cursor, limit }, NOW);
			if (answer.status !== 200)
				throw new Error(`pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
			return answer.body as PullResponse;
		},
		cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true })
	};
}
