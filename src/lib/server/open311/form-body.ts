/**
 * Reads what Open311 clients POST: application/x-www-form-urlencoded, or multipart/form-data when
 * a photo is attached. Every way a body can be broken (wrong type, too big, cut short, not UTF-8,
 * not parseable) becomes a 400 with a sentence, never a parser exception.
 */
import { badRequest, Open311Error } from './errors';

export interface UploadedFile {
	field: string;
	bytes: Uint8Array;
}

export interface FormInput {
	fields: [name: string, value: string][];
	files: UploadedFile[];
}

export interface FormLimits {
	/** Bytes for a urlencoded body (text only). */
	textBytes: number;
	/** Bytes for a multipart body (text and one photo). */
	multipartBytes: number;
}

const MAX_FIELDS = 500;

export async function readForm(request: Request, limits: FormLimits): Promise<FormInput> {
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	const multipart = type.startsWith('multipart/form-data');
	if (!multipart && !type.startsWith('application/x-www-form-urlencoded')) {
		throw badRequest(
			'Send the body as application/x-www-form-urlencoded, or multipart/form-data to attach a photo.'
		);
	}
	const limit = multipart ? limits.multipartBytes : limits.textBytes;
	const bytes = await readBounded(request, limit);
	const input = multipart
		? await parseMultipart(bytes, request.headers.get('content-type') ?? '')
		: parseUrlEncoded(bytes);
	if (input.fields.length + input.files.length > MAX_FIELDS) {
		throw badRequest(`A request may have at most ${MAX_FIELDS} fields.`);
	}
	for (const [name, value] of input.fields) {
		// U+FFFD is what a decoder leaves where the bytes were not UTF-8: refuse rather than store mojibake.
		if (name.includes('\uFFFD') || value.includes('\uFFFD')) {
			throw badRequest(`The field ${name.replace(/\uFFFD/g, '?')} is not valid UTF-8 text.`);
		}
	}
	return input;
}

async function readBounded(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > limit) throw tooLarge(limit);
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			total += value.length;
			if (total > limit) {
				await reader.cancel().catch(() => undefined);
				throw tooLarge(limit);
			}
			chunks.push(value);
		}
	} catch (cause) {
		if (cause instanceof Open311Error) throw cause;
		throw badRequest('The request body could not be read completely; send it again.');
	}
	return Buffer.concat(chunks);
}

function tooLarge(limit: number): Open311Error {
	const size =
		limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
	return badRequest(`The request body is too large: at most ${size}.`);
}

function parseUrlEncoded(bytes: Uint8Array): FormInput {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw badRequest('The request body is not valid UTF-8 text.');
	}
	return { fields: [...new URLSearchParams(text)], files: [] };
}

async function parseMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormInput> {
	let form: FormData;
	try {
		form = await new Request('http://open311.invalid/', {
			method: 'POST',
			headers: { 'content-type': contentType },
			body: bytes
		}).formData();
	} catch {
		throw badRequest('The multipart/form-data body could not be read: check its boundary and parts.');
	}
	const fields: [string, string][] = [];
	const files: UploadedFile[] = [];
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string') fields.push([name, value]);
		else files.push({ field: name, bytes: new Uint8Array(await value.arrayBuffer()) });
	}
	return { fields, files };
}

/**
 * Plain fields as the schemas expect them: a field sent once is a string, a repeated one an array
 * (which the schemas refuse as "must be text" instead of silently keeping one of the values).
 */
export function fieldRecord(entries: Iterable<readonly [string, string]>): Record<string, string | string[]> {
	const record: Record<string, string | string[]> = Object.create(null);
	for (const [name, value] of entries) {
		if (name.startsWith('attribute[')) continue;
		const existing = record[name];
		if (existing === undefined) record[name] = value;
		else record[name] = [...(Array.isArray(existing) ? existing : [existing]), value];
	}
	return record;
}

// Query strings decode '+' as a space, so an unencoded '+05:00' offset arrives as ' 05:00'.
const SPACED_OFFSET = / (\d{2}:?\d{2})$/;

/** The query string as a record, with dates repaired and non-UTF-8 refused. */
export function queryRecord(url: URL, dateFields: readonly string[]): Record<string, string | string[]> {
	const entries: [string, string][] = [];
	for (const [name, value] of url.searchParams) {
		if (name.includes('\uFFFD') || value.includes('\uFFFD')) {
			throw badRequest(`The query parameter ${name.replace(/\uFFFD/g, '?')} is not valid UTF-8 text.`);
		}
		entries.push([name, dateFields.includes(name) ? value.replace(SPACED_OFFSET, '+$1') : value]);
	}
	return fieldRecord(entries);
}
