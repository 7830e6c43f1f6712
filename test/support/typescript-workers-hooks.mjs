// Module hook (see typescript-workers.mjs): a .ts file of Keyward's own, outside node_modules, is compiled
// with swc like vitest compiles the tests; everything else loads as usual.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const { code } = await transform(await readFile(filename, 'utf8'), {
    filename,
    module: { type: 'es6' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true } },
    sourceMaps: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
