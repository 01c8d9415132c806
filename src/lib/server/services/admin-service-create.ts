/**
 * Adding a service to the city's catalogue. An active service is offered at once: Open311's
 * services list reads the table on every request (no cache), and the crews' offline catalogue is
 * versioned by a hash of its content (`sync/catalogue.ts`), so tablets receive the new service
 * with their next pull (S25).
 *
 * Codes are stored upper case like the rest of the catalogue, and refused when they match an
 * existing code in any case: "pothole" beside "POTHOLE" would be two services nobody can tell apart.
 */
import type { Kysely } from 'kysely';
import { v } from '$lib/domain';
import type { CloseRequirements } from '$lib/domain/sync/protocol';
import type { Database, ServiceRow } from '../db/schema';
import { inTransaction } from '../repositories/transaction';
import { adminText, type AdminResult } from './admin-support';

export const SERVICE_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export const newServiceForm = v.object({
	service_code: v.map(
		v.string({
			trim: true,
			pattern: SERVICE_CODE_PATTERN,
			patternMessage: 'must be 1 to 32 letters, digits, underscores or dashes (no spaces)'
		}),
		(code) => code.toUpperCase()
	),
	service_name: adminText(100),
	group: adminText(100),
	description: v.withDefault(v.string({ trim: true, max: 1000 }), ''),
	department: adminText(60),
	sla_hours: v.number({ integer: true, min: 1, max: 8760 }),
	after_photo: v.boolean(),
	time_on_site: v.boolean(),
	materials: v.boolean(),
	active: v.boolean()
});
export type NewServiceForm = v.Infer<typeof newServiceForm>;

/** The form's checkboxes: an unticked one sends nothing, so each is read as true or false. */
export const NEW_SERVICE_CHECKBOXES = ['after_photo', 'time_on_site', 'materials', 'active'] as const;

/** New services go to the end of the list residents' apps show. */
const SORT_STEP = 10;

export async function createService(
	db: Kysely<Database>,
	input: NewServiceForm
): Promise<AdminResult<ServiceRow>> {
	const requirements: CloseRequirements = {
		afterPhoto: input.after_photo,
		timeOnSite: input.time_on_site,
		materials: input.materials
	};
	return inTransaction(db, async (trx) => {
		const clash = await trx
			.selectFrom('services')
			.select('service_code')
			.where((eb) => eb(eb.fn('upper', ['service_code']), '=', input.service_code))
			.executeTakeFirst();
		if (clash) return taken(clash.service_code);
		const last = await trx
			.selectFrom('services')
			.select((eb) => eb.fn.max('sort_order').as('sort_order'))
			.executeTakeFirst();
		const created = await trx
			.insertInto('services')
			.values({
				service_code: input.service_code,
				service_name: input.service_name,
				description: input.description,
				group_name: input.group,
				keywords: '',
				type: 'realtime',
				attributes: '[]',
				sla_hours: input.sla_hours,
				close_requirements: JSON.stringify(requirements),
				department: input.department,
				active: input.active ? 1 : 0,
				sort_order: Number(last?.sort_order ?? 0) + SORT_STEP
			})
			// Two admins adding the same code at once: the second is told it is taken, not given a 500.
			.onConflict((conflict) => conflict.column('service_code').doNothing())
			.returningAll()
			.executeTakeFirst();
		return created ? { ok: true, value: created } : taken(input.service_code);
	});
}

function taken(code: string): { ok: false; issues: v.Issue[] } {
	return {
		ok: false,
		issues: [v.issue('service_code', 'taken', `There is already a service with the code ${code}.`)]
	};
}
