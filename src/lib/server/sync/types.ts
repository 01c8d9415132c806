import type { v } from '$lib/domain';

/** Who is pushing or pulling: a crew member on one of their devices. */
export interface SyncActor {
	userId: string;
	crewId: string;
	deviceId: string;
}

/** What a sync service method answers: plain data, turned into HTTP by the routes. */
export interface SyncAnswer<T> {
	status: number;
	body: T | SyncError;
}

export interface SyncError {
	error: string;
	lastMutationId?: number;
	details?: v.Issue[];
}

/** How one mutation ended on the server. */
export interface Settled {
	outcome: 'applied' | 'late' | 'refused';
	reason?: string;
	/** The server id of the order it was about, when there was one. */
	orderId: string | null;
}

export function failure(
	status: number,
	error: string,
	extra: Omit<SyncError, 'error'> = {}
): SyncAnswer<never> {
	return { status, body: { error, ...extra } };
}
