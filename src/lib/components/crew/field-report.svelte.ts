/**
 * The "report a new problem" page's state: the services this device knows (live from the store),
 * what the crew has typed, the location fix, the photos (compressed as they are picked, so an
 * unreadable file is said at once), and the save itself: one LocalActions.reportProblem
 * transaction that creates the local order and its outbox entry together.
 */
import { liveQuery } from 'dexie';
import { LocalActions } from '$lib/client/db/actions';
import { ActionRefused, StorageFull } from '$lib/client/db/record';
import type { CurbsideDb } from '$lib/client/db/schema';
import { compressPhoto, PhotoUnreadable } from '$lib/client/photos/compress';
import { MAX_PHOTOS_PER_MUTATION } from '$lib/domain/sync/mutations';
import { currentFix } from './geolocation';
import { checkReport, emptyReportDraft, type ReportDraft } from './report-rules';
import { DeviceFull, withRoomToSave } from './make-room';
import { groupServiceOptions, reportableServices, type ServiceOption } from './service-options';

export interface ReportPhoto {
	key: number;
	blob: Blob;
	url: string;
}

export type LocateState =
	| { kind: 'idle' }
	| { kind: 'locating' }
	| { kind: 'found'; accuracyM: number }
	| { kind: 'failed'; problem: string };

export class FieldReport {
	services = $state.raw<ServiceOption[]>([]);
	/** The services as the form offers them: grouped as the catalogue groups them. */
	readonly serviceGroups = $derived(groupServiceOptions(this.services));
	servicesLoaded = $state(false);
	draft = $state<ReportDraft>(emptyReportDraft());
	photos = $state.raw<ReportPhoto[]>([]);
	locate = $state<LocateState>({ kind: 'idle' });
	busy = $state(false);
	/** Why the last save could not happen, for the form's alert, and the field to fix. */
	problem = $state<{ text: string; field: keyof ReportDraft | 'photo' | null } | null>(null);
	/** The last report saved from this page: its local order id, for a link. */
	saved = $state<{ orderId: string; text: string } | null>(null);
	private nextPhotoKey = 0;

	constructor(
		private readonly db: CurbsideDb,
		/** Tells the sync hook that something was written. */
		private readonly afterWrite: () => void,
		private readonly isOnline: () => boolean
	) {}

	watch(): () => void {
		// The catalogue (S25); the orders only matter until the first pull has brought it.
		const subscription = liveQuery(async () => {
			const catalogue = await this.db.services.toArray();
			return reportableServices(catalogue, catalogue.length > 0 ? [] : await this.db.orders.toArray());
		}).subscribe({
			next: (services) => {
				this.services = services;
				this.servicesLoaded = true;
			},
			error: () => {
				this.servicesLoaded = true;
			}
		});
		return () => {
			subscription.unsubscribe();
			this.clearPhotos();
		};
	}

	async useMyLocation(): Promise<void> {
		this.locate = { kind: 'locating' };
		const outcome = await currentFix();
		if (!outcome.ok) {
			this.locate = { kind: 'failed', problem: outcome.problem };
			return;
		}
		// Rounded to about 10 cm: more digits only pretend to a precision no phone has.
		this.draft.latitude = outcome.fix.lat.toFixed(6);
		this.draft.longitude = outcome.fix.long.toFixed(6);
		this.locate = { kind: 'found', accuracyM: outcome.fix.accuracyM };
	}

	async addPhoto(file: Blob): Promise<boolean> {
		if (this.photos.length >= MAX_PHOTOS_PER_MUTATION) {
			this.problem = {
				text: `A report can carry at most ${MAX_PHOTOS_PER_MUTATION} photos.`,
				field: 'photo'
			};
			return false;
		}
		this.busy = true;
		try {
			const blob = await compressPhoto(file);
			this.photos = [...this.photos, { key: this.nextPhotoKey++, blob, url: URL.createObjectURL(blob) }];
			if (this.problem?.field === 'photo') this.problem = null;
			return true;
		} catch (error) {
			this.problem = { text: problemText(error), field: 'photo' };
			return false;
		} finally {
			this.busy = false;
		}
	}

	removePhoto(key: number): void {
		const photo = this.photos.find((candidate) => candidate.key === key);
		if (photo) URL.revokeObjectURL(photo.url);
		this.photos = this.photos.filter((candidate) => candidate.key !== key);
	}

	/** Saves on the device; on success the form is emptied for the next problem. */
	async save(): Promise<boolean> {
		if (this.busy) return false;
		const checked = checkReport(this.draft, this.services);
		if (!checked.ok) {
			this.problem = { text: checked.problem, field: checked.field };
			return false;
		}
		this.busy = true;
		try {
			const actions = new LocalActions({ db: this.db });
			const input = { ...checked.input, photos: this.photos.map((photo) => photo.blob) };
			// A full device gives up map tiles (a cache), never queued work, before the save gives up.
			const mutation = await withRoomToSave(this.db, () => actions.reportProblem(input));
			const where = this.isOnline() ? 'Saved on this device.' : 'Saved on this device — will sync.';
			const orderId = mutation.name === 'reportProblem' ? mutation.args.orderId : '';
			this.saved = { orderId, text: `Problem reported. ${where}` };
			this.problem = null;
			this.draft = emptyReportDraft();
			this.locate = { kind: 'idle' };
			this.clearPhotos();
			this.afterWrite();
			return true;
		} catch (error) {
			this.problem = { text: problemText(error), field: null };
			return false;
		} finally {
			this.busy = false;
		}
	}

	private clearPhotos(): void {
		for (const photo of this.photos) URL.revokeObjectURL(photo.url);
		this.photos = [];
	}
}

function problemText(error: unknown): string {
	if (error instanceof ActionRefused) return error.reason;
	if (error instanceof StorageFull || error instanceof DeviceFull || error instanceof PhotoUnreadable)
		return error.message;
	return 'This could not be saved. Please try again.';
}
