import type { Kysely } from 'kysely';
import type { Database, NewService, ServiceRow, ServicesTable } from '../db/schema';

export class ServiceRepository {
	constructor(private readonly db: Kysely<Database>) {}

	list(options: { includeInactive?: boolean } = {}): Promise<ServiceRow[]> {
		let query = this.db.selectFrom('services').selectAll();
		if (!options.includeInactive) query = query.where('active', '=', 1);
		return query.orderBy('sort_order').orderBy('service_code').execute();
	}

	get(serviceCode: string): Promise<ServiceRow | undefined> {
		return this.db
			.selectFrom('services')
			.selectAll()
			.where('service_code', '=', serviceCode)
			.executeTakeFirst();
	}

	/** Creates the service or replaces its definition (admins edit services in place). */
	async upsert(service: NewService): Promise<ServiceRow> {
		const { service_code: _code, ...changes } = service;
		return this.db
			.insertInto('services')
			.values(service)
			.onConflict((conflict) => conflict.column('service_code').doUpdateSet(changes))
			.returningAll()
			.executeTakeFirstOrThrow();
	}

	/** Changes an existing service's operational settings; returns undefined when there is no such service. */
	update(
		serviceCode: string,
		changes: Partial<Pick<ServicesTable, 'sla_hours' | 'close_requirements' | 'department' | 'active'>>
	): Promise<ServiceRow | undefined> {
		return this.db
			.updateTable('services')
			.set(changes)
			.where('service_code', '=', serviceCode)
			.returningAll()
			.executeTakeFirst();
	}
}
