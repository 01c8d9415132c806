import type { Kysely, Migration } from 'kysely';

/**
 * A refused mutation stays in the supervisor's review queue until someone acknowledges it. The
 * log row itself records who did and when, because a refusal may name no order (an unknown one,
 * a field report of an unknown service) and so has no status history to write to.
 */
export function reviewDecisions(): Migration {
	return {
		async up(db: Kysely<unknown>) {
			await db.schema.alterTable('mutation_log').addColumn('reviewed_at', 'text').execute();
			await db.schema.alterTable('mutation_log').addColumn('reviewed_by_user_id', 'text').execute();
			// The review queue: "refusals nobody has looked at yet", newest first.
			await db.schema
				.createIndex('mutation_log_outcome_received')
				.on('mutation_log')
				.columns(['outcome', 'received_at'])
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropIndex('mutation_log_outcome_received').execute();
			await db.schema.alterTable('mutation_log').dropColumn('reviewed_by_user_id').execute();
			await db.schema.alterTable('mutation_log').dropColumn('reviewed_at').execute();
		}
	};
}
