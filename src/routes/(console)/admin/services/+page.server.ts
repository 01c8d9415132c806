import { fail } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import {
	AdminServicesService,
	serviceSettingsForm,
	servicesForAdmin
} from '$lib/server/services/admin-services';
import {
	NEW_SERVICE_CHECKBOXES,
	createService,
	newServiceForm
} from '$lib/server/services/admin-service-create';
import { readForm } from '$lib/server/services/admin-support';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { database } = await serverContext();
	const services = await servicesForAdmin(database.db);
	return {
		services,
		departments: [...new Set(services.map((s) => s.department))].sort(),
		groups: [...new Set(services.map((s) => s.group).filter(Boolean))].sort()
	};
};

export const actions: Actions = {
	create: async ({ request }) => {
		const checked = await readForm(request, newServiceForm, NEW_SERVICE_CHECKBOXES);
		if (!checked.ok) return fail(400, { action: 'create', issues: checked.issues });
		const { database } = await serverContext();
		const created = await createService(database.db, checked.value);
		if (!created.ok) return fail(400, { action: 'create', issues: created.issues });
		const service = created.value;
		const offered =
			service.active === 1
				? 'Residents can now choose it over Open311, and crews get it with their next sync.'
				: 'It is not offered yet: tick "Offered to residents" on it when it should be.';
		return {
			action: 'create',
			done: `${service.service_name} (${service.service_code}) was added. ${offered}`
		};
	},
	update: async ({ request, locals }) => {
		if (!locals.user) return fail(401, { action: 'update', issues: [{ message: 'Sign in first.' }] });
		const checked = await readForm(request, serviceSettingsForm, [
			'after_photo',
			'time_on_site',
			'materials',
			'active'
		]);
		if (!checked.ok) return fail(400, { action: 'update', issues: checked.issues });
		const { database } = await serverContext();
		const updated = await new AdminServicesService(database.db).update(
			checked.value,
			locals.user,
			new Date()
		);
		if (!updated.ok) return fail(400, { action: 'update', issues: updated.issues });
		const { service, ordersResent } = updated.value;
		const resent =
			ordersResent > 0
				? ` ${ordersResent} open ${ordersResent === 1 ? 'order goes' : 'orders go'} to crews with the new requirements on their next sync.`
				: '';
		return { action: 'update', done: `${service.service_name} was saved.${resent}` };
	}
};
