import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ApiKeyRepository } from './api-keys';
import { CrewRepository } from './crews';
import { DeviceRepository } from './devices';
import { HistoryRepository } from './history';
import { NoteRepository } from './notes';
import { PhotoRepository } from './photos';
import { ServiceRepository } from './services';
import { SessionRepository } from './sessions';
import { UserRepository } from './users';
import { WorkOrderRepository } from './work-orders';
import { inTransaction } from './transaction';
import { AutoAssignRuleRepository } from '../open311/repositories/auto-assign-rules';
import { Open311ReadRepository } from '../open311/repositories/reads';
import { Open311UpdateRepository } from '../open311/repositories/updates';
import { RateLimitRepository } from '../open311/repositories/rate-limits';

export type { AuditEntry, WorkOrderFilter } from './work-orders';
export { newWorkOrderRow, type NewWorkOrderRow } from './new-work-order';

/** Every repository over one connection or transaction. */
export function repositories(db: Kysely<Database>) {
	return {
		apiKeys: new ApiKeyRepository(db),
		autoAssignRules: new AutoAssignRuleRepository(db),
		crews: new CrewRepository(db),
		devices: new DeviceRepository(db),
		history: new HistoryRepository(db),
		notes: new NoteRepository(db),
		open311Reads: new Open311ReadRepository(db),
		open311Updates: new Open311UpdateRepository(db),
		photos: new PhotoRepository(db),
		rateLimits: new RateLimitRepository(db),
		services: new ServiceRepository(db),
		sessions: new SessionRepository(db),
		users: new UserRepository(db),
		workOrders: new WorkOrderRepository(db)
	};
}

export type Repositories = ReturnType<typeof repositories>;

/** One unit of work: everything `work` does through `repos` commits or rolls back together. */
export function withRepositories<T>(
	db: Kysely<Database>,
	work: (repos: Repositories) => Promise<T>
): Promise<T> {
	return inTransaction(db, (trx) => work(repositories(trx)));
}
