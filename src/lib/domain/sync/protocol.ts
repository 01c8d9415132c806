/**
 * The sync wire protocol between a crew device and the server: what a push and a pull carry.
 * Shared by the client engine and the server; the rules behind it are in docs/sync-spec.md.
 */
import type { ServiceAttribute } from '../attributes';
import type { FieldStatus } from '../lifecycle';

export const MUTATION_NAMES = [
	'startWork',
	'addNote',
	'addPhoto',
	'closeOrder',
	'unableToComplete',
	'reportProblem',
	'recordLocation'
] as const;
export type MutationName = (typeof MUTATION_NAMES)[number];

export function isMutationName(value: unknown): value is MutationName {
	return typeof value === 'string' && (MUTATION_NAMES as readonly string[]).includes(value);
}

/** One queued user action as it travels. `args` is checked against the named mutation's schema. */
export interface Mutation {
	/** Per device: 1, 2, 3... with no gaps, in the order the crew did the work. */
	id: number;
	name: MutationName;
	args: unknown;
	/** When the crew did it, on the device's clock (ISO 8601 with zone). */
	capturedAt: string;
}

export interface PushRequest {
	/** A UUID the device made once per installation. */
	deviceId: string;
	mutations: Mutation[];
}

export type MutationOutcome = 'applied' | 'refused' | 'late' | 'duplicate';

export interface MutationResult {
	id: number;
	outcome: MutationOutcome;
	/** Plain English for the crew (refused, late), or PHOTO_MISSING. */
	reason?: string;
	/** With PHOTO_MISSING: the photos the server does not hold yet. */
	missingPhotos?: string[];
	/**
	 * With 'duplicate': how the mutation was settled the first time (and `reason` its reason), so a
	 * refusal or late report whose first answer was lost still reaches the crew.
	 */
	originalOutcome?: 'applied' | 'refused' | 'late';
}

export interface PushResponse {
	results: MutationResult[];
	/** The highest mutation id the server has processed for this device (applied, refused or late). */
	lastMutationId: number;
}

/** HTTP 409 body when the first new mutation id is not lastMutationId + 1. */
export interface PushGap {
	error: string;
	lastMutationId: number;
}

/**
 * The reason of a result that is NOT processed: the mutation references photo bytes the server
 * does not hold yet. It is always the last result of its push; the device uploads the photos
 * and pushes the same mutation again.
 */
export const PHOTO_MISSING = 'photo-missing';

/** A result the device keeps pending and sends again (everything else is final). */
export function isRetryable(result: MutationResult): boolean {
	return result.outcome === 'refused' && result.reason === PHOTO_MISSING;
}

/** A result that settles its mutation for good: the device removes it from the outbox. */
export function isProcessed(result: MutationResult): boolean {
	return !isRetryable(result);
}

export const MAX_MUTATIONS_PER_PUSH = 500;
/**
 * Orders per pull page. 1,000 rather than 500: with the next page read ahead (sync-spec S14), a
 * first sync of 5,000 orders spends its time in the device's writes, and half the pages halve the
 * per-page costs on both sides (issue #9, side by side: 1.18-1.35x the plain bulkPut against
 * 1.48-1.50x). A page is ~90 KB gzipped.
 */
export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 2000;

export interface CloseRequirements {
	afterPhoto: boolean;
	timeOnSite: boolean;
	materials: boolean;
}

export interface Material {
	name: string;
	quantity: number;
	unit: string;
}

/** A work order as a crew device holds it. */
export interface SyncOrder {
	/** The server's id (CS-000123). */
	id: string;
	/** The device-made UUID when the crew reported this problem in the field (reportProblem), else null. */
	clientId: string | null;
	serviceCode: string;
	serviceName: string;
	description: string;
	lat: number;
	long: number;
	address: string | null;
	status: FieldStatus;
	/** 1 urgent .. 4 low. */
	priority: number;
	dueAt: string | null;
	requestedAt: string;
	updatedAt: string;
	routeOrder: number | null;
	resolutionCode: string | null;
	unableReason: string | null;
	timeOnSiteMinutes: number | null;
	materials: Material[];
	attributes: Record<string, string | string[]>;
	closeRequirements: CloseRequirements;
	statusNotes: string | null;
	startedAt: string | null;
	closedAt: string | null;
	changeSeq: number;
}

export interface SyncNote {
	id: string;
	orderId: string;
	body: string;
	/** crew | supervisor | resident | system */
	authorKind: string;
	authorName: string | null;
	/** internal | public */
	visibility: string;
	lateReport: boolean;
	capturedAt: string;
	receivedAt: string;
}

export interface SyncPhotoLink {
	id: string;
	orderId: string;
	sha256: string;
	/** reporter | before | after | other */
	kind: string;
	lateReport: boolean;
	capturedAt: string;
	receivedAt: string;
}

/**
 * One line of an order's status history, as much of it as a crew may read: who did what, when,
 * and a plain-English summary of the detail (never device ids, API keys or other internals).
 */
export interface SyncHistoryEntry {
	/** The server's history id (unique, stable). */
	id: string;
	orderId: string;
	/** Receive time on the server (ISO 8601). */
	at: string;
	/** created | assigned | unassigned | started | noted | photographed | closed | unable | reopened | cancelled | updated | late-report */
	action: string;
	fromStatus: string | null;
	toStatus: string | null;
	/** crew | supervisor | admin | resident | system */
	actorKind: string;
	actorName: string | null;
	/** e.g. "Resolution: Fixed", "Assigned to North crew"; null when there is nothing to add. */
	summary: string | null;
}

/** One active service of the catalogue, as the device needs it to report a problem and to close. */
export interface SyncCatalogueService {
	code: string;
	name: string;
	description: string;
	group: string;
	attributes: ServiceAttribute[];
	closeRequirements: CloseRequirements;
	sortOrder: number;
}

/**
 * The shape of a pull. 2 added `history`, `services` and `servicesVersion`; a device that last
 * pulled under an older shape pulls once from the beginning to fill them (docs/sync-spec.md S24).
 */
export const PULL_SHAPE = 2;

export interface PullResponse {
	/** Changed orders of the crew, oldest change first. */
	orders: SyncOrder[];
	/** Every note of each returned order (notes are append-only; upsert by id). */
	notes: SyncNote[];
	/** Every photo link of each returned order (append-only; upsert by id). */
	photos: SyncPhotoLink[];
	/** Every status history entry of each returned order, oldest first (append-only; upsert by id). Shape 2. */
	history?: SyncHistoryEntry[];
	/**
	 * The catalogue's version; the device sends it back as `services` on its next pull (S25). Shape 2.
	 */
	servicesVersion?: string;
	/** The whole active catalogue, only when the device's `services` version is not the current one (S25). */
	services?: SyncCatalogueService[];
	/** Order ids the device should drop: no longer this crew's, or cancelled. */
	tombstones: string[];
	/**
	 * The crew this pull was answered for. A device whose stored crew differs (an admin moved the
	 * person) refills from the beginning (S27). Shape 2, additive.
	 */
	crewId?: string;
	lastMutationId: number;
	/** Send it back as `cursor` on the next pull. */
	cursor: string;
	/** true: pull again at once with the new cursor. */
	more: boolean;
}

const CURSOR = /^v1\.(\d{1,15})$/;

/** Cursors are opaque to devices; the server encodes the change sequence in them. */
export function encodeCursor(changeSeq: number): string {
	return `v1.${changeSeq}`;
}

/** null for anything encodeCursor would not have produced. */
export function decodeCursor(cursor: string): number | null {
	const digits = CURSOR.exec(cursor)?.[1];
	if (digits === undefined) return null;
	const value = Number(digits);
	return Number.isSafeInteger(value) ? value : null;
}

/** Photo upload headers (HEAD/PUT /api/photos/{sha256}). */
export const UPLOAD_OFFSET_HEADER = 'Upload-Offset';
export const UPLOAD_COMPLETE_HEADER = 'Upload-Complete';
/** Optional on PUT: the photo's full size, so the server knows the last piece without hashing early. */
export const UPLOAD_LENGTH_HEADER = 'Upload-Length';
/** Pieces this size keep a cut-off upload cheap to resume over a weak signal. */
export const PHOTO_PIECE_BYTES = 256 * 1024;

/** PUT /api/photos/{sha256} answers. */
export interface PhotoPutResponse {
	/** Bytes the server now holds. */
	received: number;
	complete: boolean;
}

/** HTTP 409 on a PUT whose Upload-Offset is not what the server holds. */
export interface PhotoOffsetMismatch {
	error: string;
	offset: number;
}
