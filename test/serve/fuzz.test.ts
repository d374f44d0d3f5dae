// 10,000 random requests against `luoshi serve` on a temporary folder (seeded, loopback only): malformed
// paths and percent-encodings, `..` in every spelling, odd methods, headers and bodies, with and without
// the session cookie. Afterwards the server still answers, nothing outside the folder was created or
// changed, and no request got a 5xx.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { call, portOf, rawRequest } from './http.js';

const COUNT = 10_000;
const SEED = 20261207;
const PARALLEL = 16;

let base: string, ws: string, outside: string, app: string, srv: Running, port: number;

/** Every file under `dir` (links not followed) → a hash of its content (or its link target). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (st?.isDirectory()) {
        out.set(`${relative(dir, abs)}/`, 'dir');
        walk(abs);
      } else out.set(relative(dir, abs), st ? createHash('sha1').update(readFileSync(abs)).digest('hex') : 'dangling');
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  // base/ws is served; base/outside and base/app are its siblings, base itself their parent.
  base = mkdtempSync(join(tmpdir(), 'luoshi-fuzz-'));
  ws = join(base, 'ws');
  outside = join(base, 'outside');
  app = join(base, 'app');
  for (const d of [ws, outside, app, join(ws, 'sub')]) mkdirSync(d);
  writeFileSync(join(ws, 'a.plan'), '说明 "a"\n');
  writeFileSync(join(ws, 'sub', 'b.plan'), '说明 "b"\n');
  writeFileSync(join(ws, 'cases.csv'), '案号,立案日期\n（2018）浙0203执1号,2018-01-02\n');
  writeFileSync(join(ws, '.env'), 'SECRET=1\n');
  writeFileSync(join(outside, 'x.plan'), '说明 "outside"\n');
  writeFileSync(join(outside, 'secret.txt'), 'secret\n');
  symlinkSync(outside, join(ws, 'link-out'));
  symlinkSync(join(outside, 'x.plan'), join(ws, 'out.plan'));
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(base, 'sibling.plan'), '说明 "sibling"\n');
  srv = await startServer({ dirs: [ws], port: 0, appDir: app });
  port = portOf(srv.url);
});

afterAll(async () => {
  await srv?.close();
  rmSync(base, { recursive: true, force: true });
});

const SEGMENTS = [
  '..',
  '%2e%2e',
  '%2E%2e',
  '.%2e',
  '%2e.',
  '..%2f',
  '..%2F..',
  '..%5c',
  '%5c..%5c',
  '%c0%ae%c0%ae',
  '%ff',
  '%fe%ff',
  '%',
  '%2',
  '%zz',
  '%00',
  '%e4%b8%ad',
  '中',
  '.env',
  '.git',
  '%2eenv',
  'a.plan',
  'sub',
  'b.plan',
  'link-out',
  'x.plan',
  'out.plan',
  'outside',
  'sibling.plan',
  'index.html',
  'assets',
  '~',
  '',
  '.',
  ';',
  '@',
  '%20',
  '+',
  '\\..\\..',
  '%u002e',
];
const PREFIXES = [
  '/',
  '/api/',
  '/api/file',
  '/api/data',
  '/api/workspace',
  '/api/bundle',
  '/api/plugins',
  '/api/ping',
  '/plugins/0/',
  '/plugins/9/v1/',
  '/assets/',
  '//',
  '/index.html',
  '*',
  'http://127.0.0.1/',
  '',
  '/?token=',
  '/%2e%2e/',
];
const PATH_VALUES = [
  'a.plan',
  'sub/b.plan',
  'new.plan',
  'sub/new.plan',
  '../outside/x.plan',
  '../sibling.plan',
  '%2e%2e/sibling.plan',
  '/etc/passwd',
  'link-out/x.plan',
  'link-out/new.plan',
  'out.plan',
  '.env',
  'sub/../../sibling.plan',
  '%ff',
  '%',
  'C:/x.plan',
  'a.plan%00',
  'sub\\..\\..\\x.plan',
  'cases.csv',
  './a.plan',
  'sub//b.plan',
  '中.plan',
  '..',
  '',
];
const METHODS = [
  'GET',
  'GET',
  'GET',
  'HEAD',
  'PUT',
  'PUT',
  'POST',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'get',
  'G\u00e9T',
  'BREW',
];

const segment = fc.oneof(fc.constantFrom(...SEGMENTS), fc.stringMatching(/^[a-z0-9%._~-]{0,12}$/));
const query = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.constantFrom('path', 'cases', 'progress', 'staffing', 'plan', 'head', 'token', 'x'),
      fc.oneof(fc.constantFrom(...PATH_VALUES), fc.stringMatching(/^[a-z0-9%.-]{0,10}$/)),
      fc.option(
        fc.tuple(
          fc.constantFrom('head', 'path', 'cases'),
          fc.constantFrom('10', '-1', '1e9', 'abc', '99999999999', '0', '%ff', 'a.plan'),
        ),
        { nil: undefined },
      ),
    )
    .map(([k, v, more]) => `?${k}=${v}${more ? `&${more[0]}=${more[1]}` : ''}`),
);
const anyPath = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(segment, { maxLength: 5 }), query)
  .map(([p, segs, q]) => `${p}${segs.join('/')}${q}`);
/** The workbench's own endpoints, with fuzzed workspace paths in their queries. */
const apiPath = fc
  .tuple(
    fc.constantFrom(
      '/api/file?path=',
      '/api/file?head=64&path=',
      '/api/data?cases=',
      '/api/data?plan=a.plan&cases=',
      '/api/ping?x=',
      '/api/workspace?x=',
      '/api/bundle?x=',
      '/api/plugins?x=',
      '/?x=',
    ),
    fc.constantFrom(...PATH_VALUES),
  )
  .map(([p, v]) => `${p}${v}`);
const path = fc.oneof(anyPath, apiPath);

const origin = (p: number): fc.Arbitrary<string | undefined> =>
  fc.constantFrom(
    undefined,
    undefined,
    `http://127.0.0.1:${p}`,
    `http://127.0.0.1:${p + 1}`,
    'http://evil.example',
    'null',
    '%ff',
  );
const headerSet = (p: number, cookie: string): fc.Arbitrary<Record<string, string>> =>
  fc
    .record(
      {
        host: fc.constantFrom(
          `127.0.0.1:${p}`,
          `127.0.0.1:${p}`,
          `127.0.0.1:${p}`,
          `localhost:${p}`,
          'evil.example',
          `127.0.0.1:${p + 1}`,
          '',
        ),
        cookie: fc.constantFrom(cookie, cookie, cookie.slice(0, -1) + '0', 'luoshi-token-1=x', '=;;;=', ''),
        origin: origin(p),
        'sec-fetch-site': fc.constantFrom(
          undefined,
          undefined,
          'same-origin',
          'same-site',
          'cross-site',
          'none',
          '%ff',
        ),
        'x-luoshi': fc.constantFrom(undefined, '1', '1', '0'),
        'content-type': fc.constantFrom(
          undefined,
          'application/json',
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'multipart/form-data; boundary=x',
        ),
        range: fc.constantFrom(
          undefined,
          undefined,
          'bytes=9-1',
          'bytes=0-',
          'bytes=-5',
          'bytes=abc',
          'bytes=99999999999-',
        ),
        'if-none-match': fc.constantFrom(undefined, undefined, '*', 'W/"0-0"'),
        accept: fc.constantFrom(undefined, '*/*', 'text/html'),
      },
      { requiredKeys: [] },
    )
    .map(
      (h) =>
        Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>,
    );

const body = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc
    .record({
      text: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('说明 "fuzz"\n'), fc.integer()),
      etag: fc.constantFrom(null, 'x', 'abc', undefined),
      force: fc.constantFrom(true, false, 'yes', undefined),
    })
    .map((o) => Buffer.from(JSON.stringify(o))),
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    Buffer.from('{"text":'),
    Buffer.from('null'),
    Buffer.from('[]'),
    Buffer.from('"x"'),
    Buffer.from('{"text":"x","etag":null,"force":true}'),
    Buffer.from([0xff, 0xfe]),
  ),
);

interface Req {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  garbage?: string;
}

/** The headers of the workbench's own requests (signed in), so that half the requests get past the checks. */
const ownHeaders = (p: number, cookie: string): fc.Arbitrary<Record<string, string>> =>
  fc.constantFrom<Record<string, string>>(
    { host: `127.0.0.1:${p}`, cookie },
    { host: `127.0.0.1:${p}`, cookie, 'x-luoshi': '1', 'content-type': 'application/json' },
    {
      host: `127.0.0.1:${p}`,
      cookie,
      'sec-fetch-site': 'same-origin',
      origin: `http://127.0.0.1:${p}`,
      'x-luoshi': '1',
      'content-type': 'application/json',
    },
  );

function requests(p: number, cookie: string): Req[] {
  const headers = fc.oneof(headerSet(p, cookie), ownHeaders(p, cookie));
  const wellFormed = fc.record({ method: fc.constantFrom(...METHODS), path, headers, body });
  // Requests node's parser refuses: bad request lines and header bytes.
  const garbage = fc
    .constantFrom(
      'GET /a b c HTTP/1.1',
      'GET',
      '\u0000\u0001',
      'GET /api/ping HTTP/9.9',
      'GET /api/ping HTTP/1.1\r\nhost: 127.0.0.1\u0000',
      'GET /%ff HTTP/1.1\r\nx: \u0001',
      `GET /api/ping HTTP/1.1\r\nhost: 127.0.0.1:${p}\r\nx-long: ${'a'.repeat(20_000)}`,
      'GET /\u00ff HTTP/1.1',
    )
    .map((g) => ({ method: '', path: '', headers: {}, body: Buffer.alloc(0), garbage: g }));
  return fc.sample(fc.oneof({ weight: 30, arbitrary: wellFormed }, { weight: 1, arbitrary: garbage }), {
    seed: SEED,
    numRuns: COUNT,
  });
}

function send(r: Req): Promise<number> {
  if (r.garbage !== undefined) return rawRequest(port, r.garbage).then((a) => a.status);
  const headers = { ...r.headers };
  const lines = [`${r.method} ${r.path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (r.body.length > 0) lines.push(`content-length: ${r.body.length}`);
  return rawRequest(port, lines.join('\r\n'), r.body).then((a) => a.status);
}

describe('the server under 10,000 random requests', () => {
  it('answers every one with no 5xx, still answers afterwards, and changed nothing outside its folder', async () => {
    const before = snapshot(base);
    const all = requests(port, srv.cookie);
    const t0 = Date.now();
    expect(all.length).toBe(COUNT);
    const classes: Record<string, number> = {};
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < all.length) {
        const r = all[next++]!;
        const status = await send(r);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        classes[`${String(status)[0]}xx`] = (classes[`${String(status)[0]}xx`] ?? 0) + 1;
        if (status >= 500) bad.push(`${status} ${r.garbage ?? `${r.method} ${r.path} ${JSON.stringify(r.headers)}`}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    console.log(
      `fuzz: ${COUNT} requests in ${Date.now() - t0} ms; ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(bad).toEqual([]);
    expect(Object.values(classes).reduce((a, b) => a + b, 0)).toBe(COUNT);
    // Both refusals and successes happened (the requests reached past the checks).
    expect(classes['2xx']).toBeGreaterThan(100);
    expect(classes['4xx']).toBeGreaterThan(1000);
    for (const s of [400, 401, 403, 404, 405, 421]) expect(statuses.get(s), String(s)).toBeGreaterThan(0);
    expect(JSON.parse((await call(port, 'GET', '/api/ping', { cookie: srv.cookie })).body)).toEqual({ ok: true });
    // Inside the folder only plans may have been written (saves are allowed); outside, nothing at all.
    const after = snapshot(base);
    const changed = [...new Set([...before.keys(), ...after.keys()])]
      .filter((k) => before.get(k) !== after.get(k))
      .sort();
    expect(changed.filter((k) => !k.startsWith('ws/'))).toEqual([]);
    expect(changed.filter((k) => !/\.plan$/.test(k) || k.includes('link-out') || k === 'ws/out.plan')).toEqual([]);
    expect(readFileSync(join(outside, 'x.plan'), 'utf8')).toBe('说明 "outside"\n');
    expect(readFileSync(join(ws, '.env'), 'utf8')).toBe('SECRET=1\n');
  }, 240_000);
});
