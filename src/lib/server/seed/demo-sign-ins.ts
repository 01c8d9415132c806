import { verifyPassword } from '../auth/password';
import type { Repositories } from '../repositories';
import { DEMO_PASSWORD } from './generate';

/**
 * Prints the sign-ins a newcomer can use, but only those whose password is still the demo one:
 * once an admin changes a password, the banner stops advertising it.
 */
export async function printDemoSignIns(repos: Repositories): Promise<void> {
	const users = (await repos.users.list()).filter((user) => user.disabled_at === null).slice(0, 30);
	const stillDemo = await Promise.all(users.map((user) => verifyPassword(DEMO_PASSWORD, user.password_hash)));
	const demoUsers = users.filter((_, index) => stillDemo[index]);
	if (demoUsers.length === 0) return;
	const lines = demoUsers.map(
		(user) => `  ${user.role.padEnd(11)} ${user.username.padEnd(20)} ${user.display_name}`
	);
	console.log(
		[
			`[curbside] Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
			'  role        username             name',
			...lines
		].join('\n')
	);
}
