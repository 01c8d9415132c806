/** GET discovery.{fmt}: where the endpoint is and what it speaks (Open311 Service Discovery). */
import { list, obj, type DocValue } from './document';
import type { Open311Call, Open311Deps } from './deps';

export const SPECIFICATION_URL = 'http://wiki.open311.org/GeoReport_v2';
export const BASE_PATH = '/open311/v2';

export function discovery(deps: Open311Deps, call: Open311Call): DocValue {
	const { config } = deps;
	return obj({
		changeset: config.changeset,
		contact: config.contact,
		key_service: config.keyService,
		endpoints: list('endpoint', [
			obj({
				specification: SPECIFICATION_URL,
				url: `${call.baseUrl}${BASE_PATH}`,
				changeset: config.changeset,
				type: 'production',
				formats: list('format', ['text/xml', 'application/json'])
			})
		])
	});
}
