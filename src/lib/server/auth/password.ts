/**
 * Password hashing with scrypt from Node's own crypto: memory-hard, no native add-on to build.
 * Stored form: `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old hashes.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
	password: crypto.BinaryLike,
	salt: crypto.BinaryLike,
	keylen: number,
	options: crypto.ScryptOptions
) => Promise<Buffer>;

const COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
	const salt = crypto.randomBytes(16);
	const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, COST);
	return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
		N: Number(n),
		r: Number(r),
		p: Number(p)
	});
	return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/**
 * A real hash of a random password: checked against when the username is unknown, so a wrong
 * username takes as long as a wrong password and the two cannot be told apart by timing.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
	decoyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
	return decoyHash;
}
