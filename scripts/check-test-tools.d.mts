/** Thrown when a program the tests need is missing; its message is the instruction to show, without a stack trace. */
export class MissingTestTools extends Error {}

/** Finds (or installs, where allowed) what the test suite needs besides Node; resolves to the browser's path. */
export function checkTestTools(env?: NodeJS.ProcessEnv): Promise<{ chromium: string }>;
