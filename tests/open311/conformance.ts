/** Checks a response against the standard's description, and reads XML into the JSON shape. */
import type { Spec } from './standard';

/** ISO 8601 with seconds and an explicit zone, as GeoReport v2 requires. */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const URL = /^https?:\/\/\S+$/;

/** Problems with `value` as a `spec`, each as 'path: what is wrong'. */
export function conformanceProblems(spec: Spec, value: unknown, path = '$'): string[] {
	if (spec.kind === 'list') {
		if (!Array.isArray(value)) return [`${path}: must be a list`];
		return value.flatMap((item, index) => conformanceProblems(spec.of, item, `${path}[${index}]`));
	}
	if (spec.kind === 'object') {
		if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${path}: must be an object`];
		const record = value as Record<string, unknown>;
		const problems = Object.keys(record)
			.filter((key) => !Object.hasOwn(spec.fields, key))
			.map((key) => `${path}.${key}: not a field of the standard`);
		for (const [key, fieldSpec] of Object.entries(spec.fields)) {
			if (!Object.hasOwn(record, key)) {
				if (!spec.optional?.includes(key)) problems.push(`${path}.${key}: missing`);
				continue;
			}
			problems.push(...conformanceProblems(fieldSpec, record[key], `${path}.${key}`));
		}
		return problems;
	}
	if (value === null) return spec.nullable ? [] : [`${path}: must not be null`];
	const ok =
		spec.type === 'number'
			? typeof value === 'number' && Number.isFinite(value)
			: spec.type === 'boolean'
				? typeof value === 'boolean'
				: typeof value === 'string' &&
					(spec.type !== 'datetime' || DATETIME.test(value)) &&
					(spec.type !== 'url' || URL.test(value)) &&
					(!spec.oneOf || spec.oneOf.includes(value));
	return ok
		? []
		: [`${path}: ${JSON.stringify(value)} is not a ${spec.oneOf ? spec.oneOf.join('|') : spec.type}`];
}

interface XmlElement {
	name: string;
	children: XmlElement[];
	text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A strict reader for the documents we produce: elements and text, no attributes. */
export function parseXml(xml: string): XmlElement {
	const body = xml.replace(/^<\?xml version="1\.0" encoding="utf-8"\?>\n/, '');
	if (body === xml) throw new Error('missing the XML declaration');
	const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }];
	const token = /<(\/?)([a-z_]+)(\/?)>|([^<]+)/gy;
	let match: RegExpExecArray | null;
	let position = 0;
	while ((match = token.exec(body))) {
		position = token.lastIndex;
		const top = stack.at(-1)!;
		if (match[4] !== undefined) {
			top.text += match[4].replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
		} else if (match[1]) {
			if (top.name !== match[2]) throw new Error(`</${match[2]}> closes <${top.name}>`);
			stack.pop();
		} else {
			const element: XmlElement = { name: match[2]!, children: [], text: '' };
			top.children.push(element);
			if (!match[3]) stack.push(element);
		}
	}
	if (position !== body.length || stack.length !== 1) throw new Error('malformed XML');
	const [root] = stack[0]!.children;
	if (!root || stack[0]!.children.length !== 1) throw new Error('exactly one root element expected');
	return root;
}

/** The JSON value an XML element stands for, typed by the spec (the mapping the standard defines). */
export function xmlToJson(spec: Spec, element: XmlElement): unknown {
	if (spec.kind === 'list') {
		const wrong = element.children.find((child) => child.name !== spec.item);
		if (wrong) throw new Error(`<${wrong.name}> inside <${element.name}>, expected <${spec.item}>`);
		return element.children.map((child) => xmlToJson(spec.of, child));
	}
	if (spec.kind === 'object') {
		const out: Record<string, unknown> = {};
		for (const child of element.children) {
			const fieldSpec = spec.fields[child.name];
			out[child.name] = fieldSpec ? xmlToJson(fieldSpec, child) : `<unknown ${child.name}>`;
		}
		return out;
	}
	if (element.children.length > 0) throw new Error(`<${element.name}> must hold text`);
	if (element.text === '' && spec.nullable) return null;
	if (spec.type === 'number') return Number(element.text);
	if (spec.type === 'boolean')
		return element.text === 'true' ? true : element.text === 'false' ? false : element.text;
	return element.text;
}

/**
 * `actual` matches `expected` when every field named in `expected` matches; "~" values are
 * placeholders for generated ones ("~string", "~datetime", "~url", "~id"), and a list ending in
 * "..." only fixes its first items.
 */
export function mismatches(expected: unknown, actual: unknown, path = '$'): string[] {
	if (typeof expected === 'string' && expected.startsWith('~')) {
		const kind = expected.slice(1);
		const ok =
			kind === 'any' ||
			(kind === 'string' && typeof actual === 'string') ||
			(kind === 'id' && typeof actual === 'string' && /^CS-\d{6,}$/.test(actual)) ||
			(kind === 'datetime' && typeof actual === 'string' && DATETIME.test(actual)) ||
			(kind === 'url' && typeof actual === 'string' && URL.test(actual));
		return ok ? [] : [`${path}: expected ${expected}, got ${JSON.stringify(actual)}`];
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)}`];
		const open = expected.at(-1) === '...';
		const fixed = open ? expected.slice(0, -1) : expected;
		if (open ? actual.length < fixed.length : actual.length !== fixed.length) {
			return [`${path}: expected ${fixed.length}${open ? '+' : ''} items, got ${actual.length}`];
		}
		return fixed.flatMap((item, index) => mismatches(item, actual[index], `${path}[${index}]`));
	}
	if (expected && typeof expected === 'object') {
		if (!actual || typeof actual !== 'object')
			return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
		return Object.entries(expected).flatMap(([key, value]) =>
			mismatches(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
		);
	}
	return expected === actual
		? []
		: [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
