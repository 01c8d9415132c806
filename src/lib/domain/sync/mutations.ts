/**
 * The mutations a crew device can queue, defined once for the client and the server: each has a
 * validation schema, and parseMutation turns a wire Mutation into a typed one or a reason.
 */
import { isSha256Hex, isUuid } from '../ids';
import { RESOLUTION_CODES, UNABLE_REASONS, unableReasonProblem } from '../resolution';
import * as v from '../validate';
import { isMutationName, type Mutation, type MutationName } from './protocol';

const uuid = v.refine(v.string({ trim: true, max: 36 }), (id, label) =>
	isUuid(id) ? null : `${label} must be a UUID`
);
const sha256 = v.refine(v.string({ max: 64 }), (hash, label) =>
	isSha256Hex(hash) ? null : `${label} must be a lowercase hex SHA-256`
);
/** A server id (CS-000123) or, for an order reported in the field, the device's UUID for it. */
const orderId = v.string({ trim: true, min: 1, max: 64 });
const lat = v.number({ min: -90, max: 90 });
const long = v.number({ min: -180, max: 180 });

export const PHOTO_KINDS = ['before', 'after', 'other'] as const;
export const MAX_NOTE_LENGTH = 4000;
export const MAX_PHOTOS_PER_MUTATION = 20;

const material = v.object({
	name: v.string({ trim: true, min: 1, max: 100 }),
	quantity: v.number({ min: 0, max: 1_000_000 }),
	unit: v.string({ trim: true, min: 1, max: 20 })
});

const unableToComplete = v.object(
	{
		orderId,
		reason: v.oneOf(UNABLE_REASONS),
		text: v.withDefault(v.string({ trim: true, max: 2000 }), '')
	},
	{
		rules: [
			({ reason, text }) => {
				const problem = reason ? unableReasonProblem(reason, text) : null;
				return problem ? [v.issue('text', 'required', problem)] : [];
			}
		]
	}
);

export const MUTATION_SCHEMAS = {
	startWork: v.object({ orderId }),
	addNote: v.object({ noteId: uuid, orderId, body: v.string({ trim: true, min: 1, max: MAX_NOTE_LENGTH }) }),
	addPhoto: v.object({ linkId: uuid, orderId, sha256, kind: v.oneOf(PHOTO_KINDS) }),
	closeOrder: v.object({
		orderId,
		resolutionCode: v.oneOf(RESOLUTION_CODES),
		notes: v.withDefault(v.string({ trim: true, max: MAX_NOTE_LENGTH }), ''),
		afterPhotoLinkIds: v.withDefault(v.array(uuid, { max: MAX_PHOTOS_PER_MUTATION }), []),
		timeOnSiteMinutes: v.optional(v.number({ integer: true, min: 0, max: 1440 })),
		materials: v.withDefault(v.array(material, { max: 50 }), [])
	}),
	unableToComplete,
	reportProblem: v.object({
		// Made on the device, so a retried report can never create a second order.
		orderId: uuid,
		serviceCode: v.string({ trim: true, min: 1, max: 32 }),
		lat,
		long,
		address: v.optional(v.string({ trim: true, max: 200 })),
		description: v.string({ trim: true, min: 1, max: MAX_NOTE_LENGTH }),
		photos: v.withDefault(v.array(v.object({ linkId: uuid, sha256 }), { max: MAX_PHOTOS_PER_MUTATION }), [])
	}),
	recordLocation: v.object({ lat, long, accuracyM: v.optional(v.number({ min: 0, max: 100_000 })) })
} satisfies Record<MutationName, v.Schema<unknown>>;

/** Args after parsing: defaults filled in, optional fields present as undefined. */
export type MutationArgs<N extends MutationName> = v.Infer<(typeof MUTATION_SCHEMAS)[N]>;

type Loose<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** Args as a device writes them: fields with a default or that are optional may be left out. */
export interface MutationInputs {
	startWork: MutationArgs<'startWork'>;
	addNote: MutationArgs<'addNote'>;
	addPhoto: MutationArgs<'addPhoto'>;
	closeOrder: Loose<
		MutationArgs<'closeOrder'>,
		'notes' | 'afterPhotoLinkIds' | 'timeOnSiteMinutes' | 'materials'
	>;
	unableToComplete: Loose<MutationArgs<'unableToComplete'>, 'text'>;
	reportProblem: Loose<MutationArgs<'reportProblem'>, 'address' | 'photos'>;
	recordLocation: Loose<MutationArgs<'recordLocation'>, 'accuracyM'>;
}

/** A mutation whose args passed its schema; `capturedAt` is normalised to toISOString() form. */
export type TypedMutation = {
	[N in MutationName]: { id: number; name: N; args: MutationArgs<N>; capturedAt: string };
}[MutationName];

export type ParsedMutation = { ok: true; mutation: TypedMutation } | { ok: false; reason: string };

/** Checks a wire mutation's name, capture time and args; the reason is plain English for the crew. */
export function parseMutation(
	input: Pick<Mutation, 'id' | 'capturedAt'> & { name: string; args: unknown }
): ParsedMutation {
	const { id, name } = input;
	if (!isMutationName(name)) return refusal(`The app sent an action this server does not know: ${name}.`);
	const captured = v.parseIsoDateTime(String(input.capturedAt));
	if (!captured) return refusal('The action has no valid capture time.');
	const checked = v.validate<unknown>(MUTATION_SCHEMAS[name], input.args);
	if (!checked.ok) {
		const problems = checked.issues.slice(0, 5).map((found) => found.message);
		return refusal(`The action's details are not valid: ${problems.join('; ')}.`);
	}
	// The schema for `name` produced this value, so the pairing below is sound.
	const mutation = { id, name, args: checked.value, capturedAt: captured.toISOString() } as TypedMutation;
	return { ok: true, mutation };
}

function refusal(reason: string): ParsedMutation {
	return { ok: false, reason };
}

/** Builds a wire mutation with args typed by name (the client's outbox uses this). */
export function makeMutation<N extends MutationName>(
	id: number,
	name: N,
	args: MutationInputs[N],
	capturedAt: Date
): Mutation {
	return { id, name, args, capturedAt: capturedAt.toISOString() };
}

/** The order a mutation is about, or null (recordLocation). */
export function orderIdOf(mutation: TypedMutation): string | null {
	return mutation.name === 'recordLocation' ? null : mutation.args.orderId;
}

/** Photo bytes the server must hold before it may apply the mutation (photos go first). */
export function photosReferenced(mutation: TypedMutation): string[] {
	if (mutation.name === 'addPhoto') return [mutation.args.sha256];
	if (mutation.name === 'reportProblem') return mutation.args.photos.map((photo) => photo.sha256);
	return [];
}
