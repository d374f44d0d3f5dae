// The server hands the workbench the people file a configuration names as it hands it the plans (in the
// bundle, by workspace path, and in the data rule), so the page's worker compiles with it as the CLI does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';

let dir: string, srv: Running;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-people-'));
  mkdirSync(join(dir, 'people'));
  writeFileSync(
    join(dir, 'luoshi.config.yaml'),
    'data:\n  - plans: a.plan\n    cases: data.ndjson\n    people: people/a.csv\n',
  );
  writeFileSync(join(dir, 'a.plan'), '说明 "a"\n');
  writeFileSync(join(dir, 'people', 'a.csv'), '法院,角色,人员\n甲院,院长,张三\n');
  writeFileSync(join(dir, 'people', 'other.csv'), '法院,角色,人员\n');
  srv = await startServer({ dirs: [dir], port: 0 });
});
afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string): Promise<unknown> =>
  new Promise((ok, fail) => {
    const u = new URL(path, srv.url);
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'GET', headers: { cookie: srv.cookie } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok(JSON.parse(Buffer.concat(chunks).toString())));
      },
    );
    req.on('error', fail);
    req.end();
  });

describe('people files in the workbench', () => {
  it('the bundle carries the configured people file (and no other CSV); the data rule names it', async () => {
    const b = (await get('/api/bundle')) as { files: Record<string, { text: string }> };
    expect(Object.keys(b.files).sort()).toEqual(['a.plan', 'people/a.csv']);
    expect(b.files['people/a.csv']!.text).toBe('法院,角色,人员\n甲院,院长,张三\n');
    const p = (await get('/api/plugins')) as { configs: Array<{ data?: Array<{ people?: string[] }> }> };
    expect(p.configs[0]!.data![0]!.people).toEqual(['people/a.csv']);
  });
});
