/** The size rules of a field photo, pure so they can be tested without a browser. */

/** Long enough edge to read a street sign or a pole number; small enough to send on a weak signal. */
export const MAX_LONG_EDGE = 1600;
export const JPEG_QUALITY = 0.8;

/** Scales (width, height) down so the longer edge is at most `maxEdge`; never scales up. */
export function fitLongEdge(
	width: number,
	height: number,
	maxEdge = MAX_LONG_EDGE
): { width: number; height: number } {
	const longEdge = Math.max(width, height);
	if (longEdge <= maxEdge) return { width, height };
	const scale = maxEdge / longEdge;
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}
