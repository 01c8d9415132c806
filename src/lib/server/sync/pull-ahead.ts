/**
 * A device's next pull page, read ahead. A pull is a chain: each page needs the cursor of the one
 * before, so a first sync of 5,000 orders waited 11 times for the server to read a page while the
 * device had nothing to write, and the server waited while the device parsed and wrote (issue #9).
 * When a page says there is more, the server starts reading the next one right after answering;
 * the device's next request takes it when it asks for exactly that page.
 *
 * Why a page read ahead is as good as one read on request (S14-S16): it is the answer the server
 * would have given at the moment it was read, and answers are already that old when they arrive
 * over a slow link. Changes committed after it carry higher change numbers than its cursor, so the
 * device's next page (or next sync) brings them. Its `lastMutationId` is read no later than its
 * orders, so it never confirms work whose effect the page does not show (S16). The device's last
 * applied mutation is part of the question: once the device has pushed (through this process or
 * another on the same database), its next request no longer matches, so a new sync never starts
 * from a page read before its own push. An entry is taken once and lives `LIFETIME_MS` at most.
 */
import type { Kysely } from 'kysely';
// From node:timers, as in turn-budget.ts: a test's fake timers must not hold a read back.
import { setImmediate } from 'node:timers';
import type { PullResponse } from '$lib/domain';
import type { Database } from '$lib/server/db/schema';

const LIFETIME_MS = 15_000;
/** Devices with a page waiting; a page is a few hundred KB, and only a pull with more makes one. */
const MAX_WAITING = 64;

/**
 * What a page is: the same key means the same question (person, crew, cursor, size, catalogue)
 * asked by a device whose last applied mutation is the same.
 */
export function pageKey(parts: {
	userId: string;
	crewId: string;
	after: number;
	limit: number;
	services: string | undefined;
	lastMutationId: number;
}): string {
	const { userId, crewId, after, limit, services, lastMutationId } = parts;
	return JSON.stringify([userId, crewId, after, limit, services ?? null, lastMutationId]);
}

interface Waiting {
	key: string;
	answer: Promise<PullResponse | null | undefined>;
	until: number;
}

export class PullAhead {
	private readonly byDevice = new Map<string, Waiting>();

	/**
	 * Starts reading `key` for the device (replacing what it had waiting). `read` runs after the
	 * current answer has gone out; a failed read (or null: no page) is forgotten and the request
	 * reads again.
	 */
	start(
		deviceId: string,
		key: string,
		read: () => Promise<PullResponse | null>,
		nowMs = performance.now()
	): void {
		const answer = new Promise<void>((resolve) => setImmediate(resolve)).then(read).catch(() => undefined);
		this.byDevice.delete(deviceId);
		this.byDevice.set(deviceId, { key, answer, until: nowMs + LIFETIME_MS });
		if (this.byDevice.size > MAX_WAITING) {
			const oldest = this.byDevice.keys().next().value;
			if (oldest !== undefined) this.byDevice.delete(oldest);
		}
	}

	/** The page read ahead for exactly this question, once; undefined when there is none to use. */
	async take(deviceId: string, key: string, nowMs = performance.now()): Promise<PullResponse | undefined> {
		const waiting = this.byDevice.get(deviceId);
		if (!waiting) return undefined;
		this.byDevice.delete(deviceId);
		if (waiting.key !== key || waiting.until < nowMs) return undefined;
		return (await waiting.answer) ?? undefined;
	}

	/** Resolves once every read started so far has ended (tests wait on it before changing data). */
	async settled(): Promise<void> {
		await Promise.all([...this.byDevice.values()].map((waiting) => waiting.answer));
	}
}

/** One per database handle: a test's fresh database starts with nothing read ahead. */
const aheadByDatabase = new WeakMap<Kysely<Database>, PullAhead>();

export function pullAheadFor(db: Kysely<Database>): PullAhead {
	let ahead = aheadByDatabase.get(db);
	if (!ahead) {
		ahead = new PullAhead();
		aheadByDatabase.set(db, ahead);
	}
	return ahead;
}
