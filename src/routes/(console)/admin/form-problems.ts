/** An admin form action's answer, as the pages read it back. */
interface Answer {
	issues?: readonly ({ path?: string } | object)[];
}

/** Whether the answer named this field among its problems (its input is then marked invalid). */
export function answerNamesField(answer: Answer | null | undefined, field: string): boolean {
	return answer?.issues?.some((issue) => 'path' in issue && issue.path === field) ?? false;
}
