import { open311Endpoint } from '$lib/server/open311';
import type { RequestHandler } from './$types';

// Every method goes to the Open311 dispatcher, so even a wrong one gets an Open311 error document.
export const GET: RequestHandler = ({ request, url }) => open311Endpoint(request, url);
export const POST: RequestHandler = ({ request, url }) => open311Endpoint(request, url);
export const fallback: RequestHandler = ({ request, url }) => open311Endpoint(request, url);
