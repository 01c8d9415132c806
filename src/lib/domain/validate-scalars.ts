/** Building blocks for single values: text, choices, numbers, booleans and date-times. */
import { codePointLength, fail, INVALID, labelOf, readText, required, type Schema } from './validate-core';

export interface StringOptions {
	/** Remove leading and trailing white space before the other checks (and in the result). */
	trim?: boolean;
	/** Length limits in code points. */
	min?: number;
	max?: number;
	pattern?: RegExp;
	/** Completes "<field> ..." when the pattern does not match, e.g. 'must contain only digits'. */
	patternMessage?: string;
}

export function string(options: StringOptions = {}): Schema<string> {
	const { trim = false, min, max, pattern, patternMessage = 'is not in the expected format' } = options;
	return required((input, ctx) => {
		const raw = readText(input, ctx);
		if (raw === INVALID) return INVALID;
		const text = trim ? raw.trim() : raw;
		const length = codePointLength(text);
		const label = labelOf(ctx);
		if ((min !== undefined && length < min) || (max !== undefined && length > max)) {
			const code = min !== undefined && length < min ? 'too_short' : 'too_long';
			return fail(ctx, code, `${label} must be ${lengthRule(min, max)}`);
		}
		if (pattern && !pattern.test(text)) return fail(ctx, 'pattern', `${label} ${patternMessage}`);
		return text;
	});
}

function lengthRule(min: number | undefined, max: number | undefined): string {
	const unit = (n: number): string => `${n} character${n === 1 ? '' : 's'}`;
	if (min !== undefined && max !== undefined) return `between ${min} and ${unit(max)} long`;
	if (max !== undefined) return `at most ${unit(max)} long`;
	return `at least ${unit(min ?? 0)} long`;
}

/** One of a fixed list of words. Input is trimmed; `caseInsensitive` returns the listed spelling. */
export function oneOf<const T extends string>(
	values: readonly T[],
	options: { caseInsensitive?: boolean } = {}
): Schema<T> {
	return required((input, ctx) => {
		const raw = readText(input, ctx);
		if (raw === INVALID) return INVALID;
		const text = raw.trim();
		const match = options.caseInsensitive
			? values.find((v) => v.toLowerCase() === text.toLowerCase())
			: values.find((v) => v === text);
		if (match !== undefined) return match;
		return fail(ctx, 'one_of', `${labelOf(ctx)} must be one of: ${values.join(', ')}`);
	});
}

export interface NumberOptions {
	min?: number;
	max?: number;
	integer?: boolean;
}

// Plain decimal notation only: Number() would also accept '0x1f', '1e400' or ' ' as numbers.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number, or a string holding one (form bodies carry everything as text). */
export function number(options: NumberOptions = {}): Schema<number> {
	const { min, max, integer = false } = options;
	return required((input, ctx) => {
		const rule = `${labelOf(ctx)} must be ${numberRule(min, max, integer)}`;
		let value: number;
		if (typeof input === 'number') {
			value = input;
		} else if (typeof input !== 'string') {
			return fail(ctx, 'type', rule);
		} else {
			const text = readText(input, ctx);
			if (text === INVALID) return INVALID;
			if (!DECIMAL.test(text.trim())) return fail(ctx, 'type', rule);
			value = Number(text.trim());
		}
		if (!Number.isFinite(value)) return fail(ctx, 'type', rule);
		if (integer && !Number.isInteger(value)) return fail(ctx, 'integer', rule);
		if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
			return fail(ctx, 'range', rule);
		}
		return value;
	});
}

function numberRule(min: number | undefined, max: number | undefined, integer: boolean): string {
	const kind = integer ? 'a whole number' : 'a number';
	if (min !== undefined && max !== undefined) return `${kind} between ${min} and ${max}`;
	if (min !== undefined) return `${kind} of at least ${min}`;
	if (max !== undefined) return `${kind} of at most ${max}`;
	return kind;
}

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/** true/false, or the words forms and query strings use for them ('on', '1', 'yes'...). */
export function boolean(): Schema<boolean> {
	return required((input, ctx) => {
		if (typeof input === 'boolean') return input;
		if (input === 1 || input === 0) return input === 1;
		const text = readText(input, ctx);
		if (text === INVALID) return INVALID;
		const word = text.trim().toLowerCase();
		if (TRUE_WORDS.includes(word)) return true;
		if (FALSE_WORDS.includes(word)) return false;
		return fail(ctx, 'type', `${labelOf(ctx)} must be true or false`);
	});
}

// Date, 'T', time (seconds and fraction optional), then a zone: Z or +hh:mm (colon optional).
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an ISO 8601 date-time that carries a time zone. Returns null for anything else,
 * including impossible dates such as 2026-02-30 (Date.parse would quietly roll them over).
 */
export function parseIsoDateTime(text: string): Date | null {
	const m = ISO_DATE_TIME.exec(text.trim());
	if (!m) return null;
	const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
		number,
		number,
		number,
		number,
		number
	];
	const second = Number(m[6] ?? '0');
	const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	if (hour > 23 || minute > 59 || second > 59) return null;
	let offsetMinutes = 0;
	if (!m[8]) {
		const offsetHours = Number(m[10]);
		const offsetMins = Number(m[11]);
		if (offsetHours > 14 || offsetMins > 59) return null;
		offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
	}
	// setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
	const wallClock = new Date(0);
	wallClock.setUTCFullYear(year, month - 1, day);
	wallClock.setUTCHours(hour, minute, second, millis);
	return new Date(wallClock.getTime() - offsetMinutes * 60_000);
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isoDateTime(): Schema<Date> {
	return required((input, ctx) => {
		if (input instanceof Date) {
			return Number.isNaN(input.getTime()) ? fail(ctx, 'datetime', dateTimeRule(labelOf(ctx))) : input;
		}
		const text = readText(input, ctx);
		if (text === INVALID) return INVALID;
		return parseIsoDateTime(text) ?? fail(ctx, 'datetime', dateTimeRule(labelOf(ctx)));
	});
}

function dateTimeRule(label: string): string {
	return `${label} must be a date and time with a time zone, such as 2026-03-08T09:30:00-04:00`;
}
