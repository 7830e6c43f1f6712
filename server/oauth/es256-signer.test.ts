import { generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Es256Signer } from './es256-signer.js';

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const verifies = (input: string, signature: string, publicKey: ReturnType<typeof p256>['publicKey']) =>
  verify('sha256', Buffer.from(input), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));

let signer: Es256Signer;
afterEach(async () => {
  await signer?.close();
});

describe('the token signer', () => {
  it('signs many concurrent inputs, each with its own key, and every signature verifies with the matching public key', async () => {
    signer = new Es256Signer();
    const [first, second] = [p256(), p256()];
    const inputs = Array.from({ length: 100 }, (_, i) => `header.payload-${i}`);
    const signatures = await Promise.all(inputs.map((input, i) => signer.sign(input, i % 2 ? second.privateKey : first.privateKey)));
    signatures.forEach((signature, i) => {
      // ES256 in JWS is the raw 64-byte r‖s, base64url: 86 characters.
      expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
      const [right, wrong] = i % 2 ? [second, first] : [first, second];
      expect(verifies(inputs[i], signature, right.publicKey)).toBe(true);
      expect(verifies(inputs[i], signature, wrong.publicKey)).toBe(false);
    });
  });

  it('refuses only the signature that fails, not the rest of its batch', async () => {
    signer = new Es256Signer();
    const good = p256();
    // An Ed25519 key cannot make an ECDSA SHA-256 signature.
    const ed25519 = generateKeyPairSync('ed25519');
    const results = await Promise.allSettled([
      signer.sign('a.b', good.privateKey),
      signer.sign('c.d', ed25519.privateKey),
      signer.sign('e.f', good.privateKey),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/^Signing failed: /);
    expect(verifies('e.f', (results[2] as PromiseFulfilledResult<string>).value, good.publicKey)).toBe(true);
  });

  it('refuses what is pending when its worker dies, and signs again with a new worker', async () => {
    signer = new Es256Signer();
    const key = p256();
    await signer.sign('warm.up', key.privateKey);
    const pending = signer.sign('x.y', key.privateKey);
    // The worker is private: reach it to kill it, as a crash would.
    await (signer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(pending).rejects.toThrow(/token signer stopped|Signing failed/);
    const signature = await signer.sign('after.crash', key.privateKey);
    expect(verifies('after.crash', signature, key.publicKey)).toBe(true);
  });

  it('refuses to sign after close', async () => {
    signer = new Es256Signer();
    await signer.close();
    await expect(signer.sign('a.b', p256().privateKey)).rejects.toThrow('The token signer has been shut down.');
  });
});
