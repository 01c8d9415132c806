/**
 * A small validation kit (we keep the domain free of npm packages). A schema checks an `unknown`
 * input and either returns a typed value or reports issues. Every issue is collected, not only
 * the first, because Open311 clients expect all the problems with a request in one answer.
 *
 * "Absent" means undefined, null or a blank string: HTML forms and Open311 form bodies cannot
 * leave a field out, they send it empty. Every schema is required unless wrapped in
 * optional(), nullable() or withDefault().
 */

export interface Issue {
	/** Where the problem is, e.g. 'lat', 'attributes[2].code', 'attribute[SIZE]'. */
	path: string;
	/** A stable machine code such as 'required', 'too_long', 'range'. */
	code: string;
	/** Plain English for the person who filled in the form. */
	message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export interface Context {
	path: string;
	issues: Issue[];
}

export interface Schema<T> {
	/** Returns the value, or INVALID after adding at least one issue to `ctx.issues`. */
	readonly check: (input: unknown, ctx: Context) => T | Invalid;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

export function validate<T>(schema: Schema<T>, input: unknown): Result<T> {
	const ctx: Context = { path: '', issues: [] };
	const value = schema.check(input, ctx);
	if (value === INVALID || ctx.issues.length > 0) return { ok: false, issues: ctx.issues };
	return { ok: true, value };
}

export function issue(path: string, code: string, message: string): Issue {
	return { path, code, message };
}

/** The name a message starts with: the field path, or 'value' at the top level. */
export function labelOf(ctx: Context): string {
	return ctx.path === '' ? 'value' : ctx.path;
}

export function fail(ctx: Context, code: string, message: string): Invalid {
	ctx.issues.push({ path: ctx.path, code, message });
	return INVALID;
}

export function childPath(parent: string, key: string | number): string {
	if (typeof key === 'number') return `${parent}[${key}]`;
	return parent === '' ? key : `${parent}.${key}`;
}

export function isAbsent(input: unknown): boolean {
	return input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
}

/** Length as people count it: one emoji or accented letter is one character, not two UTF-16 units. */
export function codePointLength(text: string): number {
	let count = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		const isHighSurrogate = unit >= 0xd800 && unit <= 0xdbff;
		const next = text.charCodeAt(i + 1);
		// A surrogate pair is one code point; skip its second half.
		if (isHighSurrogate && next >= 0xdc00 && next <= 0xdfff) i++;
		count++;
	}
	return count;
}

/** Builds a schema that reports 'required' for absent input and runs `check` otherwise. */
export function required<T>(check: (input: unknown, ctx: Context) => T | Invalid): Schema<T> {
	return {
		check: (input, ctx) =>
			isAbsent(input) ? fail(ctx, 'required', `${labelOf(ctx)} is required`) : check(input, ctx)
	};
}

/** Every string goes through here, so NUL characters are refused everywhere. */
export function readText(input: unknown, ctx: Context): string | Invalid {
	if (typeof input !== 'string') return fail(ctx, 'type', `${labelOf(ctx)} must be text`);
	// NUL truncates strings in C libraries and PostgreSQL refuses it in text columns.
	if (input.includes('\u0000')) return fail(ctx, 'nul', `${labelOf(ctx)} must not contain NUL characters`);
	return input;
}

export function optional<T>(schema: Schema<T>): Schema<T | undefined> {
	return { check: (input, ctx) => (isAbsent(input) ? undefined : schema.check(input, ctx)) };
}

/** Must be sent, but may be null (or blank): e.g. crewId null means "unassign". */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
	return {
		check: (input, ctx) => {
			if (input === undefined) return fail(ctx, 'required', `${labelOf(ctx)} is required (it may be null)`);
			return isAbsent(input) ? null : schema.check(input, ctx);
		}
	};
}

export function withDefault<T>(schema: Schema<T>, fallback: T): Schema<T> {
	return { check: (input, ctx) => (isAbsent(input) ? fallback : schema.check(input, ctx)) };
}

/** Adds a rule; `rule` returns a full message (it gets the field's label) or null when fine. */
export function refine<T>(
	schema: Schema<T>,
	rule: (value: T, label: string) => string | null,
	code = 'invalid'
): Schema<T> {
	return {
		check: (input, ctx) => {
			const value = schema.check(input, ctx);
			if (value === INVALID) return INVALID;
			const message = rule(value, labelOf(ctx));
			return message === null ? value : fail(ctx, code, message);
		}
	};
}

export function map<T, U>(schema: Schema<T>, transform: (value: T) => U): Schema<U> {
	return {
		check: (input, ctx) => {
			const value = schema.check(input, ctx);
			return value === INVALID ? INVALID : transform(value);
		}
	};
}

/** An escape hatch for checks that fit none of the building blocks. */
export function custom<T>(
	check: (
		input: unknown,
		label: string
	) => { ok: true; value: T } | { ok: false; code: string; message: string }
): Schema<T> {
	return {
		check: (input, ctx) => {
			const outcome = check(input, labelOf(ctx));
			return outcome.ok ? outcome.value : fail(ctx, outcome.code, outcome.message);
		}
	};
}
