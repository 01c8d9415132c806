/** The Open311 endpoint as the SvelteKit route uses it. */
import { serverContext } from '../context';
import { open311ConfigFromEnv } from './config';
import type { Open311Deps } from './deps';
import { notFound } from './errors';
import { formatFromAccept } from './format';
import { errorResponse } from './render';
import { handleOpen311 } from './router';

export const OPEN311_PREFIX = '/open311/v2/';

let deps: Promise<Open311Deps> | undefined;

async function createDeps(): Promise<Open311Deps> {
	const context = await serverContext();
	return {
		db: context.database.db,
		repos: context.repos,
		photos: context.photos,
		config: open311ConfigFromEnv(),
		now: () => new Date()
	};
}

export async function open311Endpoint(request: Request, url: URL): Promise<Response> {
	if (!url.pathname.startsWith(OPEN311_PREFIX)) {
		const format = formatFromAccept(request.headers.get('accept'));
		return errorResponse(
			format,
			notFound(`Open311 GeoReport v2 lives at ${OPEN311_PREFIX}; see discovery.xml there.`)
		);
	}
	deps ??= createDeps();
	return handleOpen311(
		await deps,
		{ request, url, baseUrl: url.origin },
		url.pathname.slice(OPEN311_PREFIX.length)
	);
}
