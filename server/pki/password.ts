import { randomInt } from 'node:crypto';

/**
 * Letters and digits without the look-alikes 0/O/o, 1/l/I: a person can read the password aloud or
 * retype it, and it needs no quoting in `openssl -passin pass:<pw>` or `keytool -storepass <pw>`.
 */
export const BUNDLE_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** 24 characters from 55 symbols ≈ 138 bits of entropy. */
export const BUNDLE_PASSWORD_LENGTH = 24;

/** The password protecting a certificate bundle's `.pfx` and `.jks`; shown to the user once. */
export function generateBundlePassword(): string {
  let password = '';
  for (let i = 0; i < BUNDLE_PASSWORD_LENGTH; i++) {
    password += BUNDLE_PASSWORD_ALPHABET[randomInt(BUNDLE_PASSWORD_ALPHABET.length)];
  }
  return password;
}
