/**
 * POST servicerequestupdates.{fmt} (FixMyStreet): an outside system reports a status change or a
 * comment. update_id is the sender's and unique: a repeat is refused with 400 "already exists"
 * and changes nothing, which makes retrying after a lost answer safe.
 */
import crypto from 'node:crypto';
import { fieldChangeForExtendedStatus, incomingStatusEffect, open311UpdatePost, v } from '$lib/domain';
import { withRepositories, type AuditEntry } from '../repositories';
import { list, obj, type DocValue } from './document';
import type { Open311Call, Open311Deps } from './deps';
import { badRequest, fromIssues, notFound } from './errors';
import { fieldRecord, readForm } from './form-body';
import { checkJurisdiction, requireApiKey } from './key-check';
import { fieldStatusOf } from './request-view';

const LIMITS = { textBytes: 256 * 1024, multipartBytes: 256 * 1024 };

function alreadyExists(updateId: string) {
	return badRequest(`update_id ${updateId} already exists; the update was recorded before.`);
}

export async function postUpdate(deps: Open311Deps, call: Open311Call): Promise<DocValue> {
	const form = await readForm(call.request, LIMITS);
	if (form.files.length > 0) throw badRequest('Updates cannot carry files; send a media_url instead.');
	const fields = fieldRecord(form.fields);
	checkJurisdiction(deps, fields['jurisdiction_id']);
	const key = await requireApiKey(
		deps,
		fields['api_key'] ?? call.url.searchParams.get('api_key') ?? undefined
	);
	const parsed = v.validate(open311UpdatePost, fields);
	if (!parsed.ok) throw fromIssues(parsed.issues);
	const update = parsed.value;
	const order = await deps.repos.workOrders.get(update.service_request_id);
	if (!order) throw notFound(`There is no service request ${update.service_request_id}.`);
	if (await deps.repos.open311Updates.get(update.update_id)) throw alreadyExists(update.update_id);
	const incoming = fieldChangeForExtendedStatus(update.status);
	if (!incoming.ok) throw badRequest(incoming.reason);
	const effect = incomingStatusEffect(fieldStatusOf(order), incoming.change);
	if (effect.kind === 'refused') throw badRequest(effect.reason);

	const now = deps.now().toISOString();
	const detail = {
		via: 'open311',
		apiKeyId: key.id,
		open311UpdateId: update.update_id,
		description: update.description,
		mediaUrl: update.media_url,
		resolutionCode: effect.kind === 'transition' ? (effect.resolutionCode ?? undefined) : undefined
	};
	const audit = (action: string): AuditEntry => ({
		at: now,
		actorUserId: null,
		actorKind: 'system',
		action,
		detail
	});
	try {
		await withRepositories(deps.db, async (repos) => {
			await repos.open311Updates.insert({
				update_id: update.update_id,
				service_request_id: order.id,
				api_key_id: key.id,
				status: incoming.change.extended,
				description: update.description ?? null,
				media_url: update.media_url ?? null,
				updated_at: update.updated_datetime.toISOString(),
				received_at: now,
				effect: effect.kind
			});
			if (effect.kind === 'transition') {
				const closing = effect.to === 'closed';
				await repos.workOrders.update(
					order.id,
					{
						field_status: effect.to,
						resolution_code: effect.resolutionCode,
						closed_at: closing ? now : order.closed_at,
						status_notes: update.description ?? (closing ? order.status_notes : null)
					},
					audit(effect.to === 'reopened' ? 'reopened' : effect.to === 'cancelled' ? 'cancelled' : 'closed')
				);
			} else if (update.description) {
				// A comment on an open request: a public note, so it shows in the request's history.
				await repos.notes.add(
					{
						id: crypto.randomUUID(),
						work_order_id: order.id,
						author_user_id: null,
						author_kind: 'resident',
						body: update.description,
						visibility: 'public',
						late_report: 0,
						captured_at: update.updated_datetime.toISOString(),
						received_at: now
					},
					audit('noted')
				);
			} else {
				await repos.workOrders.touch(order.id, audit('updated'));
			}
		});
	} catch (cause) {
		// Two copies of one update raced past the check above: the primary key let only one in.
		if (await deps.repos.open311Updates.get(update.update_id)) throw alreadyExists(update.update_id);
		throw cause;
	}
	return list('request_update', [obj({ update_id: update.update_id })]);
}
