// `npm run dev`: the server recompiles and restarts on change (tsc --watch + node --watch),
// and Vite serves the SPA with hot reload on http://localhost:5173, proxying the API to the server.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// The SPA is served by Vite on :5173, so that is Keyward's public origin while developing: the CSRF guard accepts
// only KEYWARD_PUBLIC_URL's origin (server/http/csrf.ts), and links in emails then open the hot-reloading SPA.
// Read .env first so a KEYWARD_PUBLIC_URL set there still wins (the server reads .env only for what is unset).
if (existsSync('.env')) process.loadEnvFile('.env');
process.env.KEYWARD_PUBLIC_URL ??= 'http://localhost:5173';

const children = [];
function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', shell: false });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) shutdown(code);
  });
  return child;
}
function shutdown(code = 0) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

const bin = (name) => `node_modules/.bin/${name}`;
run(bin('tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']);
// Start the server once the first compile has produced it.
const wait = setInterval(() => {
  if (!existsSync('dist/server/start.cjs')) return;
  clearInterval(wait);
  run(process.execPath, ['--watch-path=dist/server', 'dist/server/start.cjs']);
  run(bin('vite'), ['--port', '5173', '--strictPort']);
}, 500);
