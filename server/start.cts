// The program's entry point (`node dist/server/start.cjs`): it sizes libuv's thread pool, then loads main.js.
//
// libuv's thread pool hashes passwords at sign-in (@node-rs/argon2) and serves file reads. Access tokens are
// signed on a worker thread of their own (oauth/token-signer.ts). libuv's default of 4 threads on a 2-core
// machine lets a burst of sign-ins take both cores from the event loop and the signer, so Keyward uses one
// thread per core, between 2 and libuv's default of 4. A UV_THREADPOOL_SIZE set by the operator wins.
//
// This file is CommonJS on purpose: libuv reads the variable once, when the pool starts, and loading an ES
// module entry point already starts it (the ESM loader reads files on the pool).
import { availableParallelism } from 'node:os';

process.env.UV_THREADPOOL_SIZE ??= String(Math.min(4, Math.max(2, availableParallelism())));
void import('./main.js');
