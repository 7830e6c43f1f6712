import { generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenSigner } from './token-signer.js';

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const verifies = (input: string, signature: string, publicKey: ReturnType<typeof p256>['publicKey']) =>
  verify('sha256', Buffer.from(input), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));

let signer: TokenSigner;
afterEach(async () => {
  await signer?.close();
});

describe('the token signer', () => {
  it('signs many concurrent inputs, each with its own key, and every signature verifies with the matching public key', async () => {
    signer = new TokenSigner();
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

  it('signs RS256 with an RSA key and EdDSA with an Ed25519 key, in the same batch as ES256', async () => {
    signer = new TokenSigner();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ed25519 = generateKeyPairSync('ed25519');
    const ec = p256();
    const [rs256, eddsa, es256] = await Promise.all([
      signer.sign('r.s', rsa.privateKey),
      signer.sign('e.d', ed25519.privateKey),
      signer.sign('e.c', ec.privateKey),
    ]);
    expect(verify('sha256', Buffer.from('r.s'), rsa.publicKey, Buffer.from(rs256, 'base64url'))).toBe(true);
    expect(verify(null, Buffer.from('e.d'), ed25519.publicKey, Buffer.from(eddsa, 'base64url'))).toBe(true);
    expect(verifies('e.c', es256, ec.publicKey)).toBe(true);
  });

  it('refuses only the signature that fails, not the rest of its batch', async () => {
    signer = new TokenSigner();
    const good = p256();
    // An X25519 key cannot sign at all.
    const x25519 = generateKeyPairSync('x25519');
    const results = await Promise.allSettled([
      signer.sign('a.b', good.privateKey),
      signer.sign('c.d', x25519.privateKey),
      signer.sign('e.f', good.privateKey),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/^Signing failed: /);
    expect(verifies('e.f', (results[2] as PromiseFulfilledResult<string>).value, good.publicKey)).toBe(true);
  });

  it('refuses what is pending when its worker dies, and signs again with a new worker', async () => {
    signer = new TokenSigner();
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
    signer = new TokenSigner();
    await signer.close();
    await expect(signer.sign('a.b', p256().privateKey)).rejects.toThrow('The token signer has been shut down.');
  });
});
