/** Identifier formats shared by the server and the crew app. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Lowercase only: a photo's hash is its name, and one photo must have exactly one name.
const SHA256_HEX = /^[0-9a-f]{64}$/;
const SERVICE_REQUEST_ID = /^CS-(\d{6,})$/;

export const SERVICE_REQUEST_ID_PREFIX = 'CS-';

/** Any RFC 4122 layout, any version: devices create v4, other systems may send others. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

export function isSha256Hex(value: string): boolean {
	return SHA256_HEX.test(value);
}

/** 123 -> 'CS-000123'. Padded to six digits so ids sort and read alike; longer numbers just grow. */
export function formatServiceRequestId(n: number): string {
	if (!Number.isSafeInteger(n) || n < 1) {
		throw new RangeError(`A service request number must be a positive integer, not ${n}`);
	}
	return `${SERVICE_REQUEST_ID_PREFIX}${String(n).padStart(6, '0')}`;
}

/** 'CS-000123' -> 123; null for anything formatServiceRequestId would not have produced. */
export function parseServiceRequestId(id: string): number | null {
	const digits = SERVICE_REQUEST_ID.exec(id)?.[1];
	if (digits === undefined) return null;
	const n = Number(digits);
	return Number.isSafeInteger(n) && n >= 1 && formatServiceRequestId(n) === id ? n : null;
}
