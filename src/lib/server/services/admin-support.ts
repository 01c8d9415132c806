/** What the admin services share: their result shape and how form fields are checked and read. */
import { v } from '$lib/domain';

export type AdminResult<T> = { ok: true; value: T } | { ok: false; issues: v.Issue[] };

/** Trimmed text of 1 to `max` characters, with no control characters (names show up everywhere). */
export function adminText(max: number): v.Schema<string> {
	return v.refine(v.string({ trim: true, min: 1, max }), (text, label) =>
		// eslint-disable-next-line no-control-regex -- refusing control characters is the point
		/[\u0000-\u001f\u007f]/.test(text) ? `${label} must not contain control characters` : null
	);
}

/**
 * A form's fields as a plain object. A checkbox sends its value only when ticked, so every name in
 * `checkboxes` is read as true or false.
 */
export function formFields(form: FormData, checkboxes: readonly string[] = []): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value;
	for (const name of checkboxes) fields[name] = form.has(name);
	return fields;
}

/** Issues as one readable sentence per field, for a form's error box. */
export function issueMessages(issues: readonly v.Issue[]): string[] {
	return issues.map((issue) => issue.message);
}

/** A posted form checked against `schema`: the value, or the issues for a 400 answer. */
export async function readForm<T>(
	request: Request,
	schema: v.Schema<T>,
	checkboxes: readonly string[] = []
): Promise<v.Result<T>> {
	const form = await request.formData().catch(() => null);
	if (!form)
		return { ok: false, issues: [v.issue('', 'form', 'The form could not be read; send it again.')] };
	return v.validate(schema, formFields(form, checkboxes));
}
