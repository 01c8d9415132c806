/** Filing and reading requests over Open311: behaviour beyond the field-by-field conformance fixtures. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GPS_MARKER, includesText, jpegWithGpsExif, TINY_PNG } from '../fixtures/images';
import { createWorld, type Open311World } from '../open311/harness';
import { testBackends } from './backends';

const ON_MAIN = { lat: '41.9436', long: '-85.6325' };

for (const backend of testBackends()) {
	describe(`Open311 requests (${backend.name})`, () => {
		let world: Open311World;
		beforeEach(async () => {
			world = await createWorld(backend);
		});
		afterEach(async () => world.close());

		const pothole = (extra: Record<string, string | string[]> = {}) => ({
			api_key: world.apiKey,
			service_code: 'POTHOLE',
			'attribute[SIZE]': 'large',
			description: 'Deep hole by the curb',
			...ON_MAIN,
			...extra
		});

		it('files a request into the unassigned queue with an SLA due time and a reverse-geocoded address', async () => {
			const response = await world.postForm('requests.json', pothole({ email: 'r@example.org' }));
			expect(response.status).toBe(200);
			const [created] = await response.json();
			expect(created.service_request_id).toMatch(/^CS-\d{6}$/);
			expect(created.token).toBeUndefined();
			const order = await world.repos.workOrders.get(created.service_request_id);
			expect(order).toMatchObject({
				field_status: 'new',
				crew_id: null,
				source: 'open311',
				email: 'r@example.org',
				due_at: '2026-11-05T14:00:00.000Z'
			});
			expect(order?.address).toMatch(/Three Rivers, MI 49093$/);
			expect(JSON.parse(order?.attributes ?? '{}')).toEqual({ SIZE: 'large' });
			// The reporter's contact details are never shown back.
			const shown = await (await world.get(`requests/${created.service_request_id}.json`)).text();
			expect(shown).not.toContain('r@example.org');
		});

		it('numbers requests one after another', async () => {
			const first = (await (await world.postForm('requests.json', pothole())).json())[0].service_request_id;
			const second = (await (await world.postForm('requests.json', pothole())).json())[0].service_request_id;
			expect(Number(second.slice(3))).toBe(Number(first.slice(3)) + 1);
		});

		it('collects attribute[CODE][] answers of a multivaluelist', async () => {
			const response = await world.postForm('requests.json', {
				api_key: world.apiKey,
				service_code: 'ILLEGAL_DUMPING',
				...ON_MAIN,
				'attribute[MATERIAL][]': ['tires', 'furniture']
			});
			const body = await response.json();
			expect(response.status, JSON.stringify(body)).toBe(200);
			const order = await world.repos.workOrders.get(body[0].service_request_id);
			expect(JSON.parse(order?.attributes ?? '{}')).toEqual({ MATERIAL: ['tires', 'furniture'] });
		});

		it('accepts a multipart post with a photo and serves it without its GPS position', async () => {
			const form = new FormData();
			for (const [name, value] of Object.entries(pothole())) form.append(name, String(value));
			form.append(
				'media',
				new Blob([new Uint8Array(jpegWithGpsExif())], { type: 'image/jpeg' }),
				'photo.jpg'
			);
			const response = await world.post('requests.json', form);
			expect(response.status).toBe(200);
			const id = (await response.json())[0].service_request_id;
			const [shown] = await (await world.get(`requests/${id}.json`)).json();
			expect(shown.media_url).toMatch(/^http:\/\/curbside\.test\/open311\/v2\/media\/[0-9a-f]{64}\.jpg$/);
			const media = await world.get(shown.media_url.slice('http://curbside.test/open311/v2/'.length));
			expect(media.status).toBe(200);
			expect(media.headers.get('content-type')).toBe('image/jpeg');
			expect(media.headers.get('cache-control')).toContain('immutable');
			const bytes = new Uint8Array(await media.arrayBuffer());
			expect(includesText(bytes, GPS_MARKER)).toBe(false);
			expect((await world.get(`media/${'0'.repeat(64)}.jpg`)).status).toBe(404);
		});

		it('refuses a non-image upload and a second photo, filing nothing', async () => {
			const form = new FormData();
			for (const [name, value] of Object.entries(pothole())) form.append(name, String(value));
			form.append('media', new Blob([new TextEncoder().encode('not a photo at all')]), 'x.jpg');
			const refused = await world.post('requests.json', form);
			expect(refused.status).toBe(400);
			expect((await refused.json())[0].description).toContain('not a JPEG, PNG or WebP');
			form.set('media', new Blob([TINY_PNG]), 'a.png');
			form.append('media', new Blob([TINY_PNG]), 'b.png');
			expect((await world.post('requests.json', form)).status).toBe(400);
			expect(await world.repos.workOrders.list({}, { limit: 10 })).toEqual([]);
		});

		it('places an address_string on a named street, and refuses one it cannot place', async () => {
			const placed = await world.postForm('requests.json', {
				api_key: world.apiKey,
				service_code: 'POTHOLE',
				'attribute[SIZE]': 'small',
				address_string: '120 N Main St'
			});
			expect(placed.status).toBe(200);
			const order = await world.repos.workOrders.get((await placed.json())[0].service_request_id);
			expect(order).toMatchObject({ address: '120 N Main St' });
			expect(order?.lat).toBeGreaterThan(41.9);
			const nowhere = await world.postForm('requests.json', {
				api_key: world.apiKey,
				service_code: 'POTHOLE',
				'attribute[SIZE]': 'small',
				address_string: '1 Nonexistent Boulevard'
			});
			expect(nowhere.status).toBe(400);
			expect((await nowhere.json())[0].description).toContain('could not place');
		});

		it('reports every problem at once', async () => {
			const response = await world.postForm('requests.xml', {
				api_key: world.apiKey,
				service_code: 'POTHOLE',
				lat: '123',
				long: '-85.6',
				description: 'x'.repeat(4001),
				email: 'not-an-email'
			});
			expect(response.status).toBe(400);
			const xml = await response.text();
			expect(xml.match(/<error>/g)?.length).toBeGreaterThanOrEqual(4);
			expect(xml).toContain('attribute[SIZE]');
			expect(xml).toContain('<code>400</code>');
		});

		it('answers 403 for a missing, wrong or revoked key', async () => {
			const { api_key: _key, ...withoutKey } = pothole();
			expect((await world.postForm('requests.json', withoutKey)).status).toBe(403);
			expect((await world.postForm('requests.json', pothole({ api_key: 'cs311_wrong' }))).status).toBe(403);
			const [key] = await world.repos.apiKeys.list();
			await world.repos.apiKeys.revoke(key?.id ?? '', new Date().toISOString());
			const revoked = await world.postForm('requests.json', pothole());
			expect(revoked.status).toBe(403);
			expect(await revoked.json()).toEqual([
				{ code: 403, description: 'The api_key is not valid or has been revoked.' }
			]);
		});

		it('answers a batch service with a token that later gives the id', async () => {
			const service = await world.repos.services.get('POTHOLE');
			await world.repos.services.upsert({ ...service!, type: 'batch' });
			const [created] = await (await world.postForm('requests.json', pothole())).json();
			expect(created.service_request_id).toBeUndefined();
			expect(created.token).toMatch(/^[0-9a-f-]{36}$/);
			const [found] = await (await world.get(`tokens/${created.token}.json`)).json();
			expect(found.token).toBe(created.token);
			expect(found.service_request_id).toMatch(/^CS-/);
			expect((await world.get('tokens/unknown.json')).status).toBe(404);
		});
	});
}
