import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { SignerMessage, SignerResult } from './token-signer.worker.js';

// The token endpoint's signatures (ES256, RS256 or EdDSA, by the key's type), made on one worker thread in batches.
//
// Signing is the largest single cost of a token. On the event loop it would cap Keyward at one core. Node's callback form
// of sign() moves each signature to libuv's thread pool, but pays per token: a job object, a thread wake-up,
// a callback through async hooks, and on a 2-core machine a context switch whenever a woken signer preempts
// the event loop. Here, the requests the event loop read in one turn are sent to the worker together, a few
// per message, and come back the same way. `npm run bench:token` measures the difference (bench/README.md).
//
// The worker holds nothing but the keys it was sent (KeyObjects are cloned to it, never exported as bytes).
// Should it fail, the pending signatures are refused with the error and the next batch starts a new worker.

// The worker is the sibling module token-signer.worker: compiled .js next to this file under `npm start`, the
// .ts source under the tests (test/support/typescript-workers.mjs lets a worker load it).
const WORKER_FILE = new URL(import.meta.url.endsWith('.ts') ? './token-signer.worker.ts' : './token-signer.worker.js', import.meta.url);

interface Pending {
  resolve: (signature: string) => void;
  reject: (error: Error) => void;
}

/**
 * At most this many signatures per message. The event loop answers a message's requests only once all of
 * its signatures are back, so a whole turn's batch in one message would leave it idle meanwhile; one
 * signature per message pays the messaging per token again. 8 measured best of 1, 4, 8 and 16 (bench/README.md).
 */
const CHUNK = 8;

export class TokenSigner {
  private worker: Worker | null = null;
  /** Key ids the current worker has been sent. */
  private keyIds = new WeakMap<KeyObject, number>();
  private nextKeyId = 1;
  /** The batch being gathered in this turn of the event loop. */
  private inputs: string[] = [];
  private keysOfInputs: number[] = [];
  private waiting: Pending[] = [];
  /** Batches sent to the worker, oldest first; it answers them in order. */
  private readonly inFlight: Pending[][] = [];
  private flushScheduled = false;
  private closed = false;

  /** The base64url JWS signature of `signingInput` with `key`: ES256 for a P-256 key, RS256 for RSA, EdDSA for Ed25519. */
  sign(signingInput: string, key: KeyObject): Promise<string> {
    if (this.closed) return Promise.reject(new Error('The token signer has been shut down.'));
    return new Promise((resolve, reject) => {
      this.inputs.push(signingInput);
      this.keysOfInputs.push(this.keyIdFor(key));
      this.waiting.push({ resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failInFlight(new Error('The token signer has been shut down.'));
    if (worker) await worker.terminate();
  }

  private readonly flush = () => {
    this.flushScheduled = false;
    if (this.inputs.length === 0) return;
    const worker = this.ensureWorker();
    if (this.inFlight.length === 0) worker.ref();
    for (let start = 0; start < this.inputs.length; start += CHUNK) {
      const batch: SignerMessage = {
        inputs: this.inputs.slice(start, start + CHUNK),
        keyIds: this.keysOfInputs.slice(start, start + CHUNK),
      };
      worker.postMessage(batch);
      this.inFlight.push(this.waiting.slice(start, start + CHUNK));
    }
    this.inputs = [];
    this.keysOfInputs = [];
    this.waiting = [];
  };

  private keyIdFor(key: KeyObject): number {
    const worker = this.ensureWorker();
    let keyId = this.keyIds.get(key);
    if (keyId === undefined) {
      keyId = this.nextKeyId++;
      this.keyIds.set(key, keyId);
      // Messages are handled in order: the key arrives before any batch that uses it.
      worker.postMessage({ key, keyId } satisfies SignerMessage);
    }
    return keyId;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, { name: 'keyward-token-signer' });
    worker.unref();
    worker.on('message', (signatures: SignerResult[]) => {
      const batch = this.inFlight.shift();
      if (this.inFlight.length === 0) worker.unref();
      if (!batch) return;
      for (let i = 0; i < batch.length; i++) {
        const signature = signatures[i];
        if (typeof signature === 'string') batch[i].resolve(signature);
        else batch[i].reject(new Error(`Signing failed: ${signature?.error ?? 'no signature returned'}`));
      }
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failInFlight(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The token signer stopped (exit code ${code}).`)));
    this.worker = worker;
    // A new worker knows no keys: forget the ids handed out to the old one.
    this.nextKeyId = 1;
    this.keyIds = new WeakMap();
    return worker;
  }

  private failInFlight(error: Error) {
    for (const batch of this.inFlight.splice(0)) for (const pending of batch) pending.reject(error);
    // Inputs gathered for the next flush referred to the old worker's keys: refuse them too.
    const waiting = this.waiting;
    this.inputs = [];
    this.keysOfInputs = [];
    this.waiting = [];
    for (const pending of waiting) pending.reject(error);
  }
}
