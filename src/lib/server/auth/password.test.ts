import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
	it('verifies the right password and refuses a wrong one', async () => {
		const hash = await hashPassword('correct horse');
		expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
		expect(await verifyPassword('correct horse', hash)).toBe(true);
		expect(await verifyPassword('correct horse ', hash)).toBe(false);
	});

	it('salts every hash', async () => {
		expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
	});

	it('treats composed and decomposed accents as the same password', async () => {
		const hash = await hashPassword('caf\u00e9');
		expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
	});

	it('refuses malformed stored hashes instead of throwing', async () => {
		expect(await verifyPassword('x', '')).toBe(false);
		expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
	});
});
