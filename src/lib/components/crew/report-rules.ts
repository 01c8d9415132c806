/**
 * The field report form's rules, pure: what the crew typed (strings, as the inputs hold them)
 * turned into the `reportProblem` input, or the one plain-English thing still missing. The limits
 * are the mutation schema's, so the form never saves a report the server would refuse.
 */
import type { ReportInput } from '$lib/client/db/actions';
import { MAX_NOTE_LENGTH } from '$lib/domain/sync/mutations';
import type { ServiceOption } from './service-options';

export interface ReportDraft {
	serviceCode: string;
	latitude: string;
	longitude: string;
	address: string;
	description: string;
}

export type ReportCheck =
	{ ok: true; input: Omit<ReportInput, 'photos'> } | { ok: false; problem: string; field: keyof ReportDraft };

const MAX_ADDRESS_LENGTH = 200;

export function emptyReportDraft(): ReportDraft {
	return { serviceCode: '', latitude: '', longitude: '', address: '', description: '' };
}

/** A coordinate typed by hand: a decimal number within its range, or null. */
export function parseCoordinate(text: string, limit: 90 | 180): number | null {
	const trimmed = text.trim();
	// Number('') is 0 and Number('0x10') is 16: only plain decimals are coordinates.
	if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
	const value = Number(trimmed);
	return Math.abs(value) <= limit ? value : null;
}

export function checkReport(draft: ReportDraft, services: readonly ServiceOption[]): ReportCheck {
	const service = services.find((option) => option.serviceCode === draft.serviceCode);
	if (!service) return { ok: false, problem: 'Choose the service.', field: 'serviceCode' };
	if (draft.latitude.trim() === '' && draft.longitude.trim() === '') {
		return {
			ok: false,
			problem: 'Set the location: use your location, or type the latitude and longitude.',
			field: 'latitude'
		};
	}
	const lat = parseCoordinate(draft.latitude, 90);
	if (lat === null) {
		return {
			ok: false,
			problem: 'Latitude must be a number from -90 to 90, e.g. 44.9778.',
			field: 'latitude'
		};
	}
	const long = parseCoordinate(draft.longitude, 180);
	if (long === null) {
		return {
			ok: false,
			problem: 'Longitude must be a number from -180 to 180, e.g. -93.2650.',
			field: 'longitude'
		};
	}
	const address = draft.address.trim();
	if (address.length > MAX_ADDRESS_LENGTH) {
		return {
			ok: false,
			problem: `The address or landmark can be at most ${MAX_ADDRESS_LENGTH} characters.`,
			field: 'address'
		};
	}
	const description = draft.description.trim();
	if (description === '') return { ok: false, problem: 'Describe the problem.', field: 'description' };
	if (description.length > MAX_NOTE_LENGTH) {
		return {
			ok: false,
			problem: `The description can be at most ${MAX_NOTE_LENGTH} characters.`,
			field: 'description'
		};
	}
	return {
		ok: true,
		input: {
			serviceCode: service.serviceCode,
			service: { serviceName: service.serviceName, closeRequirements: service.closeRequirements },
			lat,
			long,
			description,
			...(address === '' ? {} : { address })
		}
	};
}
