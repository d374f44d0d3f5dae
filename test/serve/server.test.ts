// `luoshi serve`: the workspace's path checks, atomic saves with conflicts, and the HTTP API.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace, WorkspaceError, etagOf, kindOf } from '../../src/harness/serve/workspace.js';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { decodeData } from '../../src/workers/protocol.js';
import { ROOT } from '../corpus/host.js';

let dir: string, outside: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-serve-'));
  outside = mkdtempSync(join(tmpdir(), 'luoshi-outside-'));
  writeFileSync(join(outside, 'secret.plan'), '说明 "outside"\n');
  writeFileSync(join(dir, 'a.plan'), '说明 "a"\n');
  mkdirSync(join(dir, 'data'));
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'data', 'fujin-2011.ndjson'));
  symlinkSync(join(outside, 'secret.plan'), join(dir, 'link.plan'));
  symlinkSync(outside, join(dir, 'linkdir'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const status = (f: () => unknown): number => {
  try {
    f();
    return 200;
  } catch (e) {
    return e instanceof WorkspaceError ? e.status : 500;
  }
};
const statusOf = async (p: Promise<unknown>): Promise<number> => {
  try {
    await p;
    return 200;
  } catch (e) {
    return e instanceof WorkspaceError ? e.status : 500;
  }
};

describe('workspace paths', () => {
  it('refuses paths outside the folder', () => {
    const ws = new Workspace([dir]);
    for (const p of [
      '../x.plan',
      '/etc/passwd',
      'data/../../x.plan',
      'a\\b.plan',
      'C:/x.plan',
      '',
      'a.plan\0',
      './a.plan',
    ]) {
      expect(
        status(() => ws.resolve(p)),
        p,
      ).toBe(403);
    }
    expect(status(() => ws.resolve('link.plan'))).toBe(403);
    expect(status(() => ws.resolve('linkdir/secret.plan'))).toBe(403);
    expect(status(() => ws.resolve('linkdir/new.plan', false))).toBe(403);
    expect(status(() => ws.resolve('a.plan'))).toBe(200);
  });

  it('tells case data from configuration', () => {
    expect(kindOf('luoshi.config.yaml')).toBe('other');
    expect(kindOf('examples/plugins/fujin-kpi/plugin.json')).toBe('other');
    expect(kindOf('package.json')).toBe('other');
    expect(kindOf('examples/ci/workflow.yaml')).toBe('other');
    expect(kindOf('data/cases-2011.yaml')).toBe('cases');
    expect(kindOf('data/fujin-2011.ndjson')).toBe('cases');
    expect(kindOf('ningbo-2018.plan')).toBe('plan');
  });

  it('never offers CI recipes or tool configuration as case data, at any depth', () => {
    for (const p of [
      'examples/ci/luoshi-plans.yml',
      'x/.github/workflows/luoshi.yml',
      'deploy/workflows/check.yaml',
      '.gitlab-ci.yml',
      'azure-pipelines.yml',
      'sub/bitbucket-pipelines.yaml',
      'docker-compose.yml',
      'tsconfig.build.json',
      'sub/package-lock.json',
      'pnpm-lock.yaml',
      'vite.config.json',
      'luoshi.config.yml',
      'ci-matrix.yaml',
      'config.yaml',
      'mkdocs.yml',
    ]) {
      expect([p, kindOf(p)]).toEqual([p, 'other']);
    }
    expect(kindOf('data/progress-ningbo-2018.ndjson')).toBe('progress');
    expect(kindOf('data/staffing-2018.ndjson')).toBe('staffing');
    expect(kindOf('data/circle-2018.yaml')).toBe('cases');
    expect(kindOf('data/cinema-cases.yml')).toBe('cases');
  });

  it('judges a listed file by its whole path (a workflow in ci/ is not case data)', () => {
    const d = mkdtempSync(join(tmpdir(), 'luoshi-kinds-'));
    try {
      mkdirSync(join(d, 'ci'));
      writeFileSync(join(d, 'ci', 'luoshi-plans.yml'), 'on: push\n');
      writeFileSync(join(d, 'cases.ndjson'), '');
      expect(new Workspace([d]).list().map((f) => [f.path, f.kind])).toEqual([
        ['cases.ndjson', 'cases'],
        ['ci/luoshi-plans.yml', 'other'],
      ]);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('lists the folder without following links out of it', () => {
    const ws = new Workspace([dir]);
    const paths = ws.list().map((f) => f.path);
    expect(paths).toContain('a.plan');
    expect(paths).toContain('data/fujin-2011.ndjson');
    expect(paths.some((p) => p.includes('secret') || p.startsWith('link'))).toBe(false);
    expect(ws.list().find((f) => f.path === 'data/fujin-2011.ndjson')!.kind).toBe('cases');
  });

  it('saves atomically and refuses a save over a file changed since it was read', async () => {
    const ws = new Workspace([dir]);
    const r = await ws.read('a.plan');
    const saved = await ws.save('a.plan', '说明 "b"\n', r.etag, false);
    expect(readFileSync(join(dir, 'a.plan'), 'utf8')).toBe('说明 "b"\n');
    expect(saved.etag).toBe(etagOf('说明 "b"\n'));
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
    // The page still holds the first etag: someone else saved in between.
    expect(await statusOf(ws.save('a.plan', '说明 "c"\n', r.etag, false))).toBe(409);
    expect(readFileSync(join(dir, 'a.plan'), 'utf8')).toBe('说明 "b"\n');
    await ws.save('a.plan', '说明 "c"\n', r.etag, true);
    expect(readFileSync(join(dir, 'a.plan'), 'utf8')).toBe('说明 "c"\n');
    // A new file: etag null; if it appeared meanwhile, a conflict.
    await ws.save('new.plan', 'x', null, false);
    expect(await statusOf(ws.save('new.plan', 'y', null, false))).toBe(409);
    expect(await statusOf(ws.save('data/x.ndjson', 'y', null, false))).toBe(403);
  });
});

describe('HTTP API', () => {
  let srv: Running;
  beforeAll(async () => {
    srv = await startServer({ dirs: [dir], port: 0 });
  });
  afterAll(async () => {
    await srv.close();
  });

  const call = (
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Buffer }> =>
    new Promise((ok, fail) => {
      const u = new URL(path, srv.url);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname + u.search,
          method,
          headers: { cookie: srv.cookie, ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', fail);
      if (body) req.write(body);
      req.end();
    });

  it('binds 127.0.0.1 and answers only to its own host name', async () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    expect((await call('GET', 'api/ping')).status).toBe(200);
    expect((await call('GET', 'api/ping', undefined, { host: 'evil.example:80' })).status).toBe(421);
  });

  it('reads, saves with the header, and reports conflicts with what is on disk', async () => {
    const r = JSON.parse((await call('GET', 'api/file?path=a.plan')).body.toString()) as { text: string; etag: string };
    const body = JSON.stringify({ text: '说明 "http"\n', etag: r.etag });
    const put = { 'x-luoshi': '1', 'content-type': 'application/json' };
    expect((await call('PUT', 'api/file?path=a.plan', body, { 'content-type': 'application/json' })).status).toBe(403);
    expect(
      (await call('PUT', 'api/file?path=a.plan', body, { 'x-luoshi': '1', 'content-type': 'text/plain' })).status,
    ).toBe(415);
    expect((await call('PUT', 'api/file?path=a.plan', body, put)).status).toBe(200);
    const again = await call('PUT', 'api/file?path=a.plan', JSON.stringify({ text: 'z', etag: r.etag }), put);
    expect(again.status).toBe(409);
    expect((JSON.parse(again.body.toString()) as { disk: { text: string } }).disk.text).toBe('说明 "http"\n');
    expect((await call('GET', 'api/file?path=../etc/passwd')).status).toBe(403);
  });

  it('sends loaded data as a payload the worker decodes', async () => {
    const res = await call('GET', 'api/data?cases=data/fujin-2011.ndjson');
    expect(res.status).toBe(200);
    const { store, meta } = decodeData(
      res.body.buffer.slice(res.body.byteOffset, res.body.byteOffset + res.body.length) as ArrayBuffer,
    );
    expect(store.n).toBe(799);
    expect(meta.accepted).toBe(799);
    // The files behind the figures, named as the workspace names them (the status bar's hover, the report's data.sources).
    expect(meta.sources).toEqual([
      { file: 'data/fujin-2011.ndjson', kind: 'cases', format: 'ndjson', read: 799, accepted: 799, rejected: 0 },
    ]);
    expect((await call('GET', 'api/data?cases=data/missing.ndjson')).status).toBe(404);
  });

  it('lists the workspace and bundles its plans with the standard library', async () => {
    const ws = JSON.parse((await call('GET', 'api/workspace')).body.toString()) as {
      files: Array<{ path: string }>;
      libraries: { std: string[] };
    };
    expect(ws.files.map((f) => f.path)).toContain('a.plan');
    expect(ws.libraries.std).toContain('std/indicators.plan');
    const b = JSON.parse((await call('GET', 'api/bundle')).body.toString()) as {
      files: Record<string, unknown>;
      library: Record<string, string>;
    };
    expect(Object.keys(b.files)).toContain('a.plan');
    expect(b.library['std/indicators.plan']).toMatch(/指标/);
  });
});
