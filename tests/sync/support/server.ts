/**
 * The real server code in-process: SyncService and PhotoStore over one database (a SQLite file or
 * a PostgreSQL database), answered as HTTP Responses so the client's real http-transport runs on
 * top. `restart()` drops every in-memory object and re-opens the same database (a new file handle,
 * or a new connection pool), as a process restart would.
 */
import type { SessionUser } from '../../../src/lib/server/auth/types';
import type { DatabaseConfig } from '../../../src/lib/server/db/config';
import { openDatabase, type DatabaseHandle } from '../../../src/lib/server/db/connect';
import { PhotoError, PhotoStore } from '../../../src/lib/server/photos/store';
import { SyncService } from '../../../src/lib/server/sync/sync-service';

export class InProcessServer {
	private handle: DatabaseHandle;
	private service!: SyncService;
	private photos!: PhotoStore;
	restarts = 0;

	constructor(
		private readonly database: DatabaseConfig,
		private readonly dataDir: string,
		private readonly user: SessionUser,
		private readonly now: () => Date
	) {
		this.handle = this.open();
	}

	get db() {
		return this.handle.db;
	}

	get photoStore(): PhotoStore {
		return this.photos;
	}

	async restart(): Promise<void> {
		await this.handle.close();
		this.handle = this.open();
		this.restarts += 1;
	}

	close(): Promise<void> {
		return this.handle.close();
	}

	/** Routes one request the way src/routes/api does. */
	async respond(request: Request): Promise<Response> {
		const url = new URL(request.url);
		if (url.pathname === '/api/sync/push' && request.method === 'POST') {
			const answer = await this.service.push(this.user, await request.json(), this.now());
			return json(answer.status, answer.body);
		}
		if (url.pathname === '/api/sync/pull' && request.method === 'GET') {
			const query = {
				deviceId: url.searchParams.get('deviceId') ?? '',
				cursor: url.searchParams.get('cursor') ?? undefined,
				limit: url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : undefined,
				services: url.searchParams.get('services') ?? undefined
			};
			const answer = await this.service.pull(this.user, query, this.now());
			return json(answer.status, answer.body);
		}
		const photo = /^\/api\/photos\/([0-9a-f]{64})$/.exec(url.pathname)?.[1];
		if (photo && request.method === 'HEAD') return this.photoHead(photo);
		if (photo && request.method === 'PUT') return this.photoPut(photo, request);
		return json(404, { error: 'Not found' });
	}

	private async photoHead(sha256: string): Promise<Response> {
		const held = await this.photos.partialSize(sha256);
		const complete = await this.photos.has(sha256);
		if (held === 0 && !complete) return new Response(null, { status: 404 });
		const headers: Record<string, string> = { 'Upload-Offset': String(held) };
		if (complete) headers['Upload-Complete'] = '1';
		return new Response(null, { status: 200, headers });
	}

	private async photoPut(sha256: string, request: Request): Promise<Response> {
		const offset = Number(request.headers.get('Upload-Offset'));
		const declared = request.headers.get('Upload-Length');
		const chunk = new Uint8Array(await request.arrayBuffer());
		try {
			const stored = await this.photos.appendPartial(
				sha256,
				offset,
				chunk,
				declared === null ? undefined : Number(declared),
				this.now()
			);
			return json(200, { received: stored.received, complete: stored.complete !== null });
		} catch (error) {
			if (!(error instanceof PhotoError)) throw error;
			return json(error.status, {
				error: error.message,
				...(error.offset !== undefined ? { offset: error.offset } : {})
			});
		}
	}

	private open(): DatabaseHandle {
		const handle = openDatabase(this.database);
		this.photos = new PhotoStore(handle.db, this.dataDir, handle.dialect);
		this.service = new SyncService(handle.db, this.photos);
		return handle;
	}
}

function json(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
