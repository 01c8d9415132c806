import { describe, expect, it } from 'vitest';
import {
	bboxContains,
	isFieldStatus,
	isResolutionCode,
	isUnableReason,
	validateAttributes
} from '$lib/domain';
import { cityBbox, namedStreets } from '$lib/server/city';
import { abbreviateStreetName, distanceToStreetMeters } from '$lib/server/city/address';
import { serviceByCode } from './catalog';
import { DEMO_PASSWORD, STATUS_MIX, generateDemoCity, generateLargeCity, type SeedStatus } from './generate';

const now = new Date('2026-05-14T15:30:00.000Z');
const city = generateDemoCity({ now });
const ordersById = new Map(city.workOrders.map((order) => [order.id, order]));

describe('generateDemoCity', () => {
	it('gives the same city for the same seed and now, and another for another seed', () => {
		expect(generateDemoCity({ now })).toEqual(city);
		const other = generateDemoCity({ now, seed: 312 });
		expect(other.workOrders.map((o) => o.address)).not.toEqual(city.workOrders.map((o) => o.address));
	});

	it('makes the services, four crews of two, supervisors and an admin', () => {
		expect(city.services.length).toBeGreaterThanOrEqual(10);
		expect(city.crews.map((crew) => crew.name)).toEqual([
			'Streets North',
			'Streets South',
			'Sanitation',
			'Forestry'
		]);
		const roles = city.users.map((user) => user.role);
		expect(roles.filter((role) => role === 'crew')).toHaveLength(8);
		expect(roles.filter((role) => role === 'supervisor')).toHaveLength(2);
		expect(roles.filter((role) => role === 'admin')).toHaveLength(1);
		for (const crew of city.crews) expect(city.users.filter((u) => u.crew_id === crew.id)).toHaveLength(2);
		expect(new Set(city.users.map((u) => u.username)).size).toBe(city.users.length);
		expect(city.users.every((u) => u.demoPassword === DEMO_PASSWORD && !('password_hash' in u))).toBe(true);
		expect(city.users.find((u) => u.username === 'dana.crew')?.display_name).toBe('Dana Whitfield');
	});

	it('numbers 360 requests from CS-100001 in filing order', () => {
		expect(city.workOrders).toHaveLength(360);
		expect(city.workOrders[0]?.id).toBe('CS-100001');
		expect(city.workOrders.at(-1)?.id).toBe('CS-100360');
		const filed = city.workOrders.map((o) => o.requested_at);
		expect(filed).toEqual([...filed].sort());
	});

	it('follows the status mix', () => {
		const counts = new Map<string, number>();
		for (const order of city.workOrders)
			counts.set(order.field_status, (counts.get(order.field_status) ?? 0) + 1);
		for (const [status, share] of Object.entries(STATUS_MIX) as [SeedStatus, number][]) {
			expect((counts.get(status) ?? 0) / city.workOrders.length, status).toBeCloseTo(share, 1);
		}
		expect(city.workOrders.every((o) => isFieldStatus(o.field_status))).toBe(true);
	});

	it('reports potholes and streetlights most', () => {
		const counts = new Map<string, number>();
		for (const order of city.workOrders)
			counts.set(order.service_code, (counts.get(order.service_code) ?? 0) + 1);
		const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
		expect(ranked.slice(0, 2).sort()).toEqual(['POTHOLE', 'STREETLIGHT']);
	});

	it('keeps every timeline in order, inside the window and never after now', () => {
		const earliest = now.getTime() - 61 * 24 * 3600 * 1000;
		for (const order of city.workOrders) {
			const steps = [order.requested_at, order.assigned_at, order.started_at, order.closed_at].filter(
				(step): step is string => step !== null && step !== undefined
			);
			expect(steps, order.id).toEqual([...steps].sort());
			expect(Date.parse(order.requested_at)).toBeGreaterThan(earliest);
			expect(Date.parse(order.updated_at) <= now.getTime() && order.updated_at >= order.requested_at).toBe(
				true
			);
			expect(order.due_at).toBe(
				new Date(
					Date.parse(order.requested_at) + (serviceByCode(order.service_code)?.slaHours ?? 0) * 3600_000
				).toISOString()
			);
		}
	});

	it('fills each status with what it implies', () => {
		for (const order of city.workOrders) {
			const status = order.field_status;
			expect(order.crew_id === null, order.id).toBe(order.assigned_at === null);
			if (status === 'new') expect(order.crew_id).toBeNull();
			if (status === 'assigned' || status === 'in_progress') expect(order.crew_id).not.toBeNull();
			if (status === 'in_progress') expect(order.started_at).not.toBeNull();
			expect(order.closed_at !== null, order.id).toBe(status === 'closed' || status === 'cancelled');
			if (status === 'closed') expect(isResolutionCode(order.resolution_code)).toBe(true);
			else expect(order.resolution_code).toBeNull();
			expect(order.unable_reason !== null).toBe(status === 'unable_to_complete');
			if (order.unable_reason !== null) expect(isUnableReason(order.unable_reason)).toBe(true);
			if (
				order.resolution_code === 'fixed' &&
				serviceByCode(order.service_code)?.closeRequirements.materials
			) {
				expect(JSON.parse(order.materials ?? '[]')).not.toHaveLength(0);
			}
			if (order.started_at && order.closed_at) expect(order.time_on_site_minutes).toBeGreaterThan(0);
		}
		const fixed = city.workOrders.filter((o) => o.resolution_code === 'fixed').length;
		expect(fixed / city.workOrders.filter((o) => o.field_status === 'closed').length).toBeGreaterThan(0.7);
	});

	it('puts every order beside a real named street, with that street in its address', () => {
		for (const order of city.workOrders) {
			expect(order.address, order.id).toMatch(/^\d+ (?:[NSEW] )?.+, Three Rivers, MI 49093$/);
			const street = order.address?.replace(/^\d+ (?:[NSEW] )?/, '').replace(/, Three Rivers.*$/, '') ?? '';
			const named = namedStreets().find((candidate) => abbreviateStreetName(candidate.name) === street);
			if (!named) throw new Error(`${order.id}: no street called ${street}`);
			expect(distanceToStreetMeters(named, { lat: order.lat, long: order.long }), order.id).toBeLessThan(30);
			expect(order.zipcode).toBe('49093');
		}
	});

	it('answers each service attributes the way the Open311 validator accepts', () => {
		for (const order of city.workOrders) {
			const service = serviceByCode(order.service_code);
			expect(service).toBeDefined();
			const answers = JSON.parse(order.attributes ?? '{}') as Record<string, string | string[]>;
			expect(validateAttributes(service?.attributes ?? [], answers), order.id).toMatchObject({ ok: true });
		}
	});

	it('gives hot-spot analytics repeat reports at one address, and links duplicates', () => {
		const byAddress = new Map<string, number>();
		for (const order of city.workOrders)
			byAddress.set(order.address ?? '', (byAddress.get(order.address ?? '') ?? 0) + 1);
		expect([...byAddress.values()].filter((count) => count >= 3).length).toBeGreaterThanOrEqual(4);
		const duplicates = city.workOrders.filter((o) => o.duplicate_of !== null);
		expect(duplicates.length).toBeGreaterThan(0);
		for (const duplicate of duplicates) {
			const original = ordersById.get(duplicate.duplicate_of ?? '');
			expect(original?.address).toBe(duplicate.address);
			expect(original && original.requested_at < duplicate.requested_at).toBe(true);
			expect(duplicate.resolution_code).toBe('duplicate');
		}
	});

	it('plans today’s route for each crew from its open orders', () => {
		for (const crew of city.crews) {
			const route = city.workOrders
				.filter((o) => o.crew_id === crew.id && o.route_order !== null)
				.map((o) => o.route_order ?? 0)
				.sort((a, b) => a - b);
			expect(route.length).toBeGreaterThan(0);
			expect(route).toEqual(route.map((_, index) => index + 1));
		}
		for (const order of city.workOrders.filter((o) => o.route_order !== null)) {
			expect(['assigned', 'in_progress']).toContain(order.field_status);
		}
	});

	it('writes status history that matches each order, by real people', () => {
		const users = new Set(city.users.map((u) => u.id));
		for (const entry of city.history) {
			const order = ordersById.get(entry.work_order_id);
			expect(order, entry.work_order_id).toBeDefined();
			expect(entry.at <= (order?.updated_at ?? '')).toBe(true);
			if (entry.actor_user_id !== null && entry.actor_user_id !== undefined)
				expect(users.has(entry.actor_user_id)).toBe(true);
			expect(entry.change_seq).toBe(0);
		}
		for (const order of city.workOrders) {
			const entries = city.history.filter((h) => h.work_order_id === order.id && h.to_status !== null);
			expect(entries[0]?.action).toBe('created');
			expect(entries.at(-1)?.to_status, order.id).toBe(order.field_status);
			expect(entries.map((h) => h.at)).toEqual(entries.map((h) => h.at).sort());
		}
	});

	it('keeps crew notes internal, on worked orders, captured before they were received', () => {
		expect(city.notes.length).toBeGreaterThan(20);
		for (const note of city.notes) {
			const order = ordersById.get(note.work_order_id);
			expect(order?.started_at).toBeTruthy();
			expect(note.visibility).toBe('internal');
			expect(note.captured_at >= (order?.started_at ?? '') && note.captured_at <= note.received_at).toBe(
				true
			);
			expect(Date.parse(note.received_at)).toBeLessThanOrEqual(now.getTime());
		}
	});
});

describe('generateLargeCity', () => {
	// Not timed: speed belongs in bench/, and shared CI machines make timing assertions flaky.
	it('makes 20,000 requests inside the city, numbered on from CS-100001', { timeout: 120_000 }, () => {
		const large = generateLargeCity({ now, seed: 7 });
		expect(large.workOrders).toHaveLength(20_000);
		expect(large.workOrders.at(-1)?.id).toBe('CS-120000');
		expect(new Set(large.workOrders.map((o) => o.id)).size).toBe(20_000);
		const [west, south, east, north] = cityBbox();
		const outside = large.workOrders.filter((o) => !bboxContains({ west, south, east, north }, o));
		expect(outside).toHaveLength(0);
		expect(large.history.length).toBeGreaterThan(40_000);
	});
});
