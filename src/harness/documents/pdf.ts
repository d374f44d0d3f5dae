// HTML to PDF through headless Chromium (playwright-core, the same browser the browser tests drive). The
// fonts the page names are embedded by Chromium; on Debian the open ones come from fonts-noto-cjk.
import { existsSync } from 'node:fs';
import { UsageError } from '../io.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to print with: $LUOSHI_CHROMIUM, else the first one installed. */
export function chromiumPath(): string | null {
  const env = process.env.LUOSHI_CHROMIUM;
  if (env) return existsSync(env) ? env : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export async function htmlToPdf(html: string): Promise<Uint8Array> {
  const exe = chromiumPath();
  if (!exe)
    throw new UsageError(
      'PDF 需要 Chromium（或设 LUOSHI_CHROMIUM） / PDF needs Chromium: install it or set LUOSHI_CHROMIUM',
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await browser.close();
  }
}
