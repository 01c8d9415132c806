/**
 * The database schema as Kysely sees it: one interface per table.
 *
 * Conventions that keep one schema working on SQLite and PostgreSQL alike:
 * - timestamps are ISO 8601 UTC strings (`Date.prototype.toISOString()`), which sort as text;
 * - JSON values are stored as text and parsed in repositories;
 * - flags are integers 0/1 (SQLite has no boolean type);
 * - ids are text: server-generated for people and crews, client-generated (UUID) for anything a
 *   device creates offline, so a retried create can never make a second row.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Columns that are filled by an auto-incrementing integer. */
type AutoId = Generated<number>;

export interface ServicesTable {
	service_code: string;
	service_name: string;
	description: string;
	/** Open311 `group`. */
	group_name: string;
	/** Comma separated Open311 keywords. */
	keywords: string;
	/** Open311 `type`: realtime | batch | blackbox. */
	type: string;
	/** JSON: ServiceAttribute[] (Open311 attribute definitions). */
	attributes: string;
	/** Hours from request to due time. */
	sla_hours: number;
	/** JSON: what a crew must supply to close an order of this service (after-photo, time, materials). */
	close_requirements: string;
	department: string;
	active: number;
	sort_order: number;
}

export interface CrewsTable {
	id: string;
	name: string;
	department: string;
	/** Map colour for the console. */
	color: string;
	active: number;
	created_at: string;
}

export interface UsersTable {
	id: string;
	username: string;
	display_name: string;
	/** scrypt hash in the form `scrypt$N$r$p$salt$hash` (base64). */
	password_hash: string;
	/** crew | supervisor | admin */
	role: string;
	crew_id: string | null;
	department: string | null;
	disabled_at: string | null;
	created_at: string;
}

export interface WorkOrdersTable {
	/** Open311 service_request_id. */
	id: string;
	/** Open311 token, when the request was accepted before an id was known to the client. */
	token: string | null;
	service_code: string;
	description: string;
	lat: number;
	long: number;
	address: string | null;
	address_id: string | null;
	zipcode: string | null;
	/** The reporter's media URL (Open311 `media_url` as filed). */
	media_url: string | null;
	/** Open311 status_notes: the last public word on the request. */
	status_notes: string | null;
	agency_responsible: string | null;
	service_notice: string | null;
	requested_at: string;
	updated_at: string;
	expected_at: string | null;
	jurisdiction_id: string | null;
	/** Reporter contact (never shown publicly). */
	email: string | null;
	first_name: string | null;
	last_name: string | null;
	phone: string | null;
	reporter_device_id: string | null;
	account_id: string | null;
	/** JSON: Record<attribute code, string | string[]>. */
	attributes: string;
	/** open311 | field | phone | seed */
	source: string;
	/** 1 urgent, 2 high, 3 normal, 4 low. */
	priority: number;
	due_at: string | null;
	crew_id: string | null;
	/** Position in the crew's route for the day, null when unplanned. */
	route_order: number | null;
	/** FieldStatus from the domain lifecycle. */
	field_status: string;
	resolution_code: string | null;
	unable_reason: string | null;
	time_on_site_minutes: number | null;
	/** JSON: Material[]. */
	materials: string;
	assigned_at: string | null;
	started_at: string | null;
	closed_at: string | null;
	/** The order this one was merged into as a duplicate. */
	duplicate_of: string | null;
	/** Count of late field reports or refused mutations awaiting a supervisor. */
	needs_review: number;
	created_by_user_id: string | null;
	/** The change sequence value of the last write: the sync cursor compares against it. */
	change_seq: number;
}

export interface NotesTable {
	/** Client generated for notes written on a device. */
	id: string;
	work_order_id: string;
	author_user_id: string | null;
	/** crew | supervisor | resident | system */
	author_kind: string;
	body: string;
	/** internal | public */
	visibility: string;
	/** 1 when the note arrived after the order left the author's hands (see sync rules). */
	late_report: number;
	captured_at: string;
	received_at: string;
}

export interface PhotosTable {
	/** Hex SHA-256 of the bytes: photos are content addressed. */
	sha256: string;
	size: number;
	content_type: string;
	width: number | null;
	height: number | null;
	/** file | db */
	storage: string;
	received_at: string;
}

/** Photo bytes when the photo store is the database rather than files. */
export interface PhotoBlobsTable {
	sha256: string;
	data: Uint8Array;
}

/** One received piece of an unfinished, resumable photo upload. */
export interface PhotoUploadChunksTable {
	sha256: string;
	offset: number;
	size: number;
	data: Uint8Array;
	received_at: string;
}

export interface WorkOrderPhotosTable {
	/** Client generated for photos attached on a device. */
	id: string;
	work_order_id: string;
	sha256: string;
	/** reporter | before | after | other */
	kind: string;
	author_user_id: string | null;
	late_report: number;
	captured_at: string;
	received_at: string;
}

export interface StatusHistoryTable {
	id: AutoId;
	work_order_id: string;
	at: string;
	actor_user_id: string | null;
	/** crew | supervisor | admin | resident | system */
	actor_kind: string;
	/** created | assigned | unassigned | started | noted | photographed | closed | unable | reopened | cancelled | updated */
	action: string;
	from_status: string | null;
	to_status: string | null;
	from_crew_id: string | null;
	to_crew_id: string | null;
	/** JSON: action specific detail. */
	detail: string;
	change_seq: number;
}

export interface DevicesTable {
	/** Client generated, stable for the life of an installation. */
	id: string;
	user_id: string;
	label: string;
	user_agent: string;
	/** The highest mutation id applied for this device (the sync push cursor). */
	last_mutation_id: ColumnType<number, number | undefined, number>;
	last_seen_at: string | null;
	revoked_at: string | null;
	created_at: string;
}

export interface SessionsTable {
	/** SHA-256 of the cookie token: a leaked database does not leak live sessions. */
	id: string;
	user_id: string;
	device_id: string | null;
	created_at: string;
	expires_at: string;
	last_seen_at: string;
	revoked_at: string | null;
	user_agent: string;
	ip: string;
}

export interface ApiKeysTable {
	id: string;
	/** SHA-256 of the key; the key itself is shown once, at creation. */
	key_hash: string;
	/** The first characters of the key, so an admin can tell keys apart. */
	key_prefix: string;
	label: string;
	created_by_user_id: string | null;
	created_at: string;
	revoked_at: string | null;
	last_used_at: string | null;
}

export interface MutationLogTable {
	device_id: string;
	mutation_id: number;
	name: string;
	work_order_id: string | null;
	/** applied | refused | late */
	outcome: string;
	reason: string | null;
	user_id: string;
	captured_at: string;
	received_at: string;
	/** When a supervisor acknowledged a refusal in the review queue (null: not yet). */
	reviewed_at: ColumnType<string | null, string | null | undefined, string | null>;
	reviewed_by_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CrewLocationsTable {
	id: AutoId;
	crew_id: string;
	user_id: string;
	lat: number;
	long: number;
	accuracy_m: number | null;
	captured_at: string;
	received_at: string;
}

/** Failed sign-ins for one key (`user:<name>` or `ip:<address>`) since `first_failed_at`. */
export interface SignInFailuresTable {
	key: string;
	failures: number;
	first_failed_at: string;
	last_failed_at: string;
}

/** A single row holding the last value of the change sequence (see `nextChangeSeq`). */
export interface ChangeCounterTable {
	id: number;
	value: number;
}

/** An update an outside system POSTed to servicerequestupdates; update_id is theirs and unique. */
export interface Open311UpdatesTable {
	update_id: string;
	service_request_id: string;
	api_key_id: string | null;
	/** The extended status as sent, lowercase. */
	status: string;
	description: string | null;
	media_url: string | null;
	/** The client's updated_datetime. */
	updated_at: string;
	received_at: string;
	/** transition | none: whether the update changed the order's status. */
	effect: string;
}

/** A fixed-window request counter per API key, in the database so every server process shares it. */
export interface ApiRateLimitsTable {
	key_id: string;
	window_start: string;
	count: number;
}

/** Sends new Open311 requests of a service (optionally inside a bounding box) straight to a crew. */
export interface AutoAssignRulesTable {
	id: string;
	service_code: string;
	west: number | null;
	south: number | null;
	east: number | null;
	north: number | null;
	crew_id: string;
	/** Lower first; among equal orders a rule with an area wins over one without. */
	sort_order: ColumnType<number, number | undefined, number>;
	active: ColumnType<number, number | undefined, number>;
	created_at: string;
}

/** Account and device revocations (src/lib/server/auth/revocation.ts): who did what to whom. */
export interface SecurityEventsTable {
	id: AutoId;
	at: string;
	actor_user_id: string | null;
	/** user-disabled | user-enabled | device-revoked | device-restored */
	action: string;
	subject_user_id: string | null;
	subject_device_id: string | null;
	/** JSON: how many sessions ended, and the like. */
	detail: string;
}

export interface Database {
	services: ServicesTable;
	crews: CrewsTable;
	users: UsersTable;
	work_orders: WorkOrdersTable;
	notes: NotesTable;
	photos: PhotosTable;
	photo_blobs: PhotoBlobsTable;
	photo_upload_chunks: PhotoUploadChunksTable;
	work_order_photos: WorkOrderPhotosTable;
	status_history: StatusHistoryTable;
	devices: DevicesTable;
	sessions: SessionsTable;
	api_keys: ApiKeysTable;
	mutation_log: MutationLogTable;
	crew_locations: CrewLocationsTable;
	change_counter: ChangeCounterTable;
	sign_in_failures: SignInFailuresTable;
	open311_updates: Open311UpdatesTable;
	api_rate_limits: ApiRateLimitsTable;
	auto_assign_rules: AutoAssignRulesTable;
	security_events: SecurityEventsTable;
}

export type ServiceRow = Selectable<ServicesTable>;
export type NewService = Insertable<ServicesTable>;
export type CrewRow = Selectable<CrewsTable>;
export type NewCrew = Insertable<CrewsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type WorkOrderRow = Selectable<WorkOrdersTable>;
export type NewWorkOrder = Insertable<WorkOrdersTable>;
export type WorkOrderUpdate = Updateable<WorkOrdersTable>;
export type NoteRow = Selectable<NotesTable>;
export type NewNote = Insertable<NotesTable>;
export type PhotoRow = Selectable<PhotosTable>;
export type WorkOrderPhotoRow = Selectable<WorkOrderPhotosTable>;
export type NewWorkOrderPhoto = Insertable<WorkOrderPhotosTable>;
export type StatusHistoryRow = Selectable<StatusHistoryTable>;
export type NewStatusHistory = Insertable<StatusHistoryTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type MutationLogRow = Selectable<MutationLogTable>;
export type CrewLocationRow = Selectable<CrewLocationsTable>;
export type Open311UpdateRow = Selectable<Open311UpdatesTable>;
export type AutoAssignRuleRow = Selectable<AutoAssignRulesTable>;
export type NewAutoAssignRule = Insertable<AutoAssignRulesTable>;
