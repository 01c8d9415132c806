/** What the admin pages' forms share. */

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
