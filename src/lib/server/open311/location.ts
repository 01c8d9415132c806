/**
 * Where a new request is. Open311 accepts lat/long, address_string or address_id; a work order
 * needs coordinates for the crew's map and an address for people. Coordinates alone get their
 * address by reverse geocoding; an address alone is accepted only if it names a street of the
 * city, so a crew is never sent to a guessed place.
 */
import { namedStreets, streetByName, CITY_ZIPCODE, type NamedStreet } from '$lib/server/city';
import { abbreviateStreetName, nearestAddress, pointOnStreet } from '$lib/server/city/address';
import { badRequest } from './errors';

export interface PlacedLocation {
	lat: number;
	long: number;
	address: string;
	zipcode: string | null;
}

export function placeRequest(input: { lat?: number; long?: number; addressString?: string }): PlacedLocation {
	if (input.lat !== undefined && input.long !== undefined) {
		const nearest = nearestAddress(input.lat, input.long);
		return {
			lat: input.lat,
			long: input.long,
			// What the resident typed is kept: they know the place better than the street grid does.
			address: input.addressString ?? nearest.address,
			zipcode: nearest.zipcode
		};
	}
	if (input.addressString !== undefined) {
		const street = findStreet(input.addressString);
		if (!street) {
			throw badRequest(
				`We could not place the address "${input.addressString}" on a street of the city. Send lat and long, or an address on a named street (for example "120 N Main St").`
			);
		}
		// The middle of the street: the crew gets the street and the resident's own words.
		const point = pointOnStreet(street, 0.5);
		return { ...point, address: input.addressString, zipcode: CITY_ZIPCODE };
	}
	throw badRequest('A location is required: lat and long, or an address_string on a named street.');
}

function normalise(text: string): string {
	return ` ${text
		.toLowerCase()
		.replace(/[^a-z0-9 ]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()} `;
}

/** The longest street name (full or abbreviated) that appears as whole words in the text. */
export function findStreet(addressString: string): NamedStreet | undefined {
	const text = normalise(addressString);
	let best: { street: NamedStreet; length: number } | undefined;
	for (const street of namedStreets()) {
		for (const spelling of new Set([street.name, abbreviateStreetName(street.name)])) {
			const needle = normalise(spelling);
			if (needle.trim().length > 0 && text.includes(needle) && needle.length > (best?.length ?? 0)) {
				best = { street: streetByName(street.name) ?? street, length: needle.length };
			}
		}
	}
	return best?.street;
}
