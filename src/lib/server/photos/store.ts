/**
 * Content-addressed photo storage. Bytes are verified against their SHA-256, typed by sniffing,
 * and size- and dimension-checked before anything is recorded. Where the bytes live depends on the
 * engine: files under DATA_DIR with SQLite (one machine), the database itself with PostgreSQL (so
 * every process behind a load balancer sees every photo).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/connect';
import type { Database, PhotoRow } from '../db/schema';
import { PhotoRepository } from '../repositories/photos';
import { EXTENSION_FOR, readImageInfo, type ImageType } from './image-format';
import { stripMetadata } from './strip-metadata';

/** Camera JPEGs are 2-12 MB; the crew app sends ~0.3 MB after compression. */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
/** A small file that declares a huge canvas is a decompression bomb, whatever its byte size. */
export const MAX_PHOTO_SIDE = 16_384;
export const MAX_PHOTO_PIXELS = 120_000_000;

export class PhotoError extends Error {
	constructor(
		readonly status: number,
		message: string,
		/** For 409: the number of bytes the server holds, so the client can resume from there. */
		readonly offset?: number
	) {
		super(message);
	}
}

export function sha256Hex(bytes: Uint8Array): string {
	return crypto.createHash('sha256').update(bytes).digest('hex');
}

export class PhotoStore {
	private readonly repo: PhotoRepository;

	constructor(
		private readonly db: Kysely<Database>,
		private readonly dataDir: string,
		private readonly dialect: DialectName
	) {
		this.repo = new PhotoRepository(db);
	}

	/** Stores a whole photo. Idempotent: the same bytes twice give the same row, stored once. */
	async putComplete(bytes: Uint8Array, expectedSha256?: string, now = new Date()): Promise<PhotoRow> {
		const sha256 = sha256Hex(bytes);
		if (expectedSha256 && expectedSha256 !== sha256) {
			throw new PhotoError(
				422,
				'The photo bytes do not match their SHA-256; the upload was damaged. Send it again.'
			);
		}
		const existing = await this.repo.get(sha256);
		if (existing) return existing;
		const info = checkedImage(bytes);
		const storage = this.dialect === 'postgres' ? 'db' : 'file';
		const row: PhotoRow = {
			sha256,
			size: bytes.length,
			content_type: info.type,
			width: info.width,
			height: info.height,
			storage,
			received_at: now.toISOString()
		};
		if (storage === 'db') {
			// Metadata and bytes commit together: no row ever points at missing bytes.
			await this.db.transaction().execute(async (trx) => {
				const repo = new PhotoRepository(trx);
				await repo.saveMetadata(row);
				await repo.putBlob(sha256, bytes);
			});
		} else {
			// The file first, then the row that points at it.
			await this.writeFile(sha256, info.type, bytes);
			await this.repo.saveMetadata(row);
		}
		return (await this.repo.get(sha256)) ?? row;
	}

	async has(sha256: string): Promise<boolean> {
		return (await this.repo.get(sha256)) !== undefined;
	}

	async read(sha256: string): Promise<{ row: PhotoRow; bytes: Uint8Array } | null> {
		const row = await this.repo.get(sha256);
		if (!row) return null;
		const bytes =
			row.storage === 'db'
				? await this.repo.getBlob(sha256)
				: new Uint8Array(await fs.readFile(this.filePath(sha256, row.content_type as ImageType)));
		return bytes ? { row, bytes } : null;
	}

	/** The copy anyone may see: no GPS position, camera serial or author in its metadata. */
	async readPublic(sha256: string): Promise<{ contentType: string; bytes: Uint8Array } | null> {
		const photo = await this.read(sha256);
		if (!photo) return null;
		const type = photo.row.content_type as ImageType;
		return { contentType: type, bytes: stripMetadata(photo.bytes, type) };
	}

	/** Bytes held for this hash: the full size once complete, the received part of an unfinished upload, or 0. */
	async partialSize(sha256: string): Promise<number> {
		const complete = await this.repo.get(sha256);
		if (complete) return complete.size;
		return this.receivedSoFar(this.db, sha256);
	}

	/**
	 * Appends one piece of a resumable upload at `offset`, which must equal what the server holds
	 * (409 with the right offset otherwise). When `declaredLength` is reached, or when it is not
	 * given and the bytes so far hash to `sha256`, the photo is verified and stored.
	 */
	async appendPartial(
		sha256: string,
		offset: number,
		chunk: Uint8Array,
		declaredLength?: number,
		now = new Date()
	): Promise<{ received: number; complete: PhotoRow | null }> {
		const complete = await this.repo.get(sha256);
		if (complete) return { received: complete.size, complete };
		if (declaredLength !== undefined && declaredLength > MAX_PHOTO_BYTES) throw tooLarge();
		const received = await this.db.transaction().execute(async (trx) => {
			const held = await this.receivedSoFar(trx, sha256);
			if (offset !== held)
				throw new PhotoError(409, `The server holds ${held} bytes of this photo; resume from there.`, held);
			if (held + chunk.length > MAX_PHOTO_BYTES) throw tooLarge();
			if (chunk.length > 0) {
				await trx
					.insertInto('photo_upload_chunks')
					.values({ sha256, offset, size: chunk.length, data: chunk, received_at: now.toISOString() })
					.execute();
			}
			return held + chunk.length;
		});
		if (declaredLength !== undefined && received < declaredLength) return { received, complete: null };
		const bytes = await this.assemble(sha256);
		if (declaredLength === undefined && sha256Hex(bytes) !== sha256) return { received, complete: null };
		try {
			const row = await this.putComplete(bytes, sha256, now);
			return { received: row.size, complete: row };
		} finally {
			await this.db.deleteFrom('photo_upload_chunks').where('sha256', '=', sha256).execute();
		}
	}

	private async receivedSoFar(db: Kysely<Database>, sha256: string): Promise<number> {
		const row = await db
			.selectFrom('photo_upload_chunks')
			.select((eb) => eb.fn.sum<number | null>('size').as('total'))
			.where('sha256', '=', sha256)
			.executeTakeFirst();
		return Number(row?.total ?? 0);
	}

	private async assemble(sha256: string): Promise<Uint8Array> {
		const chunks = await this.db
			.selectFrom('photo_upload_chunks')
			.select(['offset', 'data'])
			.where('sha256', '=', sha256)
			.orderBy('offset')
			.execute();
		return Buffer.concat(chunks.map((chunk) => chunk.data));
	}

	private filePath(sha256: string, type: ImageType): string {
		return path.join(this.dataDir, 'photos', sha256.slice(0, 2), `${sha256}.${EXTENSION_FOR[type]}`);
	}

	/** Written to a temporary name and renamed, so a crash never leaves half a photo under its hash. */
	private async writeFile(sha256: string, type: ImageType, bytes: Uint8Array): Promise<void> {
		const target = this.filePath(sha256, type);
		await fs.mkdir(path.dirname(target), { recursive: true });
		const temporary = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
		await fs.writeFile(temporary, bytes);
		await fs.rename(temporary, target);
	}
}

function tooLarge(): PhotoError {
	return new PhotoError(413, `A photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
}

function checkedImage(bytes: Uint8Array) {
	if (bytes.length > MAX_PHOTO_BYTES) throw tooLarge();
	const info = readImageInfo(bytes);
	if (!info) throw new PhotoError(415, 'That file is not a JPEG, PNG or WebP photo.');
	if (
		info.width > MAX_PHOTO_SIDE ||
		info.height > MAX_PHOTO_SIDE ||
		info.width * info.height > MAX_PHOTO_PIXELS
	) {
		throw new PhotoError(
			413,
			`The photo is ${info.width}×${info.height} pixels; the largest accepted is ${MAX_PHOTO_SIDE} on a side.`
		);
	}
	return info;
}
