/**
 * Open311 service attributes: the extra questions a service asks (GET services/{code}) and the
 * check of the answers a client sends as attribute[CODE]=v or attribute[CODE][]=v.
 */
import * as v from './validate';

export const ATTRIBUTE_DATATYPES = [
	'string',
	'number',
	'datetime',
	'text',
	'singlevaluelist',
	'multivaluelist'
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export interface ServiceAttribute {
	/** false: the attribute is only information shown to the reporter, not a question. */
	variable: boolean;
	code: string;
	datatype: AttributeDatatype;
	required: boolean;
	datatype_description: string | null;
	order: number;
	description: string;
	values?: { key: string; name: string }[];
}

export type AttributeValues = Record<string, string | string[]>;

const MAX_STRING_ANSWER = 1000;
const MAX_TEXT_ANSWER = 4000;

/**
 * Checks the answers against the service's attribute definitions and returns the answers
 * that belong to variable attributes (others are dropped), with every problem at once.
 */
export function validateAttributes(
	definitions: ServiceAttribute[],
	values: AttributeValues
): v.Result<AttributeValues> {
	const issues: v.Issue[] = [];
	const accepted: AttributeValues = {};
	const ordered = [...definitions].sort((a, b) => a.order - b.order);
	for (const definition of ordered) {
		if (!definition.variable) continue;
		const path = `attribute[${definition.code}]`;
		const raw = Object.hasOwn(values, definition.code) ? values[definition.code] : undefined;
		const answers = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).filter((a) => !v.isAbsent(a));
		if (answers.length === 0) {
			if (definition.required) {
				issues.push(v.issue(path, 'required', `${path} (${definition.description}) is required`));
			}
			continue;
		}
		const before = issues.length;
		const answer = checkAnswer(definition, answers, path, issues);
		if (issues.length === before && answer !== null) accepted[definition.code] = answer;
	}
	return issues.length > 0 ? { ok: false, issues } : { ok: true, value: accepted };
}

function checkAnswer(
	definition: ServiceAttribute,
	answers: string[],
	path: string,
	issues: v.Issue[]
): string | string[] | null {
	const keys = (definition.values ?? []).map((value) => value.key);
	if (definition.datatype === 'multivaluelist') {
		const unknown = answers.filter((a) => !keys.includes(a.trim()));
		if (unknown.length > 0) issues.push(v.issue(path, 'one_of', `${path} must be among: ${keys.join(', ')}`));
		// Repeated picks of the same key are one choice.
		return [...new Set(answers.map((a) => a.trim()))];
	}
	if (answers.length > 1) {
		issues.push(v.issue(path, 'single_value', `${path} must have a single value`));
		return null;
	}
	const schema = singleValueSchema(definition.datatype, keys);
	const ctx: v.Context = { path, issues };
	const value = schema.check(answers[0], ctx);
	return value === v.INVALID ? null : value;
}

function singleValueSchema(datatype: AttributeDatatype, keys: string[]): v.Schema<string> {
	switch (datatype) {
		case 'number':
			// Attribute answers are stored as text; String() gives one spelling per number ('1.50' -> '1.5').
			return v.map(v.number(), (n) => String(n));
		case 'datetime':
			return v.map(v.isoDateTime(), (d) => d.toISOString());
		case 'singlevaluelist':
			return v.oneOf(keys);
		case 'text':
			return v.string({ trim: true, max: MAX_TEXT_ANSWER });
		default:
			return v.string({ trim: true, max: MAX_STRING_ANSWER });
	}
}

// attribute[CODE] or attribute[CODE][]: the form encoding Open311 uses for attribute answers.
const ATTRIBUTE_FIELD = /^attribute\[([^\]]+)\](\[\])?$/;

/** Gathers attribute answers from form fields; repeated and `[]` fields become lists. */
export function collectAttributeValues(entries: Iterable<readonly [string, string]>): AttributeValues {
	const collected: AttributeValues = {};
	for (const [name, value] of entries) {
		const match = ATTRIBUTE_FIELD.exec(name);
		const code = match?.[1];
		if (code === undefined) continue;
		const existing = Object.hasOwn(collected, code) ? collected[code] : undefined;
		if (existing === undefined) collected[code] = match?.[2] ? [value] : value;
		else collected[code] = [...(Array.isArray(existing) ? existing : [existing]), value];
	}
	return collected;
}

const ATTRIBUTE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const LIST_DATATYPES: readonly AttributeDatatype[] = ['singlevaluelist', 'multivaluelist'];

/** An admin's definition of one attribute. */
export const serviceAttributeSchema = v.object(
	{
		variable: v.withDefault(v.boolean(), true),
		code: v.string({
			trim: true,
			pattern: ATTRIBUTE_CODE,
			patternMessage: 'must be 1 to 64 letters, digits, dots, underscores or dashes'
		}),
		datatype: v.oneOf(ATTRIBUTE_DATATYPES),
		required: v.withDefault(v.boolean(), false),
		datatype_description: v.withDefault(v.nullable(v.string({ trim: true, max: 500 })), null),
		order: v.number({ integer: true, min: 0, max: 10_000 }),
		description: v.string({ trim: true, min: 1, max: 500 }),
		values: v.optional(
			v.array(
				v.object({
					key: v.string({ trim: true, min: 1, max: 100 }),
					name: v.string({ trim: true, min: 1, max: 200 })
				}),
				{
					max: 500
				}
			)
		)
	},
	{
		rules: [
			(fields, failed) => {
				if (!fields.datatype || failed.has('values')) return [];
				const isList = LIST_DATATYPES.includes(fields.datatype);
				if (isList && (fields.values ?? []).length === 0) {
					return [v.issue('values', 'required', `values are required for a ${fields.datatype}`)];
				}
				if (!isList && fields.values !== undefined) {
					return [
						v.issue('values', 'not_allowed', 'values are only allowed for singlevaluelist and multivaluelist')
					];
				}
				const keys = (fields.values ?? []).map((value) => value.key);
				return new Set(keys).size === keys.length
					? []
					: [v.issue('values', 'duplicate', 'values must have unique keys')];
			}
		]
	}
);
