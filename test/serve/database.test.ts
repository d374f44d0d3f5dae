// `luoshi serve` with a database source (src/harness/serve/database.ts): the data set read from the views
// over a court's own tables (examples/court-db), kept until a refresh (token-protected, X-Luoshi), read in a
// read-only session; a database that fails is a 502 with its message, and the server goes on.
import { request } from 'node:http';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { decodeData } from '../../src/workers/protocol.js';
import { openDatabaseUrl } from '../../src/harness/sql/database.js';
import { makeViews, readMappingConfig } from '../../src/harness/sql/mapping.js';
import { caseId } from '../../src/engine/data/store.js';

const ROOT = join(import.meta.dirname, '..', '..');
const COURT = join(ROOT, 'examples', 'court-db');
let dir: string, file: string, url: string, srv: Running;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-serve-db-'));
  file = join(dir, 'court.duckdb');
  url = `duckdb:${file}`;
  const db = await openDatabaseUrl(url, { create: true });
  try {
    await db.exec(readFileSync(join(COURT, 'schema.sql'), 'utf8') + readFileSync(join(COURT, 'data.sql'), 'utf8'));
    await makeViews(db, readMappingConfig(ROOT, 'examples/court-db/luoshi.config.yaml')!, 'zh', url, () => undefined);
  } finally {
    await db.close();
  }
  srv = await startServer({
    dirs: [dir],
    port: 0,
    database: { url, schema: 'luoshi', configFile: 'luoshi.config.yaml' },
  });
}, 60_000);

afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

function send(
  method: string,
  path: string,
  headers: Record<string, string> = { cookie: srv.cookie },
): Promise<{ status: number; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(`${srv.origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}
const json = (b: Buffer): Record<string, unknown> => JSON.parse(b.toString('utf8')) as Record<string, unknown>;
const refresh = (headers: Record<string, string> = { cookie: srv.cookie, 'x-luoshi': '1' }) =>
  send('POST', '/api/database/refresh', headers);

async function dataSet(): Promise<ReturnType<typeof decodeData>> {
  const r = await send('GET', '/api/data?source=database');
  expect(r.status).toBe(200);
  return decodeData(r.body.buffer.slice(r.body.byteOffset, r.body.byteOffset + r.body.length) as ArrayBuffer);
}

describe('serve with a database source', () => {
  it("serves the database's cases, kept until a refresh re-reads them", async () => {
    const before = json((await send('GET', '/api/database')).body);
    expect(before).toEqual({
      source: url,
      schema: 'luoshi',
      configFile: 'luoshi.config.yaml',
      readAt: null,
      read: null,
      accepted: null,
      rejected: null,
      error: null,
    });
    const first = await dataSet();
    expect([first.store.n, first.meta.read, first.meta.staffing.length, first.meta.progress.length]).toEqual([
      300, 300, 22, 19,
    ]);
    expect((first.meta.sources ?? []).map((s) => [s.file, s.read])).toEqual([
      [`${url}#luoshi.cases`, 300],
      [`${url}#luoshi.progress`, 19],
      [`${url}#luoshi.staffing`, 22],
    ]);
    expect(caseId(first.store, 0)).toBe('(2016)浙02执恢1号');
    // The court system deletes a case: the served set stays as read until a refresh.
    const db = await openDatabaseUrl(url);
    await db.exec("UPDATE zx_ajxx SET sfsc = '1' WHERE ajbs = 18000001");
    await db.close();
    expect((await dataSet()).store.n).toBe(300);
    expect((await refresh({ cookie: srv.cookie })).status).toBe(403);
    expect((await refresh({ 'x-luoshi': '1' })).status).toBe(401);
    const r = await refresh();
    expect(r.status).toBe(200);
    // Its steps and tags stay in the court's tables: left out with it, as the mapping's `where` says — not
    // orphans (src/engine/sql/mapping-views.ts caseKeys).
    expect(json(r.body)).toMatchObject({ read: 299, accepted: 299, rejected: 0, error: null });
    const after = await dataSet();
    expect(after.store.n).toBe(299);
    expect(caseId(after.store, 0)).toBe('(2016)浙02执1号');
  });

  it('reads in a session that cannot write', async () => {
    const db = await openDatabaseUrl(url, { readOnly: true, schema: 'luoshi' });
    try {
      expect(Number((await db.query('SELECT COUNT(*) FROM cases'))[0]![0])).toBe(299);
      await expect(db.exec("UPDATE zx_ajxx SET sfsc = '0'")).rejects.toThrow(/read-only/i);
    } finally {
      await db.close();
    }
  });

  it('a database that fails is a 502 with its message; the server goes on, and recovers on refresh', async () => {
    renameSync(file, `${file}.away`);
    try {
      const r = await refresh();
      expect(r.status).toBe(502);
      expect(json(r.body).error).toBe(`找不到 DuckDB 数据库文件 / no such DuckDB database file: ${file}`);
      const d = await send('GET', '/api/data?source=database');
      expect([d.status, json(d.body).error]).toEqual([
        502,
        `找不到 DuckDB 数据库文件 / no such DuckDB database file: ${file}`,
      ]);
      expect(json((await send('GET', '/api/database')).body).error).toContain('找不到 DuckDB 数据库文件');
      expect((await send('GET', '/api/ping')).status).toBe(200);
    } finally {
      renameSync(`${file}.away`, file);
    }
    const again = await refresh();
    expect([again.status, json(again.body).error]).toEqual([200, null]);
  });

  it('without a database source, the endpoints say so', async () => {
    const plain = await startServer({ dirs: [dir], port: 0 });
    try {
      const get = (path: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; body: string }>((ok, fail) => {
          const req = request(`${plain.origin}${path}`, { headers: { cookie: plain.cookie, ...headers } }, (res) => {
            let b = '';
            res.on('data', (c: Buffer) => (b += c.toString()));
            res.on('end', () => ok({ status: res.statusCode ?? 0, body: b }));
          });
          req.on('error', fail);
          req.end();
        });
      expect(await get('/api/database')).toEqual({ status: 200, body: '{"source":null}' });
      const d = await get('/api/data?source=database');
      expect(d.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

// A real PostgreSQL server when one is given (CI starts one): the server's session refuses every write.
const PG_URL = process.env.LUOSHI_TEST_PG_URL;
describe.skipIf(!PG_URL)('a read-only session on a PostgreSQL server', () => {
  it('refuses to write', async () => {
    const db = await openDatabaseUrl(PG_URL!, { readOnly: true });
    try {
      expect(Number((await db.query('SELECT 1'))[0]![0])).toBe(1);
      await expect(db.exec('CREATE TABLE luoshi_must_not_exist (a INTEGER)')).rejects.toThrow(/read-only transaction/);
    } finally {
      await db.close();
    }
  });
});
