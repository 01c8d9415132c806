/**
 * Revocation over real HTTP (issue 8): an admin signs out a lost tablet on the devices page, or
 * disables a person; the sessions end, the next sync is refused, and what was already sent stays.
 */
import crypto from 'node:crypto';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';
import { CAPTURED_AT, pullEverything, push } from './security/crew-sync';
import { DEMO_PASSWORD, signedInClient } from './security/roles';

async function pullStatus(client: APIRequestContext, deviceId: string) {
	const response = await client.get(`/api/sync/pull?deviceId=${deviceId}&limit=1`);
	return { status: response.status(), body: (await response.json()) as { error?: string } };
}

/** A note from this device on one of the crew's orders; returns its text. */
async function noteFrom(
	client: APIRequestContext,
	deviceId: ReturnType<typeof crypto.randomUUID>,
	text: string
): Promise<string> {
	const { orders } = await pullEverything(client, deviceId);
	const order = orders.find((candidate) => candidate.status !== 'closed') ?? orders[0]!;
	const sent = await push(client, deviceId, [
		{
			id: 1,
			name: 'addNote',
			args: { orderId: order.id, noteId: crypto.randomUUID(), body: text },
			capturedAt: CAPTURED_AT()
		}
	]);
	expect(sent.body.results[0]?.outcome).toBe('applied');
	return text;
}

async function notesSeenBy(client: APIRequestContext): Promise<string[]> {
	return (await pullEverything(client)).notes.map((note) => note.body);
}

test('a lost tablet: the admin signs it out on the devices page, its sync is refused, its work stays', async ({
	page,
	baseURL
}) => {
	const tablet = crypto.randomUUID();
	const lost = await signedInClient(baseURL ?? '', 'keisha.crew');
	const note = await noteFrom(lost, tablet, `Sent before the tablet was lost ${crypto.randomUUID()}`);
	// The same person on another device (the spare tablet) is not affected.
	const spare = await signedInClient(baseURL ?? '', 'keisha.crew');
	const spareDevice = crypto.randomUUID();
	expect((await pullStatus(spare, spareDevice)).status).toBe(200);

	const signIn = new SignInPage(page);
	await signIn.open();
	await signIn.signIn('sam.admin', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/admin$/);
	await page.getByRole('link', { name: 'Devices', exact: true }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Devices');
	await expectNoAxeViolations(page);
	const row = page.locator(`tr[data-device="${tablet}"]`);
	await expect(row).toContainText('keisha.crew');
	await row.getByRole('button', { name: /^Sign out device/ }).click();
	await expect(page.getByRole('status')).toContainText('The device is signed out: 1 session ended');
	await expect(row).toContainText('Signed out');

	// The session it synced with is over, and a fresh sign-in on it still cannot sync.
	expect(await pullStatus(lost, tablet)).toEqual({ status: 401, body: { error: 'Sign in first.' } });
	const again = await signedInClient(baseURL ?? '', 'keisha.crew');
	expect(await pullStatus(again, tablet)).toEqual({
		status: 403,
		body: { error: 'This device was signed out by an administrator.' }
	});
	const refusedPush = await again.post('/api/sync/push', { data: { deviceId: tablet, mutations: [] } });
	expect(refusedPush.status()).toBe(403);
	// The spare device syncs on, and the note the lost tablet sent is still the city's record.
	expect((await pullStatus(spare, spareDevice)).status).toBe(200);
	expect(await notesSeenBy(spare)).toContain(note);

	// Found again: the admin lets it sync once its person signs in anew.
	await row.getByRole('button', { name: /^Let device .* sync again/ }).click();
	await expect(page.getByRole('status')).toContainText('may sync again');
	expect((await pullStatus(again, tablet)).status).toBe(200);
	await Promise.all([lost.dispose(), spare.dispose(), again.dispose()]);
});

test('a disabled person: every session ends, every device is refused, the work already sent stays', async ({
	baseURL
}) => {
	const admin = await signedInClient(baseURL ?? '', 'sam.admin');
	const colleague = await signedInClient(baseURL ?? '', 'dana.crew');
	const me = (await (await colleague.get('/api/auth/me')).json()) as { user: { crewId: string } };
	const username = `leaver.${crypto.randomUUID().slice(0, 8)}`;
	const password = 'a long enough passphrase';
	const form = (action: string, fields: Record<string, string>) =>
		admin.post(`/admin/users?/${action}`, {
			headers: { origin: baseURL ?? '', accept: 'application/json', 'x-sveltejs-action': 'true' },
			form: fields
		});
	const created = await form('create', {
		username,
		display_name: 'Lee Leaver',
		role: 'crew',
		crew_id: me.user.crewId,
		password
	});
	expect(await created.text()).toContain('can now sign in');

	const leaver = await signInAs(baseURL ?? '', username, password);
	const tablet = crypto.randomUUID();
	const note = await noteFrom(leaver, tablet, `Sent before leaving ${crypto.randomUUID()}`);

	const userId = await userIdOf(admin, username);
	const disabled = await form('disable', { user_id: userId });
	expect(await disabled.text()).toContain('The account is disabled');

	expect(await pullStatus(leaver, tablet)).toEqual({ status: 401, body: { error: 'Sign in first.' } });
	const retry = await leaver.post('/api/auth/signin', { data: { username, password } });
	expect(retry.status()).toBe(401);
	expect(await notesSeenBy(colleague)).toContain(note);
	await Promise.all([admin.dispose(), colleague.dispose(), leaver.dispose()]);
});

async function signInAs(baseURL: string, username: string, password: string): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({ baseURL });
	const response = await context.post('/api/auth/signin', { data: { username, password } });
	expect(response.status()).toBe(200);
	return context;
}

async function userIdOf(admin: APIRequestContext, username: string): Promise<string> {
	const page = await (await admin.get('/admin/users')).text();
	// The people table: the username's cell, then the row's disable form with the id.
	const cell = `<td>${username.replaceAll('.', '\\.')}</td>`;
	const id = new RegExp(`${cell}[\\s\\S]*?name="user_id" value="([^"]+)"`).exec(page)?.[1];
	if (!id) throw new Error(`no user id for ${username} on /admin/users`);
	return id;
}
