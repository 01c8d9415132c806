import type { Kysely } from 'kysely';
import type { AutoAssignRuleRow, Database, NewAutoAssignRule } from '../../db/schema';

export class AutoAssignRuleRepository {
	constructor(private readonly db: Kysely<Database>) {}

	list(): Promise<AutoAssignRuleRow[]> {
		return this.db
			.selectFrom('auto_assign_rules')
			.selectAll()
			.orderBy('service_code')
			.orderBy('sort_order')
			.orderBy('id')
			.execute();
	}

	/** Active rules for one service, in the order they are tried. */
	activeForService(serviceCode: string): Promise<AutoAssignRuleRow[]> {
		return this.db
			.selectFrom('auto_assign_rules')
			.selectAll()
			.where('service_code', '=', serviceCode)
			.where('active', '=', 1)
			.orderBy('sort_order')
			.orderBy('id')
			.execute();
	}

	async insert(rule: NewAutoAssignRule): Promise<void> {
		await this.db.insertInto('auto_assign_rules').values(rule).execute();
	}

	async remove(id: string): Promise<boolean> {
		const result = await this.db.deleteFrom('auto_assign_rules').where('id', '=', id).executeTakeFirst();
		return Number(result.numDeletedRows) > 0;
	}
}
