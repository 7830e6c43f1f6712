import { checkTestTools, MissingTestTools } from '../../scripts/check-test-tools.mjs';

/**
 * vitest's globalSetup: stops the run before any test when a program the suite drives is missing (installing it where
 * that is allowed), and hands the browser it found to the test processes, which inherit this environment.
 */
export default async function setup(): Promise<void> {
  try {
    process.env.CHROMIUM_PATH = (await checkTestTools()).chromium;
  } catch (error) {
    if (!(error instanceof MissingTestTools)) throw error;
    // Thrown, vitest would wrap the instruction in "Unhandled Error" and "No test files found"; it alone is clearer.
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
