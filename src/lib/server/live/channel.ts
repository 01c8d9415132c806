/**
 * The live-update signal: a tiny message saying "something changed", sent on one channel. It
 * carries no data on purpose; each listener re-reads what changed since its own cursor, so a lost,
 * doubled or merged signal can delay an update but never corrupt one.
 */
export const LIVE_CHANNEL = 'curbside_changes';

export type LiveSignal =
	/** A work order write committed with this change number. */
	| { kind: 'orders'; seq: number }
	/** A crew reported a position. */
	| { kind: 'location'; crewId: string }
	/** Signals may have been missed (a reconnect): every listener should re-read. */
	| { kind: 'resync' };

export function encodeSignal(signal: Exclude<LiveSignal, { kind: 'resync' }>): string {
	return signal.kind === 'orders' ? `o:${signal.seq}` : `l:${signal.crewId}`;
}

/** Reads a payload; anything unknown becomes a resync, the safe answer. */
export function decodeSignal(payload: string): LiveSignal {
	if (payload.startsWith('o:')) {
		const seq = Number(payload.slice(2));
		if (Number.isSafeInteger(seq)) return { kind: 'orders', seq };
	}
	if (payload.startsWith('l:') && payload.length > 2) return { kind: 'location', crewId: payload.slice(2) };
	return { kind: 'resync' };
}
