/**
 * The resident's answers to the service's questions (Open311 attributes: pothole size, pole
 * number...), readable on the order page. Codes and list keys become words: SIZE -> "Size",
 * in_lane -> "in lane".
 */
export interface AttributeFact {
	label: string;
	value: string;
}

export function attributeFacts(attributes: Record<string, string | string[]>): AttributeFact[] {
	return Object.entries(attributes)
		.map(([code, answer]) => ({
			label: sentenceCase(code),
			value: (Array.isArray(answer) ? answer : [answer]).map(words).join(', ')
		}))
		.filter((fact) => fact.value !== '')
		.sort((a, b) => a.label.localeCompare(b.label));
}

function words(text: string): string {
	return text.replace(/[_-]+/g, ' ').trim();
}

function sentenceCase(code: string): string {
	const text = words(code).toLowerCase();
	return text.charAt(0).toUpperCase() + text.slice(1);
}
