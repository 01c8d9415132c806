/** The two response formats, chosen by the path's suffix as GeoReport v2 prescribes. */
export type Format = 'xml' | 'json';

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
	xml: 'text/xml; charset=utf-8',
	json: 'application/json; charset=utf-8'
};

/** 'requests/CS-100001.json' -> { stem: 'requests/CS-100001', format: 'json' }; null without a known suffix. */
export function splitFormat(path: string): { stem: string; format: Format } | null {
	const match = /^(.*)\.(xml|json)$/i.exec(path);
	if (!match) return null;
	const [, stem = '', suffix = ''] = match;
	return { stem, format: suffix.toLowerCase() as Format };
}

/** For answers to paths without a usable suffix: JSON when the client asks for it, else XML (the spec's default). */
export function formatFromAccept(accept: string | null): Format {
	return accept && /\bjson\b/i.test(accept) ? 'json' : 'xml';
}
