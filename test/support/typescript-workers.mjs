// Loaded with --import into every test process (vitest.config.ts): lets a worker thread started from the
// TypeScript sources (the token signer's) run its .ts file, as the compiled .js runs under `npm start`.
// Worker threads inherit the process's --import, so this registers the hook in them too.
import { register } from 'node:module';

register('./typescript-workers-hooks.mjs', import.meta.url);
