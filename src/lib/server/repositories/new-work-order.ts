import type { WorkOrdersTable } from '../db/schema';

/**
 * A work order about to be inserted, every column named (change_seq is the repository's to set).
 * Required, not optional: a column added to the table fails to compile here until it is given a
 * value, instead of being left to the database default unnoticed.
 */
export type NewWorkOrderRow = {
	[Column in keyof Omit<WorkOrdersTable, 'change_seq'>]: WorkOrdersTable[Column];
};

/** What only the caller can know: which order, what and where, when, and how it came in. */
export type WorkOrderEssentials = Pick<
	NewWorkOrderRow,
	| 'id'
	| 'service_code'
	| 'description'
	| 'lat'
	| 'long'
	| 'requested_at'
	| 'updated_at'
	| 'source'
	| 'priority'
>;

/**
 * Columns the caller knows more about. Each given key must be a column and hold that column's
 * type: `undefined` is refused (`email: fields.email` must say `?? null`), as it would be if the
 * row were written out in full, since spread over a default it would silently unset the column.
 */
export type WorkOrderDetails<Given> = {
	[Key in keyof Given]: Key extends keyof NewWorkOrderRow ? NewWorkOrderRow[Key] : never;
};

/**
 * A new work order: the essentials, `details` where the caller knows more, and for every other
 * column the value of an order nobody has touched yet (unassigned, no reporter, no field work).
 */
export function newWorkOrderRow<Given extends Partial<NewWorkOrderRow>>(
	essentials: WorkOrderEssentials,
	details: Given & WorkOrderDetails<Given> = {} as Given & WorkOrderDetails<Given>
): NewWorkOrderRow {
	return {
		token: null,
		address: null,
		address_id: null,
		zipcode: null,
		media_url: null,
		status_notes: null,
		agency_responsible: null,
		service_notice: null,
		expected_at: null,
		jurisdiction_id: null,
		email: null,
		first_name: null,
		last_name: null,
		phone: null,
		reporter_device_id: null,
		account_id: null,
		attributes: '{}',
		due_at: null,
		crew_id: null,
		route_order: null,
		field_status: 'new',
		resolution_code: null,
		unable_reason: null,
		time_on_site_minutes: null,
		materials: '[]',
		assigned_at: null,
		started_at: null,
		closed_at: null,
		duplicate_of: null,
		needs_review: 0,
		created_by_user_id: null,
		...essentials,
		...details
	};
}
