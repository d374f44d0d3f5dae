// The engine and tool version (kept in step with package.json by test/harness/version.test.ts).
export const VERSION = '0.1.0';
