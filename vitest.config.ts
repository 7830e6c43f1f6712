import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // swc compiles the server like tsc does (legacy decorators with metadata), so tests run the same code as `npm start`.
  plugins: [
    swc.vite({
      module: { type: 'es6' },
      jsc: { target: 'es2022', transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false } },
    }),
  ],
  resolve: {
    // graphql ships CJS and ESM builds; Node (and type-graphql) load the CJS one, so tests must too — one instance only.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts', 'server/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Finds (or installs) Chromium, openssl, java, jq, nginx and Authlib once, before any test; stops the run if one is missing.
    globalSetup: ['test/support/system-tools.ts'],
    setupFiles: ['test/support/setup.ts'],
    // Worker threads started from the TypeScript sources (the token signer's) need their .ts file compiled.
    execArgv: ['--import', new URL('./test/support/typescript-workers.mjs', import.meta.url).href],
  },
});
