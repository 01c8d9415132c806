/**
 * The demo city's service catalogue: what residents can report (Open311 services with their
 * attribute definitions), who handles it, how fast, and what a crew must supply to close it.
 * Each service also carries a field profile: the words residents and crews use about it, which
 * the demo generator draws on.
 */
import type {
	AttributeDatatype,
	CloseRequirements,
	Material,
	ServiceAttribute,
	UnableReason
} from '$lib/domain';
import type { NewService } from '$lib/server/db/schema';

export type { CloseRequirements, Material };

export type Department = 'Public Works' | 'Sanitation' | 'Forestry';

export interface FieldProfile {
	/** Relative share of all reports. */
	demand: number;
	/** Resident descriptions; `{street}`, `{when}` and `{since}` are filled in by the generator. */
	reports: string[];
	/** Public status notes when the work is done. */
	fixedNotes: string[];
	/** Internal notes crews write on site. */
	crewNotes: string[];
	/** Why a crew could not finish, with the note they would write. */
	unableReasons: { reason: UnableReason; note: string }[];
	/** Typical materials; quantities are per typical job. */
	materials: Material[];
	onSiteMinutes: [min: number, max: number];
	/** Plausible answers for free-form attributes (string, number, text), by attribute code. */
	answers?: Record<string, string[]>;
}

export interface CatalogService {
	code: string;
	name: string;
	description: string;
	group: string;
	keywords: string[];
	type: 'realtime' | 'batch' | 'blackbox';
	slaHours: number;
	department: Department;
	closeRequirements: CloseRequirements;
	attributes: ServiceAttribute[];
	field: FieldProfile;
}

type AttributeSpec = Omit<ServiceAttribute, 'order' | 'variable' | 'datatype_description' | 'required'> & {
	required?: boolean;
};

const DATATYPE_DESCRIPTIONS: Partial<Record<AttributeDatatype, string>> = {
	string: 'Short text',
	number: 'A whole number',
	datetime: 'Date and time (ISO 8601)',
	text: 'Longer text'
};

function attributes(...specs: AttributeSpec[]): ServiceAttribute[] {
	return specs.map((spec, index) => ({
		variable: true,
		code: spec.code,
		datatype: spec.datatype,
		required: spec.required ?? false,
		datatype_description: DATATYPE_DESCRIPTIONS[spec.datatype] ?? null,
		order: index + 1,
		description: spec.description,
		...(spec.values ? { values: spec.values } : {})
	}));
}

/** `'key:Name'` pairs, or a bare key whose name is the key capitalised. */
function values(...entries: string[]): { key: string; name: string }[] {
	return entries.map((entry) => {
		const [key = entry, name] = entry.split(':');
		return { key, name: name ?? key.charAt(0).toUpperCase() + key.slice(1) };
	});
}

const YES_NO = values('yes', 'no');

function requirements(afterPhoto: boolean, timeOnSite: boolean, materials: boolean): CloseRequirements {
	return { afterPhoto, timeOnSite, materials };
}

export const SERVICE_CATALOG: readonly CatalogService[] = [
	{
		code: 'POTHOLE',
		name: 'Pothole',
		description: 'A hole or broken pavement in a city street or alley.',
		group: 'Streets',
		keywords: ['pothole', 'road', 'pavement', 'asphalt'],
		type: 'realtime',
		slaHours: 72,
		department: 'Public Works',
		closeRequirements: requirements(true, true, true),
		attributes: attributes(
			{
				code: 'SIZE',
				datatype: 'singlevaluelist',
				required: true,
				description: 'About how big is it?',
				values: values(
					'small:Smaller than a dinner plate',
					'medium:Up to a car tyre',
					'large:Larger than a car tyre'
				)
			},
			{
				code: 'IN_LANE',
				datatype: 'singlevaluelist',
				description: 'Is it in a driving lane?',
				values: YES_NO
			}
		),
		field: {
			demand: 26,
			reports: [
				'Big pothole in the middle of {street}, hit it {when} and nearly lost a hubcap.',
				'Pothole by the curb keeps getting deeper every time it rains.',
				'Several potholes in a row, cars are swerving into the other lane to avoid them.',
				'Deep hole right at the crosswalk. Someone is going to twist an ankle.',
				'The patch from last year broke up again, the hole has been there {since}.',
				'Pothole near the storm drain, full of water so you cannot see how deep it is.'
			],
			fixedNotes: [
				'Pothole filled with cold patch.',
				'Pothole patched and compacted.',
				'Area repaved with hot mix.'
			],
			crewNotes: [
				'Hole deeper than reported, used an extra bag.',
				'Edges cut square before patching.',
				'Second hole a few feet away, filled that too.'
			],
			unableReasons: [
				{ reason: 'no_access', note: 'Car parked over the hole.' },
				{ reason: 'needs_equipment', note: 'Needs hot mix: too large for cold patch.' }
			],
			materials: [
				{ name: 'Cold patch asphalt', quantity: 2, unit: 'bag' },
				{ name: 'Tack coat', quantity: 1, unit: 'gallon' }
			],
			onSiteMinutes: [15, 60]
		}
	},
	{
		code: 'STREETLIGHT',
		name: 'Streetlight out',
		description: 'A streetlight that is dark, flickering, on during the day or damaged.',
		group: 'Streets',
		keywords: ['streetlight', 'light', 'lamp', 'dark'],
		type: 'realtime',
		slaHours: 120,
		department: 'Public Works',
		closeRequirements: requirements(false, true, true),
		attributes: attributes(
			{
				code: 'POLE_NUMBER',
				datatype: 'string',
				description: 'The number on the metal tag of the pole, if you can see it.'
			},
			{
				code: 'ISSUE',
				datatype: 'singlevaluelist',
				required: true,
				description: 'What is wrong with the light?',
				values: values(
					'out:Light is out',
					'flickering:Flickering',
					'day_burning:On during the day',
					'damaged'
				)
			}
		),
		field: {
			demand: 16,
			reports: [
				'Streetlight in front of my house has been out {since}.',
				'Light keeps flickering on and off all night.',
				'Two lights in a row are dark on {street}, very hard to see pedestrians.',
				'The light stays on all day long.',
				'Pole was hit by a car {when}, the fixture is hanging.'
			],
			fixedNotes: ['Lamp replaced; light working.', 'Photocell replaced; light back on schedule.'],
			crewNotes: [
				'Checked the neighbouring poles as well.',
				'Wiring at the base corroded, cleaned and resealed.'
			],
			unableReasons: [
				{ reason: 'needs_equipment', note: 'Needs the bucket truck.' },
				{ reason: 'needs_equipment', note: 'Underground feed fault: referred to the utility.' }
			],
			materials: [
				{ name: 'LED lamp 70 W', quantity: 1, unit: 'each' },
				{ name: 'Photocell', quantity: 1, unit: 'each' }
			],
			onSiteMinutes: [20, 75],
			answers: { POLE_NUMBER: ['TR-1042', 'TR-2217', 'TR-0388', 'TR-3150', 'TR-1766'] }
		}
	},
	{
		code: 'GRAFFITI',
		name: 'Graffiti',
		description: 'Graffiti on public property: walls, signs, bridges, utility boxes.',
		group: 'Sanitation',
		keywords: ['graffiti', 'tagging', 'vandalism', 'paint'],
		type: 'realtime',
		slaHours: 168,
		department: 'Sanitation',
		closeRequirements: requirements(true, true, true),
		attributes: attributes(
			{
				code: 'SURFACE',
				datatype: 'multivaluelist',
				required: true,
				description: 'What is painted on?',
				values: values('wall', 'fence', 'sign', 'utility_box:Utility box', 'sidewalk', 'bridge')
			},
			{
				code: 'OFFENSIVE',
				datatype: 'singlevaluelist',
				required: true,
				description: 'Is it offensive or hateful?',
				values: YES_NO
			},
			{ code: 'AREA_SQFT', datatype: 'number', description: 'Roughly how many square feet?' }
		),
		field: {
			demand: 8,
			reports: [
				'Fresh tags on the wall {when}.',
				'Someone spray painted the utility box on the corner.',
				'Graffiti on the bridge railing, it has been there {since}.',
				'Offensive words painted on the fence along {street}, kids walk past here.'
			],
			fixedNotes: ['Graffiti removed.', 'Painted over to match the surface.'],
			crewNotes: ['Pressure washed, some shadow remains.', 'Took a before photo for the police report.'],
			unableReasons: [{ reason: 'no_access', note: 'Private property: owner consent needed.' }],
			materials: [
				{ name: 'Graffiti remover', quantity: 1, unit: 'gallon' },
				{ name: 'Exterior paint', quantity: 1, unit: 'gallon' }
			],
			onSiteMinutes: [20, 90],
			answers: { AREA_SQFT: ['4', '10', '15', '25', '40'] }
		}
	},
	{
		code: 'BULK_PICKUP',
		name: 'Missed bulk pickup',
		description: 'Scheduled bulk items (furniture, appliances, mattresses) were not collected.',
		group: 'Sanitation',
		keywords: ['bulk', 'pickup', 'furniture', 'trash', 'missed'],
		type: 'realtime',
		slaHours: 48,
		department: 'Sanitation',
		closeRequirements: requirements(false, false, false),
		attributes: attributes(
			{
				code: 'ITEMS',
				datatype: 'multivaluelist',
				required: true,
				description: 'What was left out?',
				values: values(
					'furniture',
					'mattress',
					'appliance',
					'electronics',
					'yard_waste:Bagged yard waste',
					'other'
				)
			},
			{
				code: 'SCHEDULED_DATE',
				datatype: 'datetime',
				required: true,
				description: 'The pickup date you were given.'
			}
		),
		field: {
			demand: 9,
			reports: [
				'Couch was out on the scheduled day and is still at the curb.',
				'Truck came down {street} {when} but skipped our pile.',
				'Old fridge still waiting for pickup, doors removed.',
				'Mattress and box spring were not picked up.'
			],
			fixedNotes: ['Items collected.', 'Bulk items picked up.'],
			crewNotes: ['Fridge had refrigerant tag, OK to take.', 'Pile larger than scheduled, took all of it.'],
			unableReasons: [
				{ reason: 'wrong_location', note: 'Items not at the curb.' },
				{ reason: 'unsafe', note: 'Hazardous items (paint cans) left in the pile.' }
			],
			materials: [],
			onSiteMinutes: [5, 20]
		}
	},
	{
		code: 'ILLEGAL_DUMPING',
		name: 'Illegal dumping',
		description: 'Trash, tyres or debris dumped on public land or in an alley.',
		group: 'Sanitation',
		keywords: ['dumping', 'trash', 'tires', 'debris'],
		type: 'realtime',
		slaHours: 72,
		department: 'Sanitation',
		closeRequirements: requirements(true, true, false),
		attributes: attributes(
			{
				code: 'MATERIAL',
				datatype: 'multivaluelist',
				required: true,
				description: 'What was dumped?',
				values: values(
					'tires',
					'furniture',
					'construction:Construction debris',
					'household:Household trash',
					'hazardous:Paint or chemicals'
				)
			},
			{ code: 'DETAILS', datatype: 'text', description: 'Anything else the crew should know?' }
		),
		field: {
			demand: 7,
			reports: [
				'Someone dumped a pile of tires by the alley {when}.',
				'Bags of trash and an old chair left on the corner {since}.',
				'Construction debris dumped along {street}, drywall and shingles.',
				'Paint cans dumped next to the storm drain.'
			],
			fixedNotes: ['Debris removed.', 'Dumped material collected and disposed of.'],
			crewNotes: ['Found an envelope with an address, passed to code enforcement.', 'Needed two trips.'],
			unableReasons: [{ reason: 'unsafe', note: 'Hazardous material: needs the hazmat contractor.' }],
			materials: [],
			onSiteMinutes: [15, 90],
			answers: {
				DETAILS: [
					'Pile is behind the fence, gate is unlocked.',
					'About a truckload.',
					'Same spot as last month.'
				]
			}
		}
	},
	{
		code: 'SIDEWALK',
		name: 'Sidewalk damage',
		description: 'Raised, cracked or missing sidewalk, or a damaged curb ramp.',
		group: 'Streets',
		keywords: ['sidewalk', 'trip hazard', 'curb', 'ramp'],
		type: 'realtime',
		slaHours: 720,
		department: 'Public Works',
		closeRequirements: requirements(true, true, true),
		attributes: attributes(
			{
				code: 'ISSUE',
				datatype: 'singlevaluelist',
				required: true,
				description: 'What is the problem?',
				values: values(
					'raised:Raised or uneven slab',
					'cracked',
					'missing:Missing section',
					'curb_ramp:Damaged curb ramp'
				)
			},
			{ code: 'LENGTH_FEET', datatype: 'number', description: 'About how many feet are affected?' }
		),
		field: {
			demand: 6,
			reports: [
				'Tree roots pushed up the sidewalk slab, my neighbour tripped {when}.',
				'Big crack across the sidewalk, hard to get a stroller over.',
				'Curb ramp is broken, wheelchair cannot get up.',
				'Section of sidewalk missing on {street} since the water main work.'
			],
			fixedNotes: [
				'Trip hazard ground down.',
				'Sidewalk section replaced.',
				'Temporary asphalt ramp placed.'
			],
			crewNotes: ['Marked with paint for the concrete contractor.', 'Ground down about an inch.'],
			unableReasons: [
				{ reason: 'needs_equipment', note: 'Needs a concrete pour: scheduled with the contractor.' }
			],
			materials: [
				{ name: 'Concrete mix', quantity: 4, unit: 'bag' },
				{ name: 'Cold patch asphalt', quantity: 1, unit: 'bag' }
			],
			onSiteMinutes: [30, 120],
			answers: { LENGTH_FEET: ['3', '5', '8', '12', '20'] }
		}
	},
	{
		code: 'TREE',
		name: 'Fallen tree or branch',
		description: 'A city tree or large branch that has fallen or is about to fall.',
		group: 'Parks & Forestry',
		keywords: ['tree', 'branch', 'limb', 'storm'],
		type: 'realtime',
		slaHours: 24,
		department: 'Forestry',
		closeRequirements: requirements(true, true, false),
		attributes: attributes(
			{ code: 'DIAMETER_INCHES', datatype: 'number', description: 'Roughly how thick is it, in inches?' },
			{
				code: 'BLOCKING',
				datatype: 'multivaluelist',
				description: 'Is it blocking any of these?',
				values: values('road', 'sidewalk', 'driveway')
			},
			{
				code: 'POWER_LINES',
				datatype: 'singlevaluelist',
				required: true,
				description: 'Is it touching power lines?',
				values: YES_NO
			}
		),
		field: {
			demand: 6,
			reports: [
				'Large branch came down {when} and is blocking half of {street}.',
				'Tree split in the storm, part of it is on the sidewalk.',
				'Dead limb hanging over the road, looks ready to fall.',
				'Branch across our driveway, cannot get the car out.'
			],
			fixedNotes: ['Branch removed and chipped.', 'Tree cleared from the road.'],
			crewNotes: ['Rest of the tree looks sound.', 'Stump marked for removal in the spring.'],
			unableReasons: [{ reason: 'unsafe', note: 'On power lines: waiting for the utility to de-energise.' }],
			materials: [],
			onSiteMinutes: [30, 150],
			answers: { DIAMETER_INCHES: ['4', '6', '10', '14', '20', '28'] }
		}
	},
	{
		code: 'TREE_TRIM',
		name: 'Tree trimming',
		description: 'Branches of a city tree hanging low over a street, sidewalk, sign or light.',
		group: 'Parks & Forestry',
		keywords: ['tree', 'trim', 'prune', 'overgrown'],
		type: 'realtime',
		slaHours: 720,
		department: 'Forestry',
		closeRequirements: requirements(true, true, false),
		attributes: attributes({
			code: 'CLEARANCE',
			datatype: 'singlevaluelist',
			required: true,
			description: 'What are the branches in the way of?',
			values: values(
				'street:Low over the street',
				'sidewalk:Low over the sidewalk',
				'sign:Blocking a sign or signal',
				'streetlight:Blocking a streetlight'
			)
		}),
		field: {
			demand: 4,
			reports: [
				'Branches hang so low over the sidewalk you have to duck.',
				'Tree is covering the stop sign at the corner.',
				'Trucks keep hitting low branches on {street}.'
			],
			fixedNotes: ['Tree trimmed for clearance.'],
			crewNotes: ['Trimmed to 14 ft over the road, 8 ft over the walk.'],
			unableReasons: [{ reason: 'no_access', note: 'Tree is on private property.' }],
			materials: [],
			onSiteMinutes: [30, 120]
		}
	},
	{
		code: 'STORM_DRAIN',
		name: 'Blocked storm drain',
		description: 'A storm drain or catch basin that is clogged or flooding the street.',
		group: 'Streets',
		keywords: ['storm drain', 'flooding', 'catch basin', 'sewer'],
		type: 'realtime',
		slaHours: 48,
		department: 'Public Works',
		closeRequirements: requirements(true, true, false),
		attributes: attributes(
			{
				code: 'FLOODING',
				datatype: 'singlevaluelist',
				required: true,
				description: 'Is there standing water?',
				values: values(
					'none:No standing water',
					'some:Water standing in the street',
					'severe:Water reaching yards or homes'
				)
			},
			{
				code: 'DEBRIS',
				datatype: 'multivaluelist',
				description: 'What is blocking it?',
				values: values('leaves', 'trash', 'sediment')
			}
		),
		field: {
			demand: 5,
			reports: [
				'Drain at the corner is covered with leaves, water is pooling.',
				'Street floods every time it rains, the drain is clogged.',
				'Water up to the curb on {street} after the storm {when}.'
			],
			fixedNotes: ['Storm drain cleared.', 'Catch basin cleaned.'],
			crewNotes: ['Vactor truck used.', 'Grate was bent, straightened it.'],
			unableReasons: [
				{ reason: 'needs_equipment', note: 'Line collapsed further down: needs camera inspection.' }
			],
			materials: [],
			onSiteMinutes: [15, 75]
		}
	},
	{
		code: 'SIGN',
		name: 'Damaged or missing sign',
		description: 'A traffic or street name sign that is missing, down, faded or vandalised.',
		group: 'Streets',
		keywords: ['sign', 'stop sign', 'street sign', 'traffic'],
		type: 'realtime',
		slaHours: 48,
		department: 'Public Works',
		closeRequirements: requirements(true, false, true),
		attributes: attributes(
			{
				code: 'SIGN_TYPE',
				datatype: 'singlevaluelist',
				required: true,
				description: 'Which sign?',
				values: values('stop', 'yield', 'street_name:Street name', 'speed:Speed limit', 'parking', 'other')
			},
			{
				code: 'CONDITION',
				datatype: 'singlevaluelist',
				required: true,
				description: 'What happened to it?',
				values: values(
					'missing',
					'knocked_down:Knocked down',
					'faded',
					'vandalized:Graffiti or stickers',
					'bent'
				)
			}
		),
		field: {
			demand: 5,
			reports: [
				'Stop sign knocked down at the corner {when}.',
				'Street name sign for {street} is missing.',
				'Speed limit sign is bent and facing the wrong way.',
				'Sign covered with stickers, cannot read it.'
			],
			fixedNotes: ['Sign replaced.', 'Sign straightened and re-anchored.'],
			crewNotes: [
				'Post was snapped, replaced post and sign.',
				'Temporary sign placed until the new one arrives.'
			],
			unableReasons: [{ reason: 'needs_equipment', note: 'Sign not in stock: ordered.' }],
			materials: [
				{ name: 'Sign blank', quantity: 1, unit: 'each' },
				{ name: 'U-channel post', quantity: 1, unit: 'each' }
			],
			onSiteMinutes: [15, 45]
		}
	},
	{
		code: 'ABANDONED_VEHICLE',
		name: 'Abandoned vehicle',
		description: 'A vehicle that has not moved from a city street for more than 72 hours.',
		group: 'Streets',
		keywords: ['abandoned', 'vehicle', 'car', 'parking'],
		type: 'realtime',
		slaHours: 168,
		department: 'Public Works',
		closeRequirements: requirements(true, false, false),
		attributes: attributes(
			{ code: 'PLATE', datatype: 'string', description: 'Licence plate, if visible.' },
			{ code: 'MAKE_COLOR', datatype: 'string', description: 'Make and colour.' },
			{ code: 'FIRST_SEEN', datatype: 'datetime', description: 'When did you first notice it?' }
		),
		field: {
			demand: 3,
			reports: [
				'Car with flat tires has not moved {since}.',
				'Van parked on {street} for weeks, expired plates.',
				'Vehicle with broken windows left by the park.'
			],
			fixedNotes: ['Vehicle tagged; towed after the 72-hour notice.', 'Owner moved the vehicle.'],
			crewNotes: ['Orange tag placed on the windshield.', 'Plate run by police: not stolen.'],
			unableReasons: [{ reason: 'no_access', note: 'Vehicle is on private property.' }],
			materials: [],
			onSiteMinutes: [10, 30],
			answers: {
				PLATE: ['DKT 4471', 'CHV 2093', 'EGL 8815', '9PMW21'],
				MAKE_COLOR: ['Silver Honda Civic', 'Blue Ford pickup', 'White minivan', 'Black Chevy Impala']
			}
		}
	},
	{
		code: 'PARK',
		name: 'Park maintenance',
		description: 'Broken play equipment, benches, lights or overflowing bins in a city park.',
		group: 'Parks & Forestry',
		keywords: ['park', 'playground', 'bench', 'trash can'],
		type: 'realtime',
		slaHours: 240,
		department: 'Forestry',
		closeRequirements: requirements(false, true, false),
		attributes: attributes(
			{
				code: 'ISSUE',
				datatype: 'singlevaluelist',
				required: true,
				description: 'What needs attention?',
				values: values('playground:Play equipment', 'bench', 'trash:Overflowing bins', 'lighting', 'other')
			},
			{ code: 'DETAILS', datatype: 'text', description: 'Where in the park, and what is wrong?' }
		),
		field: {
			demand: 3,
			reports: [
				'Swing chain is broken at the playground.',
				'Trash cans by the river are overflowing {since}.',
				'Bench slats are broken, nails sticking out.'
			],
			fixedNotes: ['Repaired.', 'Bins emptied and area cleaned.'],
			crewNotes: ['Tagged the swing out of service until the part arrives.'],
			unableReasons: [{ reason: 'needs_equipment', note: 'Part on order.' }],
			materials: [],
			onSiteMinutes: [20, 90],
			answers: { DETAILS: ['Near the pavilion.', 'By the boat launch.', 'Next to the tennis courts.'] }
		}
	}
];

export function serviceByCode(code: string): CatalogService | undefined {
	return SERVICE_CATALOG.find((service) => service.code === code);
}

/** The catalogue as rows for the `services` table. */
export function serviceRows(): NewService[] {
	return SERVICE_CATALOG.map((service, index) => ({
		service_code: service.code,
		service_name: service.name,
		description: service.description,
		group_name: service.group,
		keywords: service.keywords.join(','),
		type: service.type,
		attributes: JSON.stringify(service.attributes),
		sla_hours: service.slaHours,
		close_requirements: JSON.stringify(service.closeRequirements),
		department: service.department,
		active: 1,
		sort_order: (index + 1) * 10
	}));
}
