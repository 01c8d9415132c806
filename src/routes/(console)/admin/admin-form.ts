/** What the admin pages' forms share. */
import type { SubmitFunction } from '@sveltejs/kit';

/** An admin form action's answer, as the pages read it back. */
interface Answer {
	issues?: readonly ({ path?: string } | object)[];
}

/** Whether the answer named this field among its problems (its input is then marked invalid). */
export function answerNamesField(answer: Answer | null | undefined, field: string): boolean {
	return answer?.issues?.some((issue) => 'path' in issue && issue.path === field) ?? false;
}

/**
 * A crew's or a service's department (TextField attributes): one of those already in use is
 * offered from the page's `departments` list; the server checks the same length.
 */
export const DEPARTMENT_FIELD = {
	name: 'department',
	required: true,
	maxlength: 60,
	list: 'departments'
} as const;

/**
 * use:enhance for a form that edits a saved record: after it is sent the page reloads its data
 * but the form is not reset. A reset brings every field back to its HTML default, which for a
 * field rendered from data is empty or unchecked, so the next save would blank a name or retire
 * a crew without anyone touching those fields.
 */
export const keepFieldsAfterSave: SubmitFunction =
	() =>
	async ({ update }) => {
		await update({ reset: false });
	};
