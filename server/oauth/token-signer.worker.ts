// The token signer's worker thread (started by token-signer.ts): it holds the keys it was sent and signs batches.
//
// A `{ key, keyId }` message registers a key; an `{ inputs, keyIds }` message is a batch, answered with one
// message of the base64url signatures in the same order (or `{ error }` in the place of one that failed).
import type { KeyObject } from 'node:crypto';
import { sign } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

export type SignerMessage = { key: KeyObject; keyId: number } | { key?: undefined; inputs: string[]; keyIds: number[] };
export type SignerResult = string | { error: string };

const port = parentPort;
if (!port) throw new Error('token-signer.worker runs as a worker thread of the token signer.');

const keys = new Map<number, [digest: string | null, key: KeyObject | { key: KeyObject; dsaEncoding: 'ieee-p1363' }]>();
port.on('message', (message: SignerMessage) => {
  if (message.key) {
    // The key's type picks the JWS algorithm: ES256 (raw r||s), RS256 (PKCS#1 v1.5) or EdDSA (no digest).
    const key = message.key;
    const type = key.asymmetricKeyType;
    keys.set(
      message.keyId,
      type === 'ec' ? ['sha256', { key, dsaEncoding: 'ieee-p1363' }] : type === 'ed25519' ? [null, key] : ['sha256', key],
    );
    return;
  }
  const { inputs, keyIds } = message;
  const signatures: SignerResult[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    try {
      const [digest, key] = keys.get(keyIds[i])!;
      signatures[i] = sign(digest, Buffer.from(inputs[i]), key).toString('base64url');
    } catch (error) {
      signatures[i] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  port.postMessage(signatures);
});
