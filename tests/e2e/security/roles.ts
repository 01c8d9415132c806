/** The six kinds of caller the authorization matrix knows, each as its own HTTP client. */
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';

export const DEMO_PASSWORD = 'curbside-demo';

export type Who = 'anonymous' | 'apiKey' | 'crewA' | 'crewB' | 'supervisor' | 'admin';
export const EVERYONE: readonly Who[] = ['anonymous', 'apiKey', 'crewA', 'crewB', 'supervisor', 'admin'];

/** Demo accounts: crew A is Streets North, crew B Streets South; Grace supervises every department. */
export const ACCOUNTS = {
	crewA: 'dana.crew',
	crewB: 'luis.crew',
	supervisor: 'grace.supervisor',
	admin: 'sam.admin'
} as const satisfies Partial<Record<Who, string>>;

export interface Callers {
	client: Record<Who, APIRequestContext>;
	/** An Open311 API key made by the admin; the apiKey caller adds it to every request. */
	apiKey: string;
	dispose(): Promise<void>;
}

export async function signedInClient(baseURL: string, username: string): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({ baseURL });
	const response = await context.post('/api/auth/signin', { data: { username, password: DEMO_PASSWORD } });
	expect(response.status(), `sign-in of ${username}`).toBe(200);
	return context;
}

/** Makes an Open311 key the way an admin does: the api-keys page's create action. */
export async function createApiKey(
	admin: APIRequestContext,
	baseURL: string,
	label: string
): Promise<string> {
	const response = await admin.post('/admin/api-keys?/create', {
		headers: { origin: baseURL, accept: 'application/json', 'x-sveltejs-action': 'true' },
		form: { label }
	});
	expect(response.status()).toBe(200);
	const key = /cs311_[A-Za-z0-9_-]+/.exec(await response.text())?.[0];
	if (!key) throw new Error('The create action returned no key');
	return key;
}

export async function callers(baseURL: string): Promise<Callers> {
	const admin = await signedInClient(baseURL, ACCOUNTS.admin);
	const apiKey = await createApiKey(admin, baseURL, 'Security matrix');
	const client: Record<Who, APIRequestContext> = {
		anonymous: await playwrightRequest.newContext({ baseURL }),
		apiKey: await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-api-key': apiKey } }),
		crewA: await signedInClient(baseURL, ACCOUNTS.crewA),
		crewB: await signedInClient(baseURL, ACCOUNTS.crewB),
		supervisor: await signedInClient(baseURL, ACCOUNTS.supervisor),
		admin
	};
	return {
		client,
		apiKey,
		async dispose() {
			await Promise.all(Object.values(client).map((context) => context.dispose()));
		}
	};
}
