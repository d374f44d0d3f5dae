// Debian's Chromium as the browser tests (playwright.config.ts) and the workbench benchmarks launch it:
// headless, no sandbox (CI runs as root), nothing in the background. CHROMIUM= names another binary.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}
