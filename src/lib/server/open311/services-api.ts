/** GET services.{fmt} and services/{code}.{fmt}. */
import type { ServiceRow } from '../db/schema';
import { list, obj, type DocValue } from './document';
import { notFound } from './errors';
import type { Open311Deps } from './deps';
import { parseDefinitions } from './request-view';

function keywords(row: ServiceRow): string {
	return row.keywords
		.split(',')
		.map((word) => word.trim())
		.filter(Boolean)
		.join(', ');
}

export async function listServices(deps: Open311Deps): Promise<DocValue> {
	const services = await deps.repos.services.list();
	return list(
		'service',
		services.map((row) =>
			obj({
				service_code: row.service_code,
				service_name: row.service_name,
				description: row.description,
				// true means "ask services/{code} for the questions": only when there are any.
				metadata: parseDefinitions(row.attributes).length > 0,
				type: row.type,
				keywords: keywords(row),
				group: row.group_name
			})
		)
	);
}

export async function serviceDefinition(deps: Open311Deps, code: string): Promise<DocValue> {
	const row = await deps.repos.services.get(code);
	if (!row || row.active !== 1) throw notFound(`There is no service with service_code ${code}.`);
	const definitions = [...parseDefinitions(row.attributes)].sort((a, b) => a.order - b.order);
	return obj({
		service_code: row.service_code,
		attributes: list(
			'attribute',
			definitions.map((definition) =>
				obj({
					variable: definition.variable,
					code: definition.code,
					datatype: definition.datatype,
					required: definition.required,
					datatype_description: definition.datatype_description,
					order: definition.order,
					description: definition.description,
					values: list(
						'value',
						(definition.values ?? []).map((value) => obj({ key: value.key, name: value.name }))
					)
				})
			)
		)
	});
}
