// The workbench's weight and its first evaluated view: what the page and its workers fetch from opening
// the page to the first evaluated view of the 宁波 plan on its 3,000 example cases (bytes as sent, i.e.
// compressed, and as read), the time to that view (median of fresh browser contexts: nothing cached),
// and every file of the build, raw, gzip -9 and brotli (what `luoshi serve` sends is the brotli one).
//
//   npm run build && npm run build:workbench && npx tsx bench/workbench/page.bench.ts [--runs 5] [--json out.json]
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { makeFolder, ROOT, serveFolder } from '../../test/browser/folder.js';
import { evaluated } from '../../test/browser/workbench-page.js';
import type { PageDocument } from '../../test/browser/page-types.js';
import { launchChromium } from '../../test/browser/chromium.js';

declare const document: PageDocument;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, json: { type: 'string' } } });
const RUNS = Math.max(1, Number(values.runs));
const APP = join(ROOT, 'dist', 'workbench');
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

interface Fetched {
  path: string;
  sent: number;
  read: number;
  encoding: string;
}

/** Every file of the build (not the .br/.gz copies): raw, gzip -9, brotli 11. */
function buildSizes(): Array<{ file: string; raw: number; gzip: number; brotli: number }> {
  const out: Array<{ file: string; raw: number; gzip: number; brotli: number }> = [];
  for (const f of readdirSync(APP, { recursive: true }) as string[]) {
    const abs = join(APP, f);
    if (/\.(br|gz)$/.test(f) || !statSync(abs).isFile()) continue;
    const bytes = readFileSync(abs);
    out.push({
      file: relative(APP, abs),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return out.sort((a, b) => b.raw - a.raw);
}

async function main(): Promise<void> {
  if (!existsSync(join(APP, 'index.html'))) {
    console.error('dist/workbench is missing: run `npm run build:workbench` first');
    process.exit(2);
  }
  // The 宁波 plan and its data, configured; no plugins (a court's folder as the README's example has it).
  const dir = makeFolder(undefined, { plugins: false });
  const server = await serveFolder(dir);
  const browser = await launchChromium();
  const firstViews: number[] = [];
  let fetched: Fetched[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      const seen: Array<Promise<Fetched | null>> = [];
      // Requests of the page and of its workers (the context sees both), as sent and as read.
      context.on('requestfinished', (req) => {
        seen.push(
          (async () => {
            const res = await req.response();
            if (!res || res.status() === 303) return null;
            const url = new URL(req.url());
            const headers = await res.allHeaders();
            const body = await res.body().catch(() => Buffer.alloc(0));
            // As sent: the Content-Length of the (compressed) answer; Chromium's own count where there is
            // none (it counts nothing for a worker's requests).
            const sent =
              headers['content-length'] !== undefined
                ? Number(headers['content-length'])
                : (await req.sizes()).responseBodySize;
            return {
              path: url.pathname + (url.pathname.startsWith('/api/') ? url.search.slice(0, 60) : ''),
              sent,
              read: body.length,
              encoding: headers['content-encoding'] ?? '',
            };
          })(),
        );
      });
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 120_000 });
      await evaluated(page, undefined, 120_000);
      firstViews.push(Number(await page.evaluate(() => document.body.dataset.firstEvaluated)));
      if (run === 0) fetched = (await Promise.all(seen)).filter((f): f is Fetched => f !== null);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.running.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const app = fetched.filter((f) => !f.path.startsWith('/api/'));
  const api = fetched.filter((f) => f.path.startsWith('/api/'));
  const sum = (xs: Fetched[], k: 'sent' | 'read'): number => xs.reduce((n, x) => n + x[k], 0);
  console.log(
    `fetched from opening the page to its first evaluated view (${fetched.length} requests; sent = as compressed on the wire)`,
  );
  for (const f of [...app, ...api].sort((a, b) => b.read - a.read))
    console.log(`  ${f.path.padEnd(48)} ${kb(f.read).padStart(10)} read ${kb(f.sent).padStart(10)} sent ${f.encoding}`);
  console.log(`  app files: ${kb(sum(app, 'read'))} read, ${kb(sum(app, 'sent'))} sent (aim: under 1 MB sent)`);
  console.log(`  API (workspace, plan texts, data): ${kb(sum(api, 'read'))} read, ${kb(sum(api, 'sent'))} sent`);
  const build = buildSizes();
  const total = build.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
  console.log(
    `every file of the build (dist/workbench, ${build.length} files, the views and chunks fetched later included): ${kb(total.raw)} raw, ${kb(total.gzip)} gzip -9, ${kb(total.brotli)} brotli`,
  );
  console.log(
    `first evaluated view (page clock, from navigation), ${RUNS} fresh contexts: median ${median(firstViews)} ms [${firstViews.join(', ')}] (aim: under 1,500 ms)`,
  );
  if (values.json) writeFileSync(values.json, JSON.stringify({ fetched, build, total, firstViews }, null, 2));
}

await main();
