// `luoshi serve`'s file access under load: a 256 KiB preview of a 2 GiB file, a 10 MB plan read whole,
// and how long /api/ping waits meanwhile (whether the event loop stays free).
//   npx tsx bench/serve/files.bench.ts [--rounds 200]
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../../src/harness/serve/server.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '200' } } });
const rounds = Number(values.rounds);

const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-serve-'));
writeFileSync(join(dir, 'big.csv'), '案号,立案日期\n'.repeat(100_000));
truncateSync(join(dir, 'big.csv'), 2 * 1024 ** 3); // sparse beyond the first lines
writeFileSync(join(dir, 'long.plan'), '说明 "一行说明文字，用来把计划文件撑到十兆字节左右"\n'.repeat(150_000));
const srv = await startServer({ dirs: [dir], port: 0 });
const port = Number(new URL(srv.url).port);

const get = (path: string): Promise<{ ms: number; bytes: number; status: number }> =>
  new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, path, headers: { cookie: srv.cookie } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => ok({ ms: performance.now() - t0, bytes, status: res.statusCode ?? 0 }));
    });
    req.on('error', fail);
    req.end();
  });

const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const fmt = (xs: number[]): string =>
  `median ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

for (const [name, path] of [
  ['preview 256 KiB of a 2 GiB file', '/api/file?path=big.csv&head=262144'],
  ['read a 10 MB plan whole', '/api/file?path=long.plan'],
  ['refuse the 2 GiB file whole (413)', '/api/file?path=big.csv'],
] as const) {
  const times: number[] = [];
  let last = { bytes: 0, status: 0 };
  for (let i = 0; i < Math.max(5, Math.floor(rounds / 10)); i++) {
    const r = await get(path);
    times.push(r.ms);
    last = r;
  }
  console.log(`${name}: ${fmt(times)} (HTTP ${last.status}, ${(last.bytes / 1e6).toFixed(2)} MB answered)`);
}

// Pings while other requests run, 8 at a time.
async function pingsDuring(paths: string[]): Promise<number[]> {
  const pings: number[] = [];
  let running = true;
  const load = (async () => {
    let k = 0;
    while (running) await Promise.all(Array.from({ length: 8 }, () => get(paths[k++ % paths.length]!)));
  })();
  for (let i = 0; i < rounds; i++) pings.push((await get('/api/ping')).ms);
  running = false;
  await load;
  return pings;
}
console.log(
  `/api/ping during 8 concurrent 1 MiB previews of the 2 GiB file: ${fmt(await pingsDuring(['/api/file?path=big.csv&head=1048576']))} (${rounds} pings)`,
);
console.log(
  `/api/ping during 8 concurrent whole reads of the 10 MB plan: ${fmt(await pingsDuring(['/api/file?path=long.plan']))} (${rounds} pings)`,
);

await srv.close();
rmSync(dir, { recursive: true, force: true });
