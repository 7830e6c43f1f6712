import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { BadUserInputError } from '../errors.js';

// @node-rs/argon2 defaults to Argon2id (v1.3); these are OWASP's recommended minimum costs.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
/** Sign-in reads at most this many characters, so a longer password could never be used. */
export const PASSWORD_MAX_LENGTH = 1024;

/** The password rule for every password a person or an operator chooses. */
export function checkPassword(password: string, field: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new BadUserInputError(field, `The password is too short: use at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(field, `The password is too long: use at most ${PASSWORD_MAX_LENGTH} characters.`);
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random password for bootstrap and resets: 24 characters from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length: 24 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Hash of a password nobody has, so sign-in for an unknown email costs the same time as a real one. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(generatePassword());
  return decoyHash;
}
