/** Photos are content addressed: their name is the lowercase hex SHA-256 of their bytes. */
export async function sha256OfBlob(blob: Blob): Promise<string> {
	return sha256Hex(new Uint8Array(await blob.arrayBuffer()));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
	return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
