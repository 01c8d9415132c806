/**
 * One document model for both Open311 formats. Handlers build a value once; `toJson` and `toXml`
 * map it mechanically, the way the standard defines JSON as a mapping of the XML. Lists carry the
 * element name of their items, so a one-element list stays a list in JSON and every item gets
 * its element in XML.
 */
export type DocValue = string | number | boolean | null | DocObject | DocList;

export interface DocObject {
	kind: 'object';
	fields: ReadonlyArray<readonly [string, DocValue]>;
}

export interface DocList {
	kind: 'list';
	/** XML element name of each item, e.g. 'request' inside 'service_requests'. */
	item: string;
	items: readonly DocValue[];
}

type FieldInput = DocValue | undefined;

/** Fields in insertion order; undefined fields are left out (null ones are kept, as null). */
export function obj(fields: Record<string, FieldInput>): DocObject {
	const kept: [string, DocValue][] = [];
	for (const [name, value] of Object.entries(fields)) if (value !== undefined) kept.push([name, value]);
	return { kind: 'object', fields: kept };
}

export function list(item: string, items: readonly DocValue[]): DocList {
	return { kind: 'list', item, items };
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function toJson(value: DocValue): JsonValue {
	if (value === null || typeof value !== 'object') return value;
	if (value.kind === 'list') return value.items.map(toJson);
	const out: { [key: string]: JsonValue } = {};
	for (const [name, field] of value.fields) out[name] = toJson(field);
	return out;
}

/** A whole XML document whose root element is `root`. */
export function toXml(root: string, value: DocValue): string {
	return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

function element(name: string, value: DocValue): string {
	if (value === null) return `<${name}/>`;
	if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
	const children =
		value.kind === 'list'
			? value.items.map((item) => element(value.item, item))
			: value.fields.map(([field, child]) => element(field, child));
	return children.length === 0 ? `<${name}/>` : `<${name}>${children.join('')}</${name}>`;
}

// Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, LF and CR,
// lone surrogates and U+FFFE/U+FFFF. They are dropped rather than producing a broken document.
const NOT_XML =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
	return text
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}
