/** The shape of a push body, checked before anything is applied (S4). */
import { MAX_MUTATIONS_PER_PUSH, isUuid, v } from '$lib/domain';

const wireMutation = v.object({
	id: v.number({ integer: true, min: 1, max: Number.MAX_SAFE_INTEGER }),
	// Name, time and args are checked per mutation, so one bad mutation is refused (S6), not the push.
	name: v.withDefault(v.string({ max: 64 }), ''),
	capturedAt: v.withDefault(v.string({ max: 64 }), ''),
	args: v.custom((input) => ({ ok: true, value: input }))
});
export type WireMutation = v.Infer<typeof wireMutation>;

export const pushRequestSchema = v.object(
	{
		deviceId: v.refine(v.string({ trim: true, max: 36 }), (id, label) =>
			isUuid(id) ? null : `${label} must be a UUID`
		),
		mutations: v.array(wireMutation, { max: MAX_MUTATIONS_PER_PUSH })
	},
	{
		rules: [
			({ mutations }) => {
				const increasing = (mutations ?? []).every((m, i, all) => i === 0 || m.id > (all[i - 1]?.id ?? 0));
				return increasing
					? []
					: [v.issue('mutations', 'order', 'mutations must be sent in increasing id order')];
			}
		]
	}
);
