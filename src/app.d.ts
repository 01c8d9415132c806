import type { SessionUser } from '$lib/server/auth/types';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The signed-in user, or null for anonymous requests. */
			user: SessionUser | null;
			sessionId: string | null;
		}
	}
}

export {};
