// `luoshi serve`'s file access: previews read only what they show, pipes and devices are refused, saves
// keep symbolic links and a file's encoding.
import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { etagOf } from '../../src/harness/serve/workspace.js';
import { call, portOf } from './http.js';

let dir: string, srv: Running, port: number;
const BIG = 3 * 1024 * 1024 * 1024; // 3 GiB, sparse: no disk used

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-files-'));
  execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
  writeFileSync(join(dir, 'big.csv'), '案号,立案日期\n（2018）浙0203执1号,2018-01-02\n');
  truncateSync(join(dir, 'big.csv'), BIG);
  mkdirSync(join(dir, 'plans'));
  writeFileSync(join(dir, 'plans', 'real.plan'), '说明 "real"\n');
  symlinkSync('plans/real.plan', join(dir, 'link.plan'));
  writeFileSync(join(dir, 'gbk.plan'), iconv.encode('说明 "宁波中院"\n', 'gbk'));
  writeFileSync(join(dir, 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 标题\n')]));
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x81, 0x30, 0xff, 0xff, 0x00, 0x81]));
  srv = await startServer({ dirs: [dir], port: 0 });
  port = portOf(srv.url);
});

afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string): Promise<{ status: number; json: Record<string, unknown> }> => {
  const r = await call(port, 'GET', path, { cookie: srv.cookie });
  return { status: r.status, json: JSON.parse(r.body) as Record<string, unknown> };
};
const save = async (
  path: string,
  text: string,
  etag: string | null,
): Promise<{ status: number; json: Record<string, unknown> }> => {
  const r = await call(
    port,
    'PUT',
    `/api/file?path=${encodeURIComponent(path)}`,
    { cookie: srv.cookie, 'x-luoshi': '1', 'content-type': 'application/json' },
    JSON.stringify({ text, etag }),
  );
  return { status: r.status, json: JSON.parse(r.body) as Record<string, unknown> };
};

describe('previews and reads', () => {
  it('refuse a FIFO at once (never wait for a writer) and the server goes on', async () => {
    for (const path of ['/api/file?path=pipe.csv&head=100', '/api/file?path=pipe.csv', '/api/data?cases=pipe.csv']) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(r.json.error, path).toMatch(/not a regular file \(a folder, pipe or device\)/);
    }
    expect((await get('/api/ping')).status).toBe(200);
  });

  it('preview the first bytes of a 3 GiB file, and refuse to open it whole with its size and the limit', async () => {
    const head = await get('/api/file?path=big.csv&head=39');
    expect(head.status).toBe(200);
    // 39 bytes end inside 执 (3 bytes in UTF-8): the cut character is left out.
    expect(head.json).toEqual({ text: '案号,立案日期\n（2018）浙0203', size: BIG, encoding: 'utf-8' });
    const whole = await get('/api/file?path=big.csv');
    expect(whole.status).toBe(413);
    expect(whole.json.error).toBe(
      '文件过大（3072.0 MiB，编辑器上限 16.0 MiB），只能预览开头 / file too large for the editor (3072.0 MiB; the limit is 16.0 MiB): only a preview of its start is shown: big.csv',
    );
    expect((await get('/api/file?path=big.csv&head=99999999999')).status).toBe(400);
  });

  it('say which encoding a file is in', async () => {
    expect(await get('/api/file?path=gbk.plan')).toMatchObject({
      status: 200,
      json: { text: '说明 "宁波中院"\n', encoding: 'gb18030' },
    });
    expect(await get('/api/file?path=bom.md')).toMatchObject({
      status: 200,
      json: { text: '# 标题\n', encoding: 'utf-8-bom' },
    });
    expect((await get('/api/file?path=plans/real.plan')).json.encoding).toBe('utf-8');
    expect((await get('/api/file?path=gbk.plan&head=7')).json).toEqual({
      text: '说明 "',
      size: 16,
      encoding: 'gb18030',
    });
  });
});

describe('saves', () => {
  it('through a symbolic link write the target and keep the link', async () => {
    const r = await get('/api/file?path=link.plan');
    const s = await save('link.plan', '说明 "through the link"\n', r.json.etag as string);
    expect(s.status).toBe(200);
    expect(lstatSync(join(dir, 'link.plan')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.plan'))).toBe('plans/real.plan');
    expect(readFileSync(join(dir, 'plans', 'real.plan'), 'utf8')).toBe('说明 "through the link"\n');
  });

  it('keep a GBK file GBK and a BOM a BOM', async () => {
    const r = await get('/api/file?path=gbk.plan');
    const s = await save('gbk.plan', '说明 "宁波市中级人民法院"\n', r.json.etag as string);
    expect(s).toMatchObject({ status: 200, json: { encoding: 'gb18030' } });
    const bytes = readFileSync(join(dir, 'gbk.plan'));
    expect(bytes).toEqual(iconv.encode('说明 "宁波市中级人民法院"\n', 'gbk'));
    expect(s.json.etag).toBe(etagOf(bytes));
    // The etag the save answered is the one the next save must give.
    expect((await save('gbk.plan', '说明 "再次"\n', s.json.etag as string)).status).toBe(200);
    expect(iconv.decode(readFileSync(join(dir, 'gbk.plan')), 'gbk')).toBe('说明 "再次"\n');
    const b = await get('/api/file?path=bom.md');
    expect((await save('bom.md', '# 新标题\n', b.json.etag as string)).status).toBe(200);
    expect(readFileSync(join(dir, 'bom.md')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('refuse, saying why, to rewrite a file of no known encoding', async () => {
    const before = readFileSync(join(dir, 'binary.txt'));
    const r = await get('/api/file?path=binary.txt');
    expect(r.json.encoding).toBe('unknown');
    const s = await save('binary.txt', 'text', r.json.etag as string);
    expect(s.status).toBe(422);
    expect(s.json.error).toMatch(
      /neither UTF-8 nor GBK\/GB18030 text: saving would rewrite its bytes, so it is refused: binary\.txt$/,
    );
    expect(readFileSync(join(dir, 'binary.txt'))).toEqual(before);
  });

  it('run one at a time: of 50 concurrent saves from the same read, one wins and 49 are conflicts', async () => {
    writeFileSync(join(dir, 'race.plan'), '说明 "0"\n');
    const r = await get('/api/file?path=race.plan');
    const all = await Promise.all(
      Array.from({ length: 50 }, (_, i) => save('race.plan', `说明 "${i + 1}"\n`, r.json.etag as string)),
    );
    const statuses = all.map((a) => a.status).sort();
    expect(statuses.filter((x) => x === 200).length).toBe(1);
    expect(statuses.filter((x) => x === 409).length).toBe(49);
    const winner = all.findIndex((a) => a.status === 200);
    expect(readFileSync(join(dir, 'race.plan'), 'utf8')).toBe(`说明 "${winner + 1}"\n`);
  });

  it('refuse to save over a FIFO', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.plan')]);
    const s = await save('pipe.plan', 'x', null);
    expect(s.status).toBe(400);
    expect(lstatSync(join(dir, 'pipe.plan')).isFIFO()).toBe(true);
  });
});
