/**
 * Who is using the crew app on this device, decided without trusting a cached page: the server's
 * answer when online, the remembered profile when not. The prerendered shell is served without a
 * server-side check, so this is where a signed-out person is sent to sign in.
 */
import { forgetProfile, loadProfile, parseSignedInUser, saveProfile, type CrewProfile } from './profile';

/**
 * checking: asking the server. ready: a crew member's data may be shown. not-crew: signed in with
 * another role. needs-sign-in: offline (or the server is unreachable) and nobody is remembered.
 * leaving: on the way to the sign-in page.
 */
export type SessionState = 'checking' | 'ready' | 'not-crew' | 'needs-sign-in' | 'leaving';

type MeAnswer = { kind: 'user'; body: unknown } | { kind: 'signed-out' } | { kind: 'unreachable' };

/** A weak signal must not keep the crew from their work for long: then the remembered profile is used. */
const ME_TIMEOUT_MS = 5_000;

export class CrewSession {
	state = $state<SessionState>('checking');
	profile = $state<CrewProfile | null>(null);
	/** The server said 401 but this device remembers the person: work goes on, sync waits for a new sign-in. */
	expired = $state(false);
	/**
	 * Signed in with another role (not-crew) while this device still holds work they recorded as a
	 * crew member: what to tell them (strandedWarning), else null.
	 */
	strandedWork = $state<string | null>(null);

	/** Returns whether the server answered, so the connection badge can learn from it. */
	async resolve(online: boolean): Promise<'reached' | 'unreachable'> {
		const remembered = loadProfile();
		const answer: MeAnswer = online ? await (takeEarlyAnswer() ?? askServer()) : { kind: 'unreachable' };
		if (answer.kind === 'user') this.acceptServerAnswer(answer.body);
		else if (answer.kind === 'signed-out' && !remembered) this.sendToSignIn();
		else {
			this.expired = answer.kind === 'signed-out';
			this.profile = remembered;
			this.state = remembered ? 'ready' : 'needs-sign-in';
		}
		return answer.kind === 'unreachable' ? 'unreachable' : 'reached';
	}

	/** The sync engine was refused with 401. */
	markExpired(): void {
		this.expired = true;
	}

	/** Ends the server session; false when the server could not be reached (nothing changed then). */
	async endServerSession(): Promise<boolean> {
		try {
			const response = await fetch('/api/auth/signout', { method: 'POST', credentials: 'same-origin' });
			return response.ok;
		} catch {
			return false;
		}
	}

	/** Forgets the remembered profile and goes to the sign-in page. */
	leave(): void {
		forgetProfile();
		this.state = 'leaving';
		location.assign('/signin?signedout');
	}

	private acceptServerAnswer(body: unknown): void {
		const user = parseSignedInUser(body);
		if (!user || user.role !== 'crew') {
			this.state = 'not-crew';
			if (user) void this.lookForStrandedWork(user.id);
			return;
		}
		// A different person than last time gets their own database (see crew-db.ts), never the old rows.
		saveProfile(user);
		this.profile = {
			id: user.id,
			username: user.username,
			displayName: user.displayName,
			crewId: user.crewId
		};
		this.expired = false;
		this.state = 'ready';
	}

	private async lookForStrandedWork(userId: string): Promise<void> {
		try {
			// Loaded only for this case: a crew member's first load does not carry it (nor Dexie).
			const { strandedWorkWarning } = await import('./stranded-work');
			this.strandedWork = await strandedWorkWarning(userId);
		} catch {
			// A store that cannot be read leaves the page as it is; the work stays on the device.
		}
	}

	private sendToSignIn(): void {
		this.state = 'leaving';
		const next = location.pathname + location.search;
		location.replace(`/signin?next=${encodeURIComponent(next)}`);
	}
}

/** The question asked as the crew's code loaded (askServerEarly), not yet used. */
let earlyAnswer: Promise<MeAnswer> | null = null;

/**
 * Asks the server who is signed in now, while the rest of the app's code is still loading (the
 * crew layout's module calls it); the first resolve() takes that answer instead of asking again.
 */
export function askServerEarly(): void {
	if (navigator.onLine) earlyAnswer = askServer();
}

function takeEarlyAnswer(): Promise<MeAnswer> | null {
	const answer = earlyAnswer;
	earlyAnswer = null;
	return answer;
}

async function askServer(): Promise<MeAnswer> {
	try {
		const response = await fetch('/api/auth/me', {
			credentials: 'same-origin',
			cache: 'no-store',
			signal: AbortSignal.timeout(ME_TIMEOUT_MS)
		});
		if (response.status === 401) return { kind: 'signed-out' };
		if (!response.ok) return { kind: 'unreachable' };
		return { kind: 'user', body: await response.json() };
	} catch {
		return { kind: 'unreachable' };
	}
}
