/** POST requests.{fmt}: file a new service request, optionally with a photo. */
import {
	collectAttributeValues,
	open311CreateRequest,
	v,
	validateAttributes,
	type AttributeValues,
	type Issue
} from '$lib/domain';
import type { PhotoRow, ServiceRow } from '../db/schema';
import { MAX_PHOTO_BYTES, PhotoError } from '../photos/store';
import { list, obj, type DocValue } from './document';
import type { Open311Call, Open311Deps } from './deps';
import { badRequest, fromIssues } from './errors';
import { fieldRecord, readForm, type FormInput, type UploadedFile } from './form-body';
import { checkJurisdiction, requireApiKey } from './key-check';
import { placeRequest } from './location';
import { createWorkOrder } from './new-order';
import { parseDefinitions } from './request-view';

export const FORM_LIMITS = { textBytes: 1024 * 1024, multipartBytes: MAX_PHOTO_BYTES + 1024 * 1024 };

export async function createRequest(deps: Open311Deps, call: Open311Call): Promise<DocValue> {
	const form = await readForm(call.request, FORM_LIMITS);
	const fields = fieldRecord(form.fields);
	checkJurisdiction(
		deps,
		fields['jurisdiction_id'] ?? call.url.searchParams.get('jurisdiction_id') ?? undefined
	);
	const key = await requireApiKey(
		deps,
		fields['api_key'] ?? call.url.searchParams.get('api_key') ?? undefined
	);
	const checked = await checkInput(deps, form, fields);
	const location = placeRequest({
		lat: checked.fields.lat,
		long: checked.fields.long,
		addressString: checked.fields.address_string
	});
	const photo = await storePhoto(deps, checked.file);
	const order = await createWorkOrder(deps, {
		fields: checked.fields,
		service: checked.service,
		attributes: checked.attributes,
		location,
		photo,
		apiKeyId: key.id
	});
	const id = order.token === null ? { service_request_id: order.id } : { token: order.token };
	return list('request', [
		obj({ ...id, service_notice: order.service_notice, account_id: order.account_id })
	]);
}

/** Every problem with the fields, the service and its attributes, reported together. */
async function checkInput(deps: Open311Deps, form: FormInput, fields: Record<string, string | string[]>) {
	const issues: Issue[] = [];
	const parsed = v.validate(open311CreateRequest, fields);
	if (!parsed.ok) issues.push(...parsed.issues);
	const code = typeof fields['service_code'] === 'string' ? fields['service_code'].trim() : '';
	let service: ServiceRow | undefined;
	let attributes: AttributeValues = {};
	// A code the schema refused (NUL, too long) is not looked up: the schema has reported it.
	const codeRefused = !parsed.ok && parsed.issues.some((issue) => issue.path === 'service_code');
	if (code !== '' && !codeRefused) {
		service = await deps.repos.services.get(code);
		if (!service || service.active !== 1) {
			issues.push(
				v.issue(
					'service_code',
					'unknown',
					`service_code ${code} is not a service we offer; see services.xml.`
				)
			);
		} else {
			const answers = validateAttributes(
				parseDefinitions(service.attributes),
				collectAttributeValues(form.fields)
			);
			if (answers.ok) attributes = answers.value;
			else issues.push(...answers.issues);
		}
	}
	const file = singleFile(form.files, issues);
	if (!parsed.ok || !service || issues.length > 0) throw fromIssues(issues);
	if (parsed.value.address_id && parsed.value.lat === undefined && !parsed.value.address_string) {
		throw badRequest('address_id is not known here: send lat and long or an address_string as well.');
	}
	return { fields: parsed.value, service, attributes, file };
}

/** One photo at most; an empty file part (a form sent with no file chosen) counts as none. */
function singleFile(files: UploadedFile[], issues: Issue[]): UploadedFile | null {
	const sent = files.filter((file) => file.bytes.length > 0);
	if (sent.length > 1) issues.push(v.issue('media', 'too_many', 'Attach at most one photo per request.'));
	return sent[0] ?? null;
}

async function storePhoto(deps: Open311Deps, file: UploadedFile | null): Promise<PhotoRow | null> {
	if (!file) return null;
	try {
		return await deps.photos.putComplete(file.bytes);
	} catch (cause) {
		if (cause instanceof PhotoError) throw badRequest(`The attached photo was refused: ${cause.message}`);
		throw cause;
	}
}
