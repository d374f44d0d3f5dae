// The browser tests (test/browser/*.spec.ts) on Playwright's test runner, in Debian's Chromium.
// `npm run test:browser` builds the app and runs them; `npx playwright test [file] [-g name]` runs some.
// The fixtures (a served folder, a signed-in workbench) are in test/browser/fixtures.ts.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './test/browser/chromium.js';

export default defineConfig({
  testDir: 'test/browser',
  testMatch: '*.spec.ts',
  // Each worker serves its own folder; two cores are all CI has.
  workers: Number(process.env.LUOSHI_BROWSER_WORKERS ?? 1),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  // Not test-results/ itself: Playwright empties its output folder, and CI keeps vitest.json there.
  outputDir: 'test-results/playwright-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    // Debian's Chromium (executablePath /usr/bin/chromium), headless, --no-sandbox.
    launchOptions: { executablePath: CHROMIUM_LAUNCH.executablePath, args: CHROMIUM_LAUNCH.args },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 20_000,
  },
});
