/** Schemas for what staff send: sign-in, dispatch from the console, and service definitions. */
import { serviceAttributeSchema } from './attributes';
import type { Priority } from './priority';
import * as v from './validate';

export const signIn = v.object({
	username: v.string({ trim: true, min: 1, max: 64 }),
	// Never trimmed: spaces may be part of a password.
	password: v.string({ min: 1, max: 256 })
});
export type SignIn = v.Infer<typeof signIn>;

export const MAX_ORDERS_PER_DISPATCH = 500;

/** Assign (crewId set) or unassign (crewId null) several orders at once. */
export const assignOrders = v.object(
	{
		orderIds: v.array(v.string({ trim: true, min: 1, max: 64 }), { min: 1, max: MAX_ORDERS_PER_DISPATCH }),
		crewId: v.nullable(v.string({ trim: true, min: 1, max: 64 })),
		priority: v.optional(v.map(v.number({ integer: true, min: 1, max: 4 }), (n) => n as Priority)),
		dueAt: v.optional(v.isoDateTime())
	},
	{
		unknownKeys: 'refuse',
		rules: [
			({ orderIds }) =>
				orderIds && new Set(orderIds).size !== orderIds.length
					? [v.issue('orderIds', 'duplicate', 'orderIds must not list the same order twice')]
					: []
		]
	}
);
export type AssignOrders = v.Infer<typeof assignOrders>;

export const SERVICE_TYPES = ['realtime', 'batch', 'blackbox'] as const;

/** An admin creating or editing a service. */
export const serviceDefinition = v.object(
	{
		service_code: v.string({
			trim: true,
			pattern: /^[A-Za-z0-9_-]{1,32}$/,
			patternMessage: 'must be 1 to 32 letters, digits, underscores or dashes'
		}),
		service_name: v.string({ trim: true, min: 1, max: 100 }),
		description: v.withDefault(v.string({ trim: true, max: 1000 }), ''),
		group: v.withDefault(v.string({ trim: true, max: 100 }), ''),
		keywords: v.withDefault(v.commaList(v.string({ trim: true, min: 1, max: 50 }), { max: 50 }), []),
		type: v.withDefault(v.oneOf(SERVICE_TYPES), 'realtime'),
		sla_hours: v.number({ integer: true, min: 1, max: 8760 }),
		attributes: v.withDefault(v.array(serviceAttributeSchema, { max: 100 }), []),
		close_requirements: v.withDefault(
			v.object({
				afterPhoto: v.withDefault(v.boolean(), false),
				timeOnSite: v.withDefault(v.boolean(), false),
				materials: v.withDefault(v.boolean(), false)
			}),
			{ afterPhoto: false, timeOnSite: false, materials: false }
		)
	},
	{
		rules: [
			({ attributes }) => {
				const seen = new Set<string>();
				const issues: v.Issue[] = [];
				(attributes ?? []).forEach((attribute, index) => {
					if (seen.has(attribute.code)) {
						const message = `attributes[${index}].code repeats the code ${attribute.code}; codes must be unique`;
						issues.push(v.issue(`attributes[${index}].code`, 'duplicate', message));
					}
					seen.add(attribute.code);
				});
				return issues;
			}
		]
	}
);
export type ServiceDefinition = v.Infer<typeof serviceDefinition>;
