import { chromium } from 'playwright-core';
const url = process.argv[2]!;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
const t0 = Date.now();
await page.goto(url);
await page.waitForSelector('[data-testid=evaluated]', { timeout: 120000 }).catch(e => console.log('no evaluated', e.message));
console.log('evaluated after', Date.now() - t0, await page.evaluate(() => document.body.dataset.firstEvaluated));
await page.waitForTimeout(4000);
for (const v of (process.argv[3] ?? 'tasks').split(',')) {
  await page.click(`[data-tab=${v}]`).catch(()=>{});
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/lt/shot-${v}.png` });
}
await browser.close();
