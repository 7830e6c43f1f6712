// The programs the test suite drives besides Node: a Chrome/Chromium for the browser tests, and the relying parties and
// tools of the interoperability tests. Run before the suite (test/support/system-tools.ts, vitest's globalSetup) so a
// missing one stops `npm test` at once with the one command that fixes it, instead of failing dozens of tests.
// As a script (`node scripts/check-test-tools.mjs`) it exits 1 with that message, or 0 printing the browser it found.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a Debian/Ubuntu or Google package puts the browser, in the order we prefer them. */
const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Everything but the browser: how to tell it is there, the Debian package that brings it, and which tests need it.
 * The checks are existence checks (plus one 15 ms Python import), so a complete system costs no apt call.
 */
const TOOLS = [
  { name: 'openssl', found: () => onPath('openssl'), debian: 'openssl', for: 'the certificate tests' },
  {
    name: 'java and keytool',
    found: () => onPath('java') && onPath('keytool'),
    debian: 'default-jdk-headless',
    for: 'the certificate tests',
  },
  { name: 'jq', found: () => onPath('jq'), debian: 'jq', for: "the bash example's test" },
  { name: 'nginx', found: () => onPath('nginx') || executable('/usr/sbin/nginx'), debian: 'nginx-light', for: 'the certificate tests' },
  { name: "python3's authlib", found: authlibImports, debian: 'python3-authlib', for: 'the interoperability tests' },
];

/** An error whose message is all the user needs: printed as is, without a stack trace. */
export class MissingTestTools extends Error {
  constructor(message) {
    super(message);
    this.name = 'MissingTestTools';
    this.stack = message;
  }
}

/**
 * Finds (or, as root on Debian/Ubuntu unless KEYWARD_TEST_INSTALL=0, installs) what the tests need; returns the browser's
 * path, or throws MissingTestTools naming the one command to run.
 */
export async function checkTestTools(env = process.env) {
  let chromium = await findChromium(env);
  let missing = TOOLS.filter((tool) => !tool.found());
  // A CHROMIUM_PATH that names no browser is the user's choice: installing Debian's would not change it.
  const packages = [...(chromium || env.CHROMIUM_PATH ? [] : ['chromium']), ...missing.map((tool) => tool.debian)];
  if (packages.length > 0 && mayInstall(env)) {
    const purposes = [...new Set([...(packages.includes('chromium') ? ['the browser tests'] : []), ...missing.map((tool) => tool.for)])];
    console.log(`Installing Debian's ${packages.join(', ')} for ${purposes.join(' and ')} (set KEYWARD_TEST_INSTALL=0 to skip)…`);
    aptInstall(packages);
    chromium = await findChromium(env);
    missing = TOOLS.filter((tool) => !tool.found());
  }
  if (!chromium || missing.length > 0) throw new MissingTestTools(instructions(env, chromium, missing));
  return { chromium };
}

/** CHROMIUM_PATH alone when set (so a test can pretend there is no browser), else the usual places. */
async function findChromium(env) {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  const installed = BROWSERS.find(executable);
  if (installed) return installed;
  // A browser fetched by `npx playwright install chromium`; imported only here, as loading playwright-core takes a while.
  const { chromium } = await import('playwright-core');
  const downloaded = chromium.executablePath();
  return downloaded && executable(downloaded) ? downloaded : null;
}

function instructions(env, chromium, missing) {
  const lacking = [
    ...(chromium
      ? []
      : [env.CHROMIUM_PATH ? `Chrome/Chromium (CHROMIUM_PATH=${env.CHROMIUM_PATH} is no executable file)` : 'Chrome/Chromium']),
    ...missing.map((tool) => tool.name),
  ];
  const head = `The tests need ${lacking.join(', ')}, which this system lacks.`;
  if (debian()) {
    const packages = [...(chromium ? [] : ['chromium']), ...missing.map((tool) => tool.debian)];
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    const unset = !chromium && env.CHROMIUM_PATH ? ' (and unset CHROMIUM_PATH, or point it at a Chrome/Chromium binary)' : '';
    return `${head}\nRun: ${sudo}apt-get install ${packages.join(' ')}${unset}`;
  }
  const steps = [
    ...(missing.length > 0 ? [`install ${missing.map((tool) => tool.name).join(', ')} with your package manager`] : []),
    ...(chromium ? [] : ['set CHROMIUM_PATH to a Chrome/Chromium binary']),
  ];
  return `${head}\nThen ${steps.join(', and ')}.`;
}

function mayInstall(env) {
  return env.KEYWARD_TEST_INSTALL !== '0' && process.getuid?.() === 0 && debian();
}

function debian() {
  return existsSync('/etc/debian_version') && onPath('apt-get');
}

/** `apt-get install`, refreshing the package lists first when there are none (a fresh container) or the install fails. */
function aptInstall(packages) {
  const apt = (...args) =>
    spawnSync('apt-get', ['-qq', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  const install = () => apt('install', '-y', ...packages);
  if (!haveAptLists()) apt('update');
  if (!install() && apt('update')) install();
}

function haveAptLists() {
  try {
    return readdirSync('/var/lib/apt/lists').some((name) => name.includes('_Packages'));
  } catch {
    return false;
  }
}

function authlibImports() {
  return executable('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import authlib'], { stdio: 'ignore' }).status === 0;
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, command)));
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { chromium } = await checkTestTools();
    console.log(`Chromium: ${chromium}`);
  } catch (error) {
    if (!(error instanceof MissingTestTools)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
