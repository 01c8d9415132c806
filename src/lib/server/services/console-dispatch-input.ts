/** What the console sends to change orders without assigning them: checked before the service runs. */
import { MAX_ORDERS_PER_DISPATCH, v, type Priority } from '$lib/domain';

const orderIds = v.array(v.string({ trim: true, min: 1, max: 64 }), { min: 1, max: MAX_ORDERS_PER_DISPATCH });

const noRepeats = ({ orderIds }: { orderIds?: string[] }) =>
	orderIds && new Set(orderIds).size !== orderIds.length
		? [v.issue('orderIds', 'duplicate', 'orderIds must not list the same order twice')]
		: [];

/** Priority and/or due time for several orders; at least one of the two. */
export const updateOrders = v.object(
	{
		orderIds,
		priority: v.optional(v.map(v.number({ integer: true, min: 1, max: 4 }), (n) => n as Priority)),
		dueAt: v.optional(v.isoDateTime())
	},
	{
		unknownKeys: 'refuse',
		rules: [
			noRepeats,
			({ priority, dueAt }) =>
				priority === undefined && dueAt === undefined
					? [v.issue('priority', 'required', 'send a priority, a dueAt or both')]
					: []
		]
	}
);

/** Orders to send back to the unassigned queue. */
export const unassignOrders = v.object({ orderIds }, { unknownKeys: 'refuse', rules: [noRepeats] });
