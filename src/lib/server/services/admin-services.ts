/**
 * Administering services' operational settings: response time (SLA hours), what a crew must supply
 * to close an order (after-photo, time on site, materials), department and whether it is offered.
 *
 * New SLA hours apply to requests filed from now on; due times already set are kept, because a
 * resident was told them. New close requirements reach crews on their next sync: every open order
 * of the service that a crew holds is touched (a new change number through WorkOrderRepository),
 * so the pull sends it again with the service's current requirements.
 */
import type { Kysely } from 'kysely';
import { FIELD_STATUSES, isFinalStatus, v } from '$lib/domain';
import type { CloseRequirements } from '$lib/domain/sync/protocol';
import type { SessionUser } from '../auth/types';
import type { Database, ServiceRow } from '../db/schema';
import { repositories, withRepositories } from '../repositories';
import { adminText, type AdminResult } from './admin-support';

export const serviceSettingsForm = v.object({
	service_code: v.string({ trim: true, min: 1, max: 32 }),
	sla_hours: v.number({ integer: true, min: 1, max: 8760 }),
	department: adminText(60),
	after_photo: v.boolean(),
	time_on_site: v.boolean(),
	materials: v.boolean(),
	active: v.boolean()
});
export type ServiceSettingsForm = v.Infer<typeof serviceSettingsForm>;

export function parseCloseRequirements(json: string): CloseRequirements {
	let raw: Record<string, unknown> = {};
	try {
		const parsed: unknown = JSON.parse(json);
		if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
	} catch {
		// A damaged value requires nothing rather than blocking every close of the service.
	}
	return {
		afterPhoto: raw['afterPhoto'] === true,
		timeOnSite: raw['timeOnSite'] === true,
		materials: raw['materials'] === true
	};
}

const OPEN_STATUSES = FIELD_STATUSES.filter((status) => !isFinalStatus(status));
/** Far above any crew's open work for one service; a bound so one click cannot run for ever. */
const MAX_ORDERS_RESENT = 20_000;

export interface ServiceUpdate {
	service: ServiceRow;
	/** Open orders on crews' devices that will carry the new requirements on their next sync. */
	ordersResent: number;
}

export class AdminServicesService {
	constructor(private readonly db: Kysely<Database>) {}

	async update(
		input: ServiceSettingsForm,
		actor: SessionUser,
		now: Date
	): Promise<AdminResult<ServiceUpdate>> {
		const requirements: CloseRequirements = {
			afterPhoto: input.after_photo,
			timeOnSite: input.time_on_site,
			materials: input.materials
		};
		return withRepositories(this.db, async (repos) => {
			const before = await repos.services.get(input.service_code);
			if (!before)
				return { ok: false, issues: [v.issue('service_code', 'not_found', 'There is no such service.')] };
			const service = await repos.services.update(input.service_code, {
				sla_hours: input.sla_hours,
				department: input.department,
				close_requirements: JSON.stringify(requirements),
				active: input.active ? 1 : 0
			});
			if (!service)
				return { ok: false, issues: [v.issue('service_code', 'not_found', 'There is no such service.')] };
			const changed =
				JSON.stringify(parseCloseRequirements(before.close_requirements)) !== JSON.stringify(requirements);
			let ordersResent = 0;
			if (changed) {
				const held = await repos.workOrders.list(
					{ serviceCodes: [service.service_code], fieldStatuses: OPEN_STATUSES },
					{ limit: MAX_ORDERS_RESENT }
				);
				for (const order of held) {
					if (order.crew_id === null) continue;
					await repos.workOrders.touch(order.id, {
						at: now.toISOString(),
						actorUserId: actor.id,
						actorKind: 'admin',
						action: 'updated',
						detail: { reason: 'close requirements changed', closeRequirements: requirements }
					});
					ordersResent++;
				}
			}
			return { ok: true, value: { service, ordersResent } };
		});
	}
}

/** For the admin page, which lists every service with its settings. */
export async function servicesForAdmin(db: Kysely<Database>) {
	const services = await repositories(db).services.list({ includeInactive: true });
	return services.map((s) => ({
		code: s.service_code,
		name: s.service_name,
		group: s.group_name,
		department: s.department,
		slaHours: s.sla_hours,
		active: s.active === 1,
		requirements: parseCloseRequirements(s.close_requirements)
	}));
}
