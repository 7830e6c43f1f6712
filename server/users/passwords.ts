import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { BadUserInputError } from '../kernel/errors.js';
import { weakPasswordReason } from './password-strength.js';

// @node-rs/argon2 defaults to Argon2id (v1.3); these are OWASP's recommended minimum costs.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
/** Sign-in reads at most this many characters, so a longer password could never be used. */
export const PASSWORD_MAX_LENGTH = 1024;

/** How a message names the field a password was given in. */
const FIELD_LABELS: Record<string, string> = {
  newPassword: 'new password',
  password: 'password',
  adminPassword: 'admin password',
};

/**
 * The password rule for every password a person or an operator chooses (docs/limits.md#passwords): at least 12 characters and a
 * zxcvbn score of at least 3, so common, repeated-character and patterned passwords are refused, saying why.
 * `userInputs` (the person's email and name) count as easy to guess. Generated passwords need no check.
 */
export async function checkPassword(password: string, field: string, userInputs: string[] = []): Promise<void> {
  const label = FIELD_LABELS[field] ?? field;
  const subject = /^[a-z]/.test(label) ? `The ${label}` : label;
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new BadUserInputError(field, `${subject} is too short: use at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(field, `${subject} is too long: use at most ${PASSWORD_MAX_LENGTH} characters.`);
  }
  const weakness = await weakPasswordReason(password, userInputs);
  if (weakness) throw new BadUserInputError(field, `${subject} is too easy to guess: ${weakness}`);
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
