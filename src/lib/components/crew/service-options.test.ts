import { describe, expect, it } from 'vitest';
import type { LocalOrder, LocalService } from '$lib/client/db/schema';
import { order } from '$lib/client/test-support';
import { groupServiceOptions, reportableServices } from './service-options';

const NONE = { afterPhoto: false, timeOnSite: false, materials: false };
const service = (code: string, name: string, group: string, sortOrder: number): LocalService => ({
	code,
	name,
	description: '',
	group,
	attributes: [],
	closeRequirements: NONE,
	sortOrder
});

describe('reportable services', () => {
	it('[S25] offers the whole catalogue, in its order, grouped, even services no order uses', () => {
		const orders: LocalOrder[] = [order('CS-1', { serviceCode: 'POTHOLE', serviceName: 'Pothole' })];
		const options = reportableServices(
			[
				service('GRAFFITI', 'Graffiti', 'Parks', 3),
				service('POTHOLE', 'Pothole', 'Streets', 1),
				service('LIGHT', 'Streetlight out', 'Streets', 2),
				service('BENCH', 'Broken bench', 'Parks', 3)
			],
			orders
		);
		expect(groupServiceOptions(options)).toEqual([
			{
				group: 'Streets',
				options: [
					expect.objectContaining({ serviceCode: 'POTHOLE' }),
					expect.objectContaining({ serviceCode: 'LIGHT' })
				]
			},
			{
				group: 'Parks',
				options: [
					expect.objectContaining({ serviceCode: 'BENCH' }),
					expect.objectContaining({ serviceCode: 'GRAFFITI' })
				]
			}
		]);
	});

	it('[S25] falls back to the services of the orders before the catalogue has been pulled', () => {
		const options = reportableServices(
			[],
			[order('CS-1', { serviceCode: 'POTHOLE', serviceName: 'Pothole' })]
		);
		expect(options.map((option) => option.serviceCode)).toEqual(['POTHOLE']);
		expect(groupServiceOptions(options)).toEqual([{ group: '', options }]);
	});
});
