#!/usr/bin/env node
// The `keyward` command (npm run keyward -- …, or the package's bin): runs the built CLI at once, and rebuilds the
// server first only when a source file is newer than the build — so a command answers in well under a second.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/server/cli.js');

/** The newest modification time among the server's sources and the build settings. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(root, 'server'));
  for (const file of ['tsconfig.build.json', 'tsconfig.json', 'package-lock.json'])
    newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

function builtAt() {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return 0;
  }
}

if (builtAt() < newestSource()) {
  process.stderr.write('Building the server first (its sources changed since the last build)…\n');
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // tsc leaves an output it would write unchanged as it was: the CLI's own file marks when the build was checked.
  const now = new Date();
  utimesSync(built, now, now);
}

// The help needs none of the database code: answered from its own small module.
const help = await import(pathToFileURL(join(root, 'dist/server/cli-help.js')).href);
if (help.wantsHelp(process.argv.slice(2))) {
  process.stdout.write(help.HELP);
  process.exit(0);
}

// The CLI reads .env from the working directory and runs when invoked directly; here it is imported, so say so.
process.argv[1] = built;
await import(pathToFileURL(built).href);
