import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases, loadProgress, loadStaffing, listDataFiles } from '../../src/harness/loaders/index.js';
import type { LoadedCases } from '../../src/harness/loaders/index.js';
import { UsageError } from '../../src/harness/io.js';
import { caseRecordAt, storeRecords } from '../../src/engine/data/store.js';
import { generateRows, isBrokenRow } from '../../src/engine/generate/index.js';
import { sampleCase, tempDir, writeTemp } from './helpers.js';

const j = (v: unknown): string => JSON.stringify(v);

function summary(r: LoadedCases): string[] {
  return r.problems.map(
    (p) => `${p.line}${p.column !== undefined ? `:${p.column}` : ''} ${p.severity} ${p.code} ${p.field}`,
  );
}

function expectCountsAddUp(r: {
  stats: {
    read: number;
    accepted: number;
    rejected: number;
    files: { read: number; accepted: number; rejected: number }[];
  };
}): void {
  expect(r.stats.read).toBe(r.stats.accepted + r.stats.rejected);
  for (const f of r.stats.files) expect(f.read).toBe(f.accepted + f.rejected);
  expect(r.stats.files.reduce((n, f) => n + f.read, 0)).toBe(r.stats.read);
}

describe('loadCases: NDJSON', () => {
  it('reads UTF-8 with BOM and CRLF, skips blank lines, locates bad lines', async () => {
    const dir = tempDir();
    const lines = [
      j(sampleCase({ id: 'a' })),
      '',
      '{"id": "b", "court": "c", "filed": "2018-01-01",, "claimed": 1}',
      '[1, 2]',
      j(sampleCase({ id: 'c', filed: '2018-02-30' })),
      j(sampleCase({ id: 'a', court: '另一个法院' })),
      '   ',
      j(sampleCase({ id: 'd', events: [{ type: '查封', date: '2018-04-01' }] })),
    ];
    const path = writeTemp(dir, 'cases.ndjson', `\uFEFF${lines.join('\r\n')}\r\n`);
    const r = await loadCases([path]);
    expect(r.stats).toMatchObject({ read: 6, accepted: 2, rejected: 4, warnings: 1 });
    expectCountsAddUp(r);
    expect(summary(r)).toEqual([
      '3:49 error D0004 ',
      '4 error D0102 ',
      '5 error D0103 filed',
      '6 error D0112 id',
      '8 warning D0120 events[0].type',
    ]);
    expect(r.problems[3]!.message).toContain(`${path}:1`);
    expect(r.problems.map((p) => p.file).filter((f) => f !== path)).toEqual([]);
    expect(r.stats.files[0]).toMatchObject({ format: 'ndjson', encoding: 'utf8' });
    expect(caseRecordAt(r.store, 0)).toEqual(sampleCase({ id: 'a' }));
    expect([...r.origins.line]).toEqual([1, 8]);
  });

  it('reads a GBK NDJSON file and a file with no final newline', async () => {
    const dir = tempDir();
    const path = writeTemp(dir, 'gbk.jsonl', `${j(sampleCase({ id: '甲' }))}\n${j(sampleCase({ id: '乙' }))}`, 'gbk');
    const r = await loadCases([path]);
    expect(r.stats).toMatchObject({ read: 2, accepted: 2 });
    expect(r.stats.files[0]!.encoding).toBe('gb18030');
    expect([...storeRecords(r.store)].map((x) => x.court)).toEqual(['宁波市海曙区人民法院', '宁波市海曙区人民法院']);
  });

  it('detects GBK even after a long ASCII start, and obeys --encoding', async () => {
    const dir = tempDir();
    const ascii = Array.from({ length: 1500 }, (_, i) =>
      j({ ...sampleCase({ id: `id-${i}` }), court: 'ASCII court', handler: 'h', team: 't', tags: ['x'], events: [] }),
    ).join('\n');
    const path = writeTemp(dir, 'late.ndjson', `${ascii}\n${j(sampleCase({ id: '中文' }))}\n`, 'gbk');
    expect(ascii.length).toBeGreaterThan(1 << 17);
    const r = await loadCases([path]);
    expect(r.stats).toMatchObject({ read: 1501, accepted: 1501 });
    expect(r.stats.files[0]!.encoding).toBe('gb18030');
    expect(caseRecordAt(r.store, 1500).court).toBe('宁波市海曙区人民法院');
    const forced = await loadCases([path], { encoding: 'utf8' });
    expect(forced.stats.files[0]!.encoding).toBe('utf8');
    expect(caseRecordAt(forced.store, 1500).court).not.toBe('宁波市海曙区人民法院');
    await expect(loadCases([path], { encoding: 'latin9' })).rejects.toThrow(UsageError);
  });
});

describe('loadCases: JSON, YAML', () => {
  it('reads a JSON array and locates a bad element by line', async () => {
    const dir = tempDir();
    const text = `[\n  ${j(sampleCase({ id: 'a' }))},\n  {"id": "b", "court": }, \n  ${j(sampleCase({ id: 'c', closed: '2018-01-01', events: [] }))}\n]\n`;
    const r = await loadCases([writeTemp(dir, 'a.json', text)]);
    expect(r.stats).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
    expect(summary(r)).toEqual(['3:24 error D0004 ', '4 error D0104 closed']);
  });

  it('says clearly when a .json file is not JSON, and refuses a JSON file over the size limit', async () => {
    const dir = tempDir();
    const notJson = await loadCases([writeTemp(dir, 'x.json', '案号,法院\n1,2\n')]);
    expect(notJson.stats.read).toBe(0);
    expect(summary(notJson)).toEqual(['1:1 error D0003 ']);
    expect(notJson.problems[0]!.message).toContain('不是 JSON 文件');
    const cut = await loadCases([writeTemp(dir, 'cut.json', `[${j(sampleCase())}, {"id": "x"`)]);
    // The cut-short record is read and rejected (at its start); the array being cut short is the file's problem (at its end).
    const second = j(sampleCase()).length + 4;
    expect(cut.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual([
      `1:${second} D0004`,
      `1:${second + 10} D0003`,
    ]);
    expect(cut.stats).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    const big = await loadCases([writeTemp(dir, 'big.json', `[${j(sampleCase())}]`)], { maxWholeBytes: 100 });
    expect(big.problems.map((p) => [p.code, p.line])).toEqual([['D0002', 0]]);
    expect(big.problems[0]!.message).toContain('NDJSON');
  });

  it('reads a single JSON object, and NDJSON saved as .json with a warning', async () => {
    const dir = tempDir();
    const one = await loadCases([writeTemp(dir, 'one.json', JSON.stringify(sampleCase(), null, 2))]);
    expect(one.stats).toMatchObject({ read: 1, accepted: 1 });
    const nd = await loadCases([
      writeTemp(dir, 'nd.json', `${j(sampleCase({ id: 'a' }))}\n${j(sampleCase({ id: 'b' }))}\n`),
    ]);
    expect(nd.stats).toMatchObject({ read: 2, accepted: 2, warnings: 1 });
    expect(nd.problems[0]!.code).toBe('D0003');
  });

  it('reads a YAML list with the line of each record', async () => {
    const dir = tempDir();
    const yaml = [
      '- id: "(2018)浙0203执1号"',
      '  court: 宁波市海曙区人民法院',
      '  filed: 2018-03-01',
      '  closed: null',
      '  claimed: 100.5',
      '  recovered: 0',
      '  handler: 张三',
      '  events:',
      '    - { type: 执行通知, date: 2018-03-02 }',
      '- id: b',
      '  court: c',
      '  filed: 2018-03-01',
      '  closed: 2018-02-01',
      '  closure: 终本',
      '  claimed: 1',
      '  recovered: 0',
      '  handler: h',
    ].join('\n');
    const r = await loadCases([writeTemp(dir, 'c.yaml', yaml)]);
    expect(r.stats).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(summary(r)).toEqual(['10 error D0104 closed']);
    expect(caseRecordAt(r.store, 0)).toMatchObject({
      claimed: 100.5,
      events: [{ type: '执行通知', date: '2018-03-02' }],
    });
    const bad = await loadCases([writeTemp(dir, 'bad.yml', '- id: a\n  court: [unclosed\n')]);
    expect(bad.problems[0]!.code).toBe('D0007');
    expect(bad.problems[0]!.line).toBeGreaterThan(0);
  });
});

describe('loadCases: CSV', () => {
  const header =
    '案号,承办法院,案件类型,立案日期,结案日期,结案方式,申请执行标的（元）,到位金额,有财产,承办人,团队,标签,事件,备用';

  it('reads Chinese headers, cells and the events column, in GBK', async () => {
    const dir = tempDir();
    const rows = [
      header,
      '(2018)浙0203执1号,宁波市海曙区人民法院,首执,2018-03-01,2018-07-02,终本,"12,345.67",0.29,否,张三,执行一团队,涉民生、涉党政机关,执行通知@2018-03-02;案款到账@2018-05-01:0.29;约谈@2018-06-30#申请人到庭,x',
      '(2018)浙0203执2号,宁波市海曙区人民法院,,2018/3/5,,,100,0,是,李四,,,,',
      '(2018)浙0203执3号,宁波市海曙区人民法院,首执,2018-03-05,,,100,0,,李四,,,执行通知2018-03-06,',
      '"(2018)浙0203执4号","宁波市海曙区人民法院",首执,2018-03-05,,,100,0,未评估,"王\n五",,,,',
      '(2018)浙0203执5号,,首执,2018-03-05,,,-3,0,,李四,,,,',
    ];
    const path = writeTemp(dir, 'cases.csv', rows.join('\r\n'), 'gbk');
    const r = await loadCases([path]);
    expect(r.stats.files[0]).toMatchObject({ format: 'csv', encoding: 'gb18030' });
    expect(r.stats).toMatchObject({ read: 5, accepted: 2, rejected: 3 });
    expectCountsAddUp(r);
    // 王\n五 (a quoted cell over two lines) is read, and rejected: a line break never belongs in a name.
    expect(summary(r)).toEqual([
      '1 warning D0009 备用',
      '3 warning D0011 filed',
      '4 error D0010 events[0]',
      '5 error D0116 handler',
      '7 error D0101 court',
      '7 error D0108 claimed',
    ]);
    expect(caseRecordAt(r.store, 0)).toEqual({
      id: '(2018)浙0203执1号',
      court: '宁波市海曙区人民法院',
      type: '首执',
      filed: '2018-03-01',
      closed: '2018-07-02',
      closure: '终结本次执行程序',
      claimed: 12345.67,
      recovered: 0.29,
      property: false,
      handler: '张三',
      team: '执行一团队',
      tags: ['涉民生', '涉党政机关'],
      events: [
        { type: '执行通知', date: '2018-03-02' },
        { type: '案款到账', date: '2018-05-01', amount: 0.29 },
        { type: '约谈', date: '2018-06-30', note: '申请人到庭' },
      ],
    });
    expect(caseRecordAt(r.store, 1)).toMatchObject({
      type: '首执',
      filed: '2018-03-05',
      closed: null,
      property: true,
      events: [],
    });
    expect(r.store.claimed[0]).toBe(1234567);
  });

  it('refuses a CSV without a required column', async () => {
    const dir = tempDir();
    const r = await loadCases([writeTemp(dir, 'x.csv', '法院,立案日期\n宁波,2018-01-01\n')]);
    expect(r.stats.read).toBe(0);
    expect(summary(r)).toEqual(['1 error D0008 id']);
  });

  it('reports an unclosed quote as one rejected row', async () => {
    const dir = tempDir();
    const r = await loadCases([
      writeTemp(dir, 'q.csv', `${header}\na,b,首执,2018-01-01,,,1,0,,h,,,,\n"c,d,首执,2018-01-01,,,1,0,,h,,,,\n`),
    ]);
    expect(r.stats).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(summary(r)).toContain('3 error D0006 ');
  });

  it('loads the GBK broken sample with the errors the generator put in', async () => {
    const r = await loadCases(['examples/data/broken/broken-sample.csv']);
    const rows = [...generateRows({ preset: 'chengde', cases: 40, seed: '7', broken: 0.25 })];
    const bad = rows.filter((x) => isBrokenRow(x) && x.defect !== 'unknown-event-type').length;
    expect(bad).toBeGreaterThanOrEqual(3);
    expect(r.stats).toMatchObject({ read: 40, rejected: bad, accepted: 40 - bad });
    expect(r.stats.files[0]!.encoding).toBe('gb18030');
    for (const p of r.problems) {
      expect(p.file).toBe('examples/data/broken/broken-sample.csv');
      expect(p.line).toBeGreaterThan(1);
    }
    expect(r.problems.filter((p) => p.severity === 'error').length).toBeGreaterThanOrEqual(bad);
  });
});

describe('loadCases: paths', () => {
  it('loads a folder in name order, by kind, without sub-folders', async () => {
    const dir = tempDir();
    writeTemp(dir, 'b.ndjson', `${j(sampleCase({ id: 'b' }))}\n`);
    writeTemp(dir, 'a.csv', `案号,法院,立案日期\na,c,2018-01-01\n`);
    writeTemp(dir, 'progress-x.ndjson', `${j({ task: '四.1', done: '2018-04-01' })}\n`);
    writeTemp(dir, 'staffing.ndjson', `${j({ court: 'c', date: '2018-12-31', 执行人员: 1, 政法编制: 10 })}\n`);
    writeTemp(dir, 'README.md', '# not data\n');
    mkdirSync(join(dir, 'sub'));
    writeTemp(join(dir, 'sub'), 'z.ndjson', 'garbage\n');
    expect(listDataFiles([dir], 'cases')).toEqual([join(dir, 'a.csv'), join(dir, 'b.ndjson')]);
    const r = await loadCases([dir]);
    expect([...storeRecords(r.store)].map((x) => x.id)).toEqual(['a', 'b']);
    expect(r.origins.files).toEqual([join(dir, 'a.csv'), join(dir, 'b.ndjson')]);
    expect((await loadProgress([dir])).records).toEqual([{ task: '四.1', done: '2018-04-01' }]);
    expect((await loadStaffing([dir])).records).toHaveLength(1);
  });

  it('names the first occurrence of a duplicate id across files', async () => {
    const dir = tempDir();
    const a = writeTemp(dir, 'a.ndjson', `${j(sampleCase({ id: 'x' }))}\n`);
    const b = writeTemp(dir, 'b.ndjson', `${j(sampleCase({ id: 'y' }))}\n${j(sampleCase({ id: 'x' }))}\n`);
    const r = await loadCases([a, b]);
    expect(r.stats).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: b, line: 2, code: 'D0112', field: 'id' });
    expect(r.problems[0]!.message).toContain(`${a}:1`);
  });

  it('makes a missing path or an unknown file type a usage error, without a stack trace', async () => {
    await expect(loadCases(['no/such/file.ndjson'])).rejects.toThrow(
      /no such data file or folder: no\/such\/file\.ndjson/,
    );
    const dir = tempDir();
    await expect(loadCases([writeTemp(dir, 'x.xlsx', 'x')])).rejects.toThrow(UsageError);
  });

  it('caps the listed problems but counts them all', async () => {
    const dir = tempDir();
    const path = writeTemp(dir, 'bad.ndjson', Array.from({ length: 30 }, () => 'not json').join('\n'));
    const r = await loadCases([path], { maxProblems: 10 });
    expect(r.stats).toMatchObject({ read: 30, rejected: 30, unlisted: 20 });
    expect(r.problems).toHaveLength(11);
    expect(r.problems[10]!.code).toBe('D0000');
  });

  it('loads every example file cleanly', async () => {
    const r = await loadCases(['examples/data']);
    expect(r.stats.files.map((f) => f.file)).toEqual([
      'examples/data/chengde-2018.ndjson',
      'examples/data/chongqing2-2016.ndjson',
      'examples/data/fujin-2011.ndjson',
      'examples/data/ningbo-2018.ndjson',
    ]);
    expect(r.stats).toMatchObject({ rejected: 0, warnings: 0 });
    expect(r.problems).toEqual([]);
    expect(r.store.n).toBe(3000 + 2000 + 799 + 800);
  });
});

describe('loadProgress and loadStaffing', () => {
  it('loads the example progress reports and staffing', async () => {
    const p = await loadProgress(['examples/data/progress-ningbo-2018.ndjson']);
    expect(p.problems).toEqual([]);
    expect(p.records.length).toBeGreaterThan(10);
    expect(p.records).toContainEqual(expect.objectContaining({ task: '四.3', milestone: expect.any(String) }));
    const s = await loadStaffing(['examples/data/staffing-2018.ndjson']);
    expect(s.problems).toEqual([]);
    expect(s.records).toHaveLength(22);
  });

  it('reads progress and staffing CSV with Chinese headers, and locates errors', async () => {
    const dir = tempDir();
    const p = await loadProgress([
      writeTemp(
        dir,
        'p.csv',
        '任务,节点,完成日期,报告人\n四.3,建立制度,2018-04-27,吕宇\n四.4,,2018年5月30日,\n四.5,清理,2018-02-30,\n',
        'gbk',
      ),
    ]);
    expect(p.records).toEqual([
      { task: '四.3', milestone: '建立制度', done: '2018-04-27', by: '吕宇' },
      { task: '四.4', done: '2018-05-30' },
    ]);
    expect(p.problems.map((x) => `${x.line} ${x.code} ${x.field}`)).toEqual(['3 D0011 done', '4 D0103 done']);
    const s = await loadStaffing([
      writeTemp(
        dir,
        's.yaml',
        '- { court: c, date: 2018-12-31, 执行人员: 30, 政法编制: 200 }\n- { court: d, date: 2018-12-31, 执行人员: x, 政法编制: 200 }\n',
      ),
    ]);
    expect(s.stats).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(s.problems.map((x) => `${x.line} ${x.code} ${x.field}`)).toEqual(['2 D0102 执行人员']);
  });
});
