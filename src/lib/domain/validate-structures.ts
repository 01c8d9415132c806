/** Building blocks for structured values: lists and objects. */
import {
	childPath,
	fail,
	INVALID,
	isAbsent,
	labelOf,
	required,
	type Context,
	type Infer,
	type Invalid,
	type Issue,
	type Schema
} from './validate-core';

export interface ListOptions {
	min?: number;
	max?: number;
}

function countRule(min: number | undefined, max: number | undefined): string {
	const unit = (n: number): string => `${n} item${n === 1 ? '' : 's'}`;
	if (min !== undefined && max !== undefined) return `between ${min} and ${unit(max)}`;
	if (max !== undefined) return `at most ${unit(max)}`;
	return `at least ${unit(min ?? 0)}`;
}

/** Checks each item with its own path (`orderIds[3]`) so every bad item is reported. */
function checkItems<T>(
	items: readonly unknown[],
	item: Schema<T>,
	options: ListOptions,
	ctx: Context
): T[] | Invalid {
	const { min, max } = options;
	if ((min !== undefined && items.length < min) || (max !== undefined && items.length > max)) {
		// Items of an oversized list are not checked: a huge list would flood the answer with issues.
		return fail(
			ctx,
			items.length < (min ?? 0) ? 'too_few' : 'too_many',
			`${labelOf(ctx)} must have ${countRule(min, max)}`
		);
	}
	const values: T[] = [];
	let valid = true;
	items.forEach((raw, index) => {
		const value = item.check(raw, { path: childPath(ctx.path, index), issues: ctx.issues });
		if (value === INVALID) valid = false;
		else values.push(value);
	});
	return valid ? values : INVALID;
}

export function array<T>(item: Schema<T>, options: ListOptions = {}): Schema<T[]> {
	return {
		check: (input, ctx) => {
			// An empty list is a real value here, unlike an empty string, so only undefined/null are absent.
			if (input === undefined || input === null) return fail(ctx, 'required', `${labelOf(ctx)} is required`);
			if (!Array.isArray(input)) return fail(ctx, 'type', `${labelOf(ctx)} must be a list`);
			return checkItems(input, item, options, ctx);
		}
	};
}

/**
 * A list sent as 'a,b,c' (Open311 query parameters) or as an array of such strings
 * (repeated form fields). Blank entries are dropped.
 */
export function commaList<T>(item: Schema<T>, options: ListOptions = {}): Schema<T[]> {
	return required((input, ctx) => {
		const parts = Array.isArray(input) ? input : [input];
		const pieces: unknown[] = [];
		for (const part of parts) {
			if (typeof part !== 'string') {
				return fail(ctx, 'type', `${labelOf(ctx)} must be a comma separated list`);
			}
			pieces.push(...part.split(',').filter((piece) => !isAbsent(piece)));
		}
		return checkItems(pieces, item, options, ctx);
	});
}

export type Shape = Record<string, Schema<unknown>>;
// `unknown` also admits undefined, but a field typed unknown is a pass-through that must be present.
type OptionalKeys<S extends Shape> = {
	[K in keyof S]: unknown extends Infer<S[K]> ? never : undefined extends Infer<S[K]> ? K : never;
}[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Flatten<T> = { [K in keyof T]: T[K] };

/** Fields whose schema may yield undefined are optional keys, so callers can leave them out. */
export type ObjectOutput<S extends Shape> = Flatten<
	{ [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/**
 * A rule across several fields (e.g. "end_date after start_date"). It runs even when some fields
 * failed, so a request gets every issue at once: `fields` holds the fields that passed and
 * `failed` names those that did not, so a rule can stay quiet about a field already reported.
 * Issue paths are relative to the object.
 */
export type ObjectRule<O> = (fields: Partial<O>, failed: ReadonlySet<string>) => Issue[];

export interface ObjectOptions<O> {
	/** 'ignore' (default) drops keys the shape does not name; 'refuse' reports each one. */
	unknownKeys?: 'ignore' | 'refuse';
	rules?: readonly ObjectRule<O>[];
}

const MAX_UNKNOWN_KEY_ISSUES = 20;

export function object<S extends Shape>(
	shape: S,
	options: ObjectOptions<ObjectOutput<S>> = {}
): Schema<ObjectOutput<S>> {
	const { unknownKeys = 'ignore', rules = [] } = options;
	return {
		check: (input, ctx) => {
			if (input === undefined || input === null) return fail(ctx, 'required', `${labelOf(ctx)} is required`);
			if (typeof input !== 'object' || Array.isArray(input)) {
				return fail(ctx, 'type', `${labelOf(ctx)} must be an object with named fields`);
			}
			const record = input as Record<string, unknown>;
			const fields: Record<string, unknown> = {};
			const failed = new Set<string>();
			for (const key of Object.keys(shape)) {
				const schema = shape[key];
				if (!schema) continue;
				// Only own properties: a key like 'constructor' must not read from the prototype.
				const raw = Object.hasOwn(record, key) ? record[key] : undefined;
				const value = schema.check(raw, { path: childPath(ctx.path, key), issues: ctx.issues });
				if (value === INVALID) failed.add(key);
				else fields[key] = value;
			}
			let refusedKeys = false;
			if (unknownKeys === 'refuse') {
				const unknown = Object.keys(record).filter((key) => !Object.hasOwn(shape, key));
				for (const key of unknown.slice(0, MAX_UNKNOWN_KEY_ISSUES)) {
					const path = childPath(ctx.path, key);
					ctx.issues.push({ path, code: 'unknown_key', message: `${path} is not a field we accept` });
				}
				refusedKeys = unknown.length > 0;
			}
			const partial = fields as Partial<ObjectOutput<S>>;
			let ruleFailed = false;
			for (const rule of rules) {
				for (const found of rule(partial, failed)) {
					ctx.issues.push({ ...found, path: found.path === '' ? ctx.path : childPath(ctx.path, found.path) });
					ruleFailed = true;
				}
			}
			if (failed.size > 0 || refusedKeys || ruleFailed) return INVALID;
			return fields as ObjectOutput<S>;
		}
	};
}
