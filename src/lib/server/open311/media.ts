/** Public photo URLs: /open311/v2/media/{sha256}.{jpg|png|webp}, the metadata-stripped copy. */
import { isSha256Hex } from '$lib/domain';

const EXTENSIONS: Readonly<Record<string, string>> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

export const MEDIA_PATH = '/open311/v2/media/';

export function mediaUrl(baseUrl: string, sha256: string, contentType: string): string {
	return `${baseUrl}${MEDIA_PATH}${sha256}.${EXTENSIONS[contentType] ?? 'jpg'}`;
}

/** 'abc...def.jpg' -> { sha256, extension }; null for anything that is not a photo name. */
export function parseMediaName(name: string): { sha256: string; extension: string } | null {
	const match = /^([0-9a-f]{64})\.(jpg|png|webp)$/.exec(name);
	if (!match?.[1] || !match[2] || !isSha256Hex(match[1])) return null;
	return { sha256: match[1], extension: match[2] };
}

export function extensionFor(contentType: string): string | undefined {
	return EXTENSIONS[contentType];
}
