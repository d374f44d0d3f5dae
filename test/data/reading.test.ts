// Every record that cannot be read is counted and located, the rest are read: encodings per line,
// nesting, broken JSON arrays, repeated YAML keys, over-long lines, names that are JavaScript's own
// property names, files that are not regular files, and Chinese field names in data files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadCases, loadProgress, loadStaffing } from '../../src/harness/loaders/index.js';
import type { LoadedCases } from '../../src/harness/loaders/index.js';
import { decodeLines, lineProblemMessage, MAX_LINE_BYTES } from '../../src/harness/loaders/decode.js';
import type { TextLine } from '../../src/harness/loaders/decode.js';
import { caseRecordAt, storeRecords } from '../../src/engine/data/store.js';
import { CASE_FIELD_NAMES, EVENT_FIELD_NAMES } from '../../src/engine/data/fields.js';
import { evaluateText } from '../eval/helpers.js';
import { sampleCase, tempDir, writeTemp } from './helpers.js';

const j = (v: unknown): string => JSON.stringify(v);
const enc = (s: string): Buffer => Buffer.from(s, 'utf8');

function located(r: LoadedCases): string[] {
  return r.problems
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.line}${p.column !== undefined ? `:${p.column}` : ''} ${p.code} ${p.field}`);
}

const cases = (n: number, over: (k: number) => Partial<ReturnType<typeof sampleCase>> = () => ({})) =>
  Array.from({ length: n }, (_, k) => sampleCase({ id: `(2018)浙0203执${k + 1}号`, ...over(k) }));

describe('encodings, line by line', () => {
  it('one stray byte in a UTF-8 JSON file rejects its record, not the file (and the file stays UTF-8)', async () => {
    const dir = tempDir();
    const text = `[\n${cases(150).map(j).join(',\n')}\n]\n`;
    const bytes = enc(text);
    // A stray 0xff inside record 40's court name (line 41).
    const at = bytes.indexOf(enc('(2018)浙0203执40号')) + 30;
    bytes[at] = 0xff;
    const r = await loadCases([writeTemp(dir, 'cases.json', bytes)]);
    expect(r.stats.files[0]).toMatchObject({ encoding: 'utf8', read: 150, accepted: 149, rejected: 1 });
    expect(located(r)).toEqual(['41 D0013 ']);
    expect(r.problems[0]!.message).toMatch(
      /^编码错误：该行不是有效的 UTF-8（本文件按 UTF-8 读取），未读取；该行 \d+ 个字节，开头为 7b 22 69 64/,
    );
    expect(r.problems[0]!.messageEn).toContain('encoding error');
    // The hex shows the first 32 bytes.
    expect(r.problems[0]!.message.split('开头为 ')[1]).toMatch(/^([0-9a-f]{2} ){32}…$/);
  });

  it('a GBK line late in a UTF-8 file is rejected by its line number; every other line is read', async () => {
    const dir = tempDir();
    const lines = cases(300).map((c) => enc(j(c)));
    lines[250] = iconv.encode(j(cases(251)[250]), 'gbk');
    const r = await loadCases([writeTemp(dir, 'cases.ndjson', Buffer.concat(lines.flatMap((l) => [l, enc('\n')])))]);
    expect(r.stats.files[0]).toMatchObject({ encoding: 'utf8', read: 300, accepted: 299, rejected: 1 });
    expect(located(r)).toEqual(['251 D0013 ']);
    expect([...new Set([...storeRecords(r.store)].map((c) => c.court))]).toEqual(['宁波市海曙区人民法院']);
  });

  it('a file that is nearly all GBK reads as GB18030; its UTF-8 line and its bad bytes are rejected', async () => {
    const dir = tempDir();
    const lines = cases(100).map((c) => iconv.encode(j(c), 'gbk'));
    lines[10] = enc(j(cases(11)[10]));
    lines[20] = Buffer.concat([
      iconv.encode(j(cases(21)[20]).slice(0, 40), 'gbk'),
      Buffer.from([0xff, 0xff]),
      enc('"}'),
    ]);
    const r = await loadCases([writeTemp(dir, 'cases.ndjson', Buffer.concat(lines.flatMap((l) => [l, enc('\r\n')])))]);
    expect(r.stats.files[0]).toMatchObject({ encoding: 'gb18030', read: 100, accepted: 98, rejected: 2 });
    expect(located(r)).toEqual(['11 D0013 ', '21 D0013 ']);
    expect(r.problems[0]!.message).toMatch(
      /^编码错误：该行不是有效的 GB18030（本文件按 GB18030 读取），未读取；该行 \d+ 个字节，开头为 7b 22 69 64/,
    );
    expect(caseRecordAt(r.store, 0).court).toBe('宁波市海曙区人民法院');
  });

  it('a UTF-8 line that GB18030 would read as garbled text is rejected in a GB18030 file', async () => {
    const dir = tempDir();
    const line = (id: string): string =>
      j({ id, court: '宁波市海曙区人民法院', filed: '2018-01-01', handler: '张三', claimed: 1, recovered: 0 });
    const bytes = Buffer.concat([
      ...['G1', 'G2', 'G3'].map((id) => iconv.encode(line(id) + '\n', 'gbk')),
      enc(line('U1') + '\n'),
    ]);
    const r = await loadCases([writeTemp(dir, 'cases.ndjson', bytes)]);
    expect(r.stats.files[0]).toMatchObject({ encoding: 'gb18030', read: 4, accepted: 3, rejected: 1 });
    expect(located(r)).toEqual(['4 D0013 ']);
    expect(r.problems[0]!.message).toMatch(
      /^编码错误：该行是 UTF-8 编码，而本文件按 GB18030 读取，未读取；该行 \d+ 个字节，开头为 7b 22 69 64 22 3a 22 55 31 22/,
    );
  });

  it('never accepts U+FFFD, NUL or control characters in id, court, handler or team', async () => {
    const dir = tempDir();
    const lines = [
      j(sampleCase({ id: 'ok' })),
      j(sampleCase({ id: 'a', court: '宁波市\u0000海曙区人民法院' })),
      j(sampleCase({ id: 'b', handler: '张\ufffd' })),
      j(sampleCase({ id: 'c\u0007' })),
      j(sampleCase({ id: 'd', team: '执行\u001b团队' })),
      j(sampleCase({ id: 'e', tags: ['涉\u0000民生'] })), // not an identity field: read
    ];
    const r = await loadCases([writeTemp(dir, 'cases.ndjson', lines.join('\n'))]);
    expect(r.stats).toMatchObject({ read: 6, accepted: 2, rejected: 4 });
    expect(located(r)).toEqual(['2 D0116 court', '3 D0116 handler', '4 D0116 id', '5 D0116 team']);
    expect(r.problems[0]!.message).toBe(
      '法院第 4 个字符是控制字符 U+0000，名称中不能有："宁波市\\u0000海曙区人民法院"',
    );
    expect(r.problems[1]!.message).toContain('U+FFFD（替换字符，多因编码错误）');
    const staff = await loadStaffing([
      writeTemp(dir, 'staffing.ndjson', j({ court: '宁波\ufffd', date: '2018-01-01', 执行人员: 1, 政法编制: 2 })),
    ]);
    expect(staff.problems.map((p) => `${p.line} ${p.code} ${p.field}`)).toEqual(['1 D0116 court']);
  });
});

describe('structure', () => {
  it('a deeply nested line rejects that record with a located message; the rest are read', async () => {
    const dir = tempDir();
    const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    const prefix = '{"id":"d","court":"X","filed":"2018-01-01","events":';
    const lines = [
      j(sampleCase({ id: 'a' })),
      `{"id":"b","court":"X","filed":"2018-01-01","events":${deep(100_000)}}`,
      `{"id":"c","court":"X","filed":"2018-01-01","x":${deep(100_000)}}`,
      `${prefix}${'['.repeat(100_000)}}`,
      j(sampleCase({ id: 'e' })),
    ];
    const r = await loadCases([writeTemp(dir, 'cases.ndjson', lines.join('\n'))]);
    expect(r.stats).toMatchObject({ read: 5, accepted: 2, rejected: 3 });
    expect(located(r)).toEqual(['2 D0014 ', '3 D0014 ', `4:${prefix.length + 256} D0004 `]);
    expect(r.problems[0]!.message).toBe('记录嵌套过深（超过 32 层），未读取');
    expect(r.problems.find((p) => p.line === 4)!.message).toBe('JSON 格式错误：嵌套过深（超过 256 层）');
    expect(r.problems.some((p) => /call stack/i.test(p.message))).toBe(false);
  });

  it('a stray ] between records of a JSON array is skipped and located; all 150 records are read', async () => {
    const dir = tempDir();
    const recs = cases(150).map(j);
    recs[6] += ']'; // line 8
    const r = await loadCases([writeTemp(dir, 'cases.json', `[\n${recs.join(',\n')}\n]\n`)]);
    expect(r.stats).toMatchObject({ read: 150, accepted: 150, rejected: 0 });
    expect(located(r)).toEqual([`8:${recs[6]!.length} D0003 `]);
    expect(r.problems[0]!.message).toBe('多余的右方括号 ]（已跳过，继续读取后面的记录）');
  });

  it('a broken element of a JSON array is one located rejection, and reading resumes after it', async () => {
    const dir = tempDir();
    const recs = cases(150).map((c) => JSON.stringify(c, null, 2).replace(/^/gm, '  '));
    recs[3] = recs[3]!.replace('"court": "宁波市海曙区人民法院",', '"court": "宁波市海曙区人民法院"],'); // a ']' inside
    recs[70] = recs[70]!.replace(/\n {2}\}$/, ''); // never closed
    recs[100] = recs[100]!.replace('"filed"', 'filed'); // bad JSON, brackets fine
    const text = `[\n${recs.join(',\n')}\n]\n`;
    const r = await loadCases([writeTemp(dir, 'cases.json', text)]);
    expect(r.stats).toMatchObject({ read: 150, accepted: 147, rejected: 3 });
    const lineOf = (k: number): number => 2 + recs.slice(0, k).reduce((n, t) => n + t.split('\n').length, 0);
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => `${p.line} ${p.code}`)).toEqual([
      `${lineOf(3)} D0004`,
      `${lineOf(70)} D0004`,
      `${lineOf(100) + 4} D0004`,
    ]);
    expect(r.problems[0]!.message).toMatch(/^JSON 格式错误：记录的括号不匹配：第 \d+ 行第 \d+ 列意外的 "\]"$/);
    expect([...storeRecords(r.store)].map((c) => c.id)).toEqual(
      cases(150)
        .map((c) => c.id)
        .filter((_, k) => ![3, 70, 100].includes(k)),
    );
  });

  it('a missing comma between records is located, both records read', async () => {
    const dir = tempDir();
    const r = await loadCases([
      writeTemp(dir, 'cases.json', `[\n${j(sampleCase({ id: 'a' }))}\n${j(sampleCase({ id: 'b' }))}\n]`),
    ]);
    expect(r.stats).toMatchObject({ read: 2, accepted: 2 });
    expect(located(r)).toEqual(['3:1 D0003 ']);
    expect(r.problems[0]!.message).toBe('记录之间缺少逗号 ,');
  });

  it('a repeated YAML key rejects its record, not the file', async () => {
    const dir = tempDir();
    const yaml = [
      '- id: Y1',
      '  court: 宁波市海曙区人民法院',
      '  filed: 2018-01-01',
      '- id: Y2',
      '  court: 宁波市海曙区人民法院',
      '  court: 宁波市江北区人民法院',
      '  filed: 2018-01-01',
      '- id: Y3',
      '  court: 宁波市海曙区人民法院',
      '  filed: 2018-01-01',
      '  events:',
      '    - {type: 执行通知, date: 2018-01-02, type: 约谈}',
      '- id: Y4',
      '  court: 宁波市海曙区人民法院',
      '  filed: 2018-01-01',
    ].join('\n');
    const r = await loadCases([writeTemp(dir, 'cases.yaml', yaml)]);
    expect(r.stats).toMatchObject({ read: 4, accepted: 2, rejected: 2 });
    expect(located(r)).toEqual(['6:3 D0007 ', '12:38 D0007 ']);
    expect(r.problems.find((p) => p.line === 6)!.message).toBe('YAML 记录中的键“court”重复');
    expect([...storeRecords(r.store)].map((c) => c.id)).toEqual(['Y1', 'Y4']);
  });

  it('splits lines in linear time: a 100 MB line is skipped unread with its size, the next line is read', async () => {
    const size = 100 * 1024 * 1024;
    const chunk = 1 << 16;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield enc('{"a":1}\n');
      for (let k = 0; k < size / chunk; k++) yield Buffer.alloc(chunk, 0x78);
      yield enc('\n{"b":2}\n');
    }
    const lines: TextLine[] = [];
    for await (const batch of decodeLines(chunks(), 'auto')) lines.push(...batch);
    expect(lines).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, text: '', problem: { kind: 'length', bytes: size, limit: MAX_LINE_BYTES } },
      { line: 3, text: '{"b":2}' },
    ]);
    expect(lineProblemMessage(lines[1]!.problem!)).toEqual({
      code: 'D0015',
      message: '该行过长（100 MB，每行上限 16 MB），未读取',
      messageEn: 'the line is too long (100 MB; a line may hold at most 16 MB) and is not read',
    });
  });

  it('a line over the limit in a file is one rejected record, located', async () => {
    const dir = tempDir();
    const long = `{"id":"x","note":"${'x'.repeat(MAX_LINE_BYTES)}"}`;
    const r = await loadCases([
      writeTemp(dir, 'cases.ndjson', [j(sampleCase({ id: 'a' })), long, j(sampleCase({ id: 'b' }))].join('\n')),
    ]);
    expect(r.stats).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
    expect(located(r)).toEqual(['2 D0015 ']);
  });
});

describe('names that are JavaScript property names', () => {
  const NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];

  it('are plain courts, handlers, teams, tags and event types in the store and in every group of a report', async () => {
    const dir = tempDir();
    const recs = NAMES.flatMap((name, k) =>
      [0, 1].map((m) =>
        sampleCase({
          id: `${name}-${m}`,
          court: name,
          handler: name,
          team: name,
          tags: [name],
          filed: '2018-03-01',
          closed: m === 0 ? '2018-07-02' : null,
          closure: m === 0 ? '执行完毕' : null,
          events: [
            { type: '执行通知', date: '2018-03-02' },
            { type: name, date: '2018-03-03' },
          ],
          recovered: k,
        }),
      ),
    );
    const r = await loadCases([writeTemp(dir, 'cases.ndjson', recs.map(j).join('\n'))]);
    expect(r.stats).toMatchObject({ read: 8, accepted: 8 });
    expect(r.store.courts).toEqual(NAMES);
    expect(r.store.handlers).toEqual(NAMES);
    expect(r.store.teams).toEqual(NAMES);
    expect(r.store.tags).toEqual(NAMES);
    expect([...storeRecords(r.store)].map((c) => [c.court, c.handler, c.team, c.tags, c.events[1]!.type])).toEqual(
      recs.map((c) => [c.court, c.court, c.court, [c.court], c.court]),
    );
    const report = evaluateText(
      `方案 性质 { 期间 2018-01-01 至 2018-12-31  使用 std }
目标 各院 : 结案率 >= 60% 每个法院 截至 2018-12-31
目标 团队 : 结案率 >= 60% 每个团队 截至 2018-12-31
目标 个人 : 结案率 >= 60% 每个承办人 截至 2018-12-31
`,
      [...storeRecords(r.store)],
      '2018-12-31',
    );
    const rate = report.indicators.find((i) => i.name === '结案率')!;
    // Teams and handlers are named within their court (docs/identity.md): `court · name`.
    const inCourt = NAMES.map((n) => `${n} · ${n}`);
    const [courtT, teamT, handlerT] = report.targets.map((t) => t.stages[0]!.groups);
    for (const [groups, names] of [
      [rate.courts, NAMES],
      [rate.teams!, inCourt],
      [rate.handlers!, inCourt],
      [courtT!, NAMES],
      [teamT!, inCourt],
      [handlerT!, inCourt],
    ] as const) {
      expect(
        Object.keys(groups)
          .filter((k) => k !== '')
          .sort(),
      ).toEqual([...names].sort()); // '' : cases with no team
      for (const n of names) expect(groups[n]).toMatchObject({ value: 0.5 });
    }
    // The JSON report keeps them too.
    expect(Object.keys(JSON.parse(JSON.stringify(rate.courts)) as object).sort()).toEqual([...NAMES].sort());
  });
});

describe('files that are not regular files', () => {
  it('refuses a FIFO, a device and a folder named like a data file, with a message, without hanging', async () => {
    const dir = tempDir();
    writeTemp(dir, 'a.ndjson', j(sampleCase({ id: 'a' })));
    execFileSync('mkfifo', [join(dir, 'b.ndjson')]);
    symlinkSync('/dev/zero', join(dir, 'c.ndjson'));
    mkdirSync(join(dir, 'd.ndjson'));
    const r = await loadCases([dir]);
    expect(r.stats).toMatchObject({ read: 1, accepted: 1 });
    expect(r.problems.map((p) => `${p.file.slice(dir.length + 1)} ${p.line} ${p.code} ${p.message}`)).toEqual([
      'b.ndjson 0 D0001 无法读取：是命名管道（FIFO），不是普通文件',
      'c.ndjson 0 D0001 无法读取：是设备文件，不是普通文件',
      'd.ndjson 0 D0001 无法读取：是目录，不是普通文件',
    ]);
    expect(r.problems[0]!.messageEn).toBe('cannot read: a named pipe (FIFO), not a regular file');
  });
});

describe('Chinese field names in data files', () => {
  const english = sampleCase();
  const chinese = {
    案号: english.id,
    法院: english.court,
    案件类型: english.type,
    立案日期: english.filed,
    结案日期: english.closed,
    结案方式: english.closure,
    申请执行标的: english.claimed,
    实际到位金额: english.recovered,
    有财产可供执行: english.property,
    承办人: english.handler,
    执行团队: english.team,
    标签: english.tags,
    事件: english.events.map((e) => ({
      类型: e.type,
      日期: e.date,
      ...(e.amount !== undefined ? { 金额: e.amount } : {}),
      ...(e.note ? { 备注: e.note } : {}),
    })),
  };

  it('are read in NDJSON, JSON and YAML exactly as the English ones', async () => {
    const dir = tempDir();
    const nd = await loadCases([writeTemp(dir, 'zh.ndjson', j(chinese))]);
    expect(nd.problems).toEqual([]);
    expect(caseRecordAt(nd.store, 0)).toEqual(english);
    const arr = await loadCases([writeTemp(dir, 'zh.json', j([chinese]))]);
    expect(caseRecordAt(arr.store, 0)).toEqual(english);
    const yaml = await loadCases([
      writeTemp(
        dir,
        'zh.yaml',
        `- 案号: A1\n  法院: 宁波市海曙区人民法院\n  立案: 2018-03-01\n  申请标的: 100\n  到位金额: 0\n  承办人: 张三\n  事件:\n    - {类型: 执行通知, 日期: 2018-03-02}\n`,
      ),
    ]);
    expect(yaml.problems).toEqual([]);
    expect(caseRecordAt(yaml.store, 0)).toMatchObject({
      id: 'A1',
      filed: '2018-03-01',
      claimed: 100,
      events: [{ type: '执行通知', date: '2018-03-02' }],
    });
  });

  it('accepts every Chinese name of the one mapping (the same that CSV headers and test fixtures use)', async () => {
    const dir = tempDir();
    const value: Record<string, unknown> = {
      id: 'x',
      court: '宁波市海曙区人民法院',
      type: '首执',
      filed: '2018-03-01',
      closed: '2018-07-02',
      closure: '执行完毕',
      claimed: 5,
      recovered: 5,
      property: true,
      handler: '张三',
      team: '一队',
      tags: ['t'],
      events: [{ type: '执行通知', date: '2018-03-02' }],
    };
    const lines = Object.entries(CASE_FIELD_NAMES).map(([zh, field], k) => {
      const rec: Record<string, unknown> = { ...value, id: `x${k}` };
      delete rec[field];
      rec[zh] = field === 'id' ? `x${k}` : value[field];
      return j(rec);
    });
    const r = await loadCases([writeTemp(dir, 'all.ndjson', lines.join('\n'))]);
    expect(r.problems).toEqual([]);
    expect(r.stats.accepted).toBe(Object.keys(CASE_FIELD_NAMES).length);
    expect(Object.keys(EVENT_FIELD_NAMES)).toEqual(['类型', '日期', '金额', '备注']);
  });

  it('a field given by both names is an error of that record; unknown keys still only warn', async () => {
    const dir = tempDir();
    const r = await loadCases([
      writeTemp(
        dir,
        'x.ndjson',
        [j({ ...sampleCase({ id: 'a' }), 案号: 'a' }), j({ ...sampleCase({ id: 'b' }), 备用: 1 })].join('\n'),
      ),
    ]);
    expect(r.stats).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(r.problems.map((p) => `${p.line} ${p.severity} ${p.code} ${p.field}`)).toEqual([
      '1 error D0115 id',
      '2 warning D0113 备用',
    ]);
    expect(r.problems[0]!.message).toBe('字段“案号”与“id”是同一字段，只能写一个');
  });
});

describe('JSON arrays on one line', () => {
  it('a broken record on a single-line array is one rejection; the records after it are read', async () => {
    const dir = tempDir();
    const recs = cases(20).map(j);
    recs[0] = recs[0]!.replace('"court":', '"court":]'); // the first record broken
    recs[9] = recs[9]!.replace('"court":', '"court":]');
    const r = await loadCases([writeTemp(dir, 'cases.json', `[${recs.join(',')}]`)]);
    expect(r.stats).toMatchObject({ read: 20, accepted: 18, rejected: 2 });
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual([
      '1:2 D0004',
      `1:${2 + recs.slice(0, 9).reduce((n, t) => n + t.length + 1, 0)} D0004`,
    ]);
  });
});

describe('progress reports and staffing with Chinese keys', () => {
  it('are read as the English ones', async () => {
    const dir = tempDir();
    const progress = await loadProgress([
      writeTemp(
        dir,
        'progress.ndjson',
        j({ 任务: '四.3', 节点: '四.3/1', 完成日期: '2018-04-20', 填报人: '执行局', 佐证材料: '会议纪要' }),
      ),
    ]);
    expect(progress.problems).toEqual([]);
    expect(progress.records).toEqual([
      { task: '四.3', milestone: '四.3/1', done: '2018-04-20', by: '执行局', evidence: '会议纪要' },
    ]);
    const staffing = await loadStaffing([
      writeTemp(
        dir,
        'staffing.yaml',
        '- 法院: 宁波市海曙区人民法院\n  统计日期: 2018-12-31\n  执行人员数: 20\n  政法编制: 100\n',
      ),
    ]);
    expect(staffing.problems).toEqual([]);
    expect(staffing.records).toEqual([
      { court: '宁波市海曙区人民法院', date: '2018-12-31', 执行人员: 20, 政法编制: 100 },
    ]);
  });
});
