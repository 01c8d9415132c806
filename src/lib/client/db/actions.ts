/**
 * Every thing a crew member can do to their work, each as ONE local transaction (see record.ts).
 * The lifecycle and close rules are checked here with the same domain functions the server uses,
 * so the app refuses at once what the server would refuse later.
 */
import { transitionFor } from '$lib/domain/lifecycle';
import type { ResolutionCode, UnableReason } from '$lib/domain/resolution';
import type { MutationArgs, TypedMutation } from '$lib/domain/sync/mutations';
import type { CloseRequirements, Material } from '$lib/domain/sync/protocol';
import { actionOf, applyToLocal, closeRequirementProblem, orderFromReport } from '$lib/domain/sync/reconcile';
import { ActionRefused, recordAction } from './record';
import type { CurbsideDb, LocalOrder } from './schema';
import { sha256OfBlob } from './hash';

export interface ActionDeps {
	db: CurbsideDb;
	now?: () => Date;
	/** UUIDs for notes, photo links and field reports; injectable so tests are reproducible. */
	newId?: () => string;
}

export type PhotoKind = MutationArgs<'addPhoto'>['kind'];

export interface CloseInput {
	resolutionCode: ResolutionCode;
	notes?: string;
	afterPhotoLinkIds?: string[];
	timeOnSiteMinutes?: number;
	materials?: Material[];
}

export interface ReportInput {
	serviceCode: string;
	service: { serviceName: string; closeRequirements: CloseRequirements };
	lat: number;
	long: number;
	address?: string;
	description: string;
	photos?: Blob[];
}

export class LocalActions {
	private readonly db: CurbsideDb;
	private readonly now: () => Date;
	private readonly newId: () => string;

	constructor(deps: ActionDeps) {
		this.db = deps.db;
		this.now = deps.now ?? (() => new Date());
		this.newId = deps.newId ?? (() => crypto.randomUUID());
	}

	startWork(orderId: string): Promise<TypedMutation> {
		return recordAction(this.db, 'startWork', { orderId }, this.now(), (m) => this.moveOrder(m));
	}

	addNote(orderId: string, body: string): Promise<TypedMutation> {
		const args = { noteId: this.newId(), orderId, body };
		return recordAction(this.db, 'addNote', args, this.now(), async (m) => {
			await this.requireOrder(orderId);
			await this.db.notes.add({
				id: m.args.noteId,
				orderId,
				body: m.args.body,
				authorKind: 'crew',
				authorName: null,
				visibility: 'internal',
				lateReport: false,
				capturedAt: m.capturedAt,
				receivedAt: '',
				pending: 1
			});
		});
	}

	/** Hashes the photo first: an IndexedDB transaction cannot stay open across crypto.subtle. */
	async addPhoto(orderId: string, photo: Blob, kind: PhotoKind): Promise<TypedMutation> {
		const sha256 = await sha256OfBlob(photo);
		const args = { linkId: this.newId(), orderId, sha256, kind };
		return recordAction(this.db, 'addPhoto', args, this.now(), async (m) => {
			await this.requireOrder(orderId);
			await this.storePhoto(sha256, photo, m.capturedAt);
			await this.db.photoLinks.add({
				id: m.args.linkId,
				orderId,
				sha256,
				kind,
				lateReport: false,
				capturedAt: m.capturedAt,
				receivedAt: '',
				pending: 1
			});
		});
	}

	closeOrder(orderId: string, input: CloseInput): Promise<TypedMutation> {
		const args = { orderId, ...input };
		return recordAction(this.db, 'closeOrder', args, this.now(), async (m) => {
			const order = await this.requireOrder(orderId);
			const problem = closeRequirementProblem(order.closeRequirements, {
				resolutionCode: m.args.resolutionCode,
				afterPhotoCount: m.args.afterPhotoLinkIds.length + (await this.afterPhotoCount(orderId)),
				timeOnSiteMinutes: m.args.timeOnSiteMinutes,
				materialCount: m.args.materials.length
			});
			if (problem) throw new ActionRefused(problem);
			await this.moveOrder(m);
		});
	}

	unableToComplete(orderId: string, reason: UnableReason, text = ''): Promise<TypedMutation> {
		const args = { orderId, reason, text };
		return recordAction(this.db, 'unableToComplete', args, this.now(), (m) => this.moveOrder(m));
	}

	async reportProblem(input: ReportInput): Promise<TypedMutation> {
		const photos = await Promise.all(
			(input.photos ?? []).map(async (blob) => ({
				blob,
				sha256: await sha256OfBlob(blob),
				linkId: this.newId()
			}))
		);
		const args = {
			orderId: this.newId(),
			serviceCode: input.serviceCode,
			lat: input.lat,
			long: input.long,
			address: input.address,
			description: input.description,
			photos: photos.map(({ linkId, sha256 }) => ({ linkId, sha256 }))
		};
		return recordAction(this.db, 'reportProblem', args, this.now(), async (m) => {
			await this.db.orders.add(orderFromReport(m, input.service));
			for (const photo of photos) await this.storePhoto(photo.sha256, photo.blob, m.capturedAt);
		});
	}

	recordLocation(lat: number, long: number, accuracyM?: number): Promise<TypedMutation> {
		return recordAction(this.db, 'recordLocation', { lat, long, accuracyM }, this.now(), async () => {});
	}

	/** The crew has read a refused or late item: it leaves the "needs attention" list. */
	async dismiss(mutationId: number): Promise<void> {
		await this.db.outbox
			.where('id')
			.equals(mutationId)
			.and((entry) => entry.state === 'refused' || entry.state === 'late')
			.delete();
	}

	private async requireOrder(orderId: string): Promise<LocalOrder> {
		const order = await this.db.orders.get(orderId);
		if (!order) throw new ActionRefused('This order is no longer on this device.');
		return order;
	}

	private async moveOrder(mutation: TypedMutation & { args: { orderId: string } }): Promise<void> {
		const order = await this.requireOrder(mutation.args.orderId);
		const action = actionOf(mutation);
		const move = action ? transitionFor(action, order.status) : null;
		if (move && !move.ok) throw new ActionRefused(move.reason);
		await this.db.orders.put(applyToLocal(order, mutation));
	}

	/** Photos already linked to the order as `after` count towards its close requirements too. */
	private afterPhotoCount(orderId: string): Promise<number> {
		return this.db.photoLinks
			.where('orderId')
			.equals(orderId)
			.filter((link) => link.kind === 'after')
			.count();
	}

	private async storePhoto(sha256: string, blob: Blob, at: string): Promise<void> {
		if (await this.db.photos.get(sha256)) return;
		await this.db.photos.add({
			sha256,
			blob,
			size: blob.size,
			contentType: blob.type || 'application/octet-stream',
			uploadedBytes: 0,
			uploaded: 0,
			rejectedReason: null,
			createdAt: at
		});
	}
}
