// The program's entry point (`node dist/server/start.cjs`): it sizes libuv's thread pool, then loads main.js.
//
// libuv's thread pool signs the access tokens. Its default of 4 threads on a 2-core machine makes the signers
// compete with the event loop and with each other (OpenSSL 3.0 takes locks): `npm run bench:token` measured
// 10–13 % more tokens per second with 2 threads than with 4 there. So Keyward uses one thread per core,
// between 2 and libuv's default of 4. A UV_THREADPOOL_SIZE set by the operator wins.
//
// This file is CommonJS on purpose: libuv reads the variable once, when the pool starts, and loading an ES
// module entry point already starts it (the ESM loader reads files on the pool).
import { availableParallelism } from 'node:os';

process.env.UV_THREADPOOL_SIZE ??= String(Math.min(4, Math.max(2, availableParallelism())));
void import('./main.js');
