// Which data a plan is evaluated with: luoshi.config.yaml's `data:` rules (engine/data/plan-data.ts), and
// `--data DIR` narrowed to them or, without a rule, every case file in DIR with a warning that lists them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globToRegExp, joinPath, normalizePath, ruleFor, type DataRule } from '../../src/engine/data/plan-data.js';
import { parseConfig } from '../../src/engine/plugins/config.js';
import { main } from '../../src/harness/cli.js';
import { UsageError } from '../../src/harness/io.js';
import { dataForPlan, findDataConfig } from '../../src/harness/plan-data.js';
import { captureIO, sampleCase, tempDir, writeTemp } from './helpers.js';

const rule = (over: Partial<DataRule>): DataRule => ({
  plans: [],
  cases: [],
  progress: [],
  staffing: [],
  line: 0,
  ...over,
});

describe('globs and rules', () => {
  it('matches whole paths: * within a segment, ** across segments, {a,b}, ?, [..]', () => {
    expect('data/ningbo-2018.ndjson').toMatch(globToRegExp('data/*.ndjson'));
    expect('data/sub/ningbo-2018.ndjson').not.toMatch(globToRegExp('data/*.ndjson'));
    expect('data/a/b/x.csv').toMatch(globToRegExp('data/**/*.csv'));
    expect('data/x.csv').toMatch(globToRegExp('data/**/*.csv'));
    expect('ningbo-2018.csv').toMatch(globToRegExp('ningbo-2018.{ndjson,csv}'));
    expect('ningbo-2018-dirty.ndjson').not.toMatch(globToRegExp('ningbo-2018.{ndjson,csv}'));
    expect('ningbo-2017.ndjson').toMatch(globToRegExp('ningbo-201?.ndjson'));
    expect('progress.ndjson').not.toMatch(globToRegExp('[!p]*.ndjson'));
    expect('a+b (1).ndjson').toMatch(globToRegExp('a+b (1).ndjson'));
  });

  it('resolves . and .. in configured paths', () => {
    expect(normalizePath('policies/../examples/./data//x.ndjson')).toBe('examples/data/x.ndjson');
    expect(joinPath('/w/policies', '../examples/data/x.ndjson')).toBe('/w/examples/data/x.ndjson');
    expect(joinPath('policies', '/abs/x.ndjson')).toBe('/abs/x.ndjson');
  });

  it('the first rule whose plans match applies', () => {
    const rules = [
      rule({ plans: ['ningbo-2018.plan'], cases: ['a.ndjson'] }),
      rule({ plans: ['*.plan'], cases: ['b.ndjson'] }),
    ];
    expect(ruleFor(rules, 'ningbo-2018.plan')?.cases).toEqual(['a.ndjson']);
    expect(ruleFor(rules, './xuzhou-2017.plan')?.cases).toEqual(['b.ndjson']);
    expect(ruleFor(rules, 'sub/xuzhou-2017.plan')).toBeNull();
    expect(ruleFor(undefined, 'x.plan')).toBeNull();
  });

  it('luoshi.config.yaml: data rules with their lines; a bad rule is P0011 at its line', () => {
    const ok = parseConfig(
      'plugins: []\ndata:\n  - plans: a.plan\n    cases: [x.ndjson, "y/*.csv"]\n  - plans: ["b/*.plan"]\n    cases: z.ndjson\n    staffing: s.ndjson\n',
      'luoshi.config.yaml',
    );
    expect(ok.diagnostics).toEqual([]);
    expect(ok.config.data).toEqual([
      { plans: ['a.plan'], cases: ['x.ndjson', 'y/*.csv'], progress: [], staffing: [], line: 2 },
      { plans: ['b/*.plan'], cases: ['z.ndjson'], progress: [], staffing: ['s.ndjson'], line: 4 },
    ]);
    const bad = parseConfig('data:\n  - plans: a.plan\n    case: x.ndjson\n', 'luoshi.config.yaml');
    expect(bad.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['P0011', 1],
      ['P0011', 2],
    ]);
    expect(bad.diagnostics.map((d) => d.message).join('\n')).toMatch(/cases/);
  });
});

/** A folder with a plan, and data for it beside data that only shares its name. */
function workspace(config: string | null): string {
  const dir = tempDir();
  writeTemp(dir, 'ningbo-2018.plan', '方案 宁波 {\n  期间 2018-01-01 至 2018-12-31\n  使用 std\n}\n');
  mkdirSync(join(dir, 'data'));
  const line = (over: Parameters<typeof sampleCase>[0]): string => JSON.stringify(sampleCase(over)) + '\n';
  writeTemp(dir, 'data/ningbo-2018.ndjson', line({ id: 'A1' }) + line({ id: 'A2' }));
  writeTemp(dir, 'data/ningbo-2018-dirty.ndjson', line({ id: 'D1' }));
  writeTemp(dir, 'data/chengde-2018.ndjson', line({ id: 'C1', court: '承德市双桥区人民法院' }));
  writeTemp(dir, 'data/progress-ningbo-2018.ndjson', JSON.stringify({ task: '一', done: '2018-03-01' }) + '\n');
  writeTemp(
    dir,
    'data/staffing-2018.ndjson',
    JSON.stringify({ court: '宁波市海曙区人民法院', date: '2018-06-30', 执行人员: 10, 政法编制: 50 }) + '\n',
  );
  if (config !== null) writeTemp(dir, 'luoshi.config.yaml', config);
  return dir;
}

const CONFIG =
  'data:\n  - plans: ningbo-2018.plan\n    cases: data/ningbo-2018.ndjson\n    progress: data/progress-*.ndjson\n    staffing: data/staffing-2018.ndjson\n';

describe('dataForPlan (--data DIR)', () => {
  it('loads only the files the configuration names, progress and staffing too', () => {
    const dir = workspace(CONFIG);
    const got = dataForPlan('ningbo-2018.plan', { data: ['data'] }, dir, findDataConfig(dir, 'ningbo-2018.plan'));
    expect(got).toEqual({
      cases: [join('data', 'ningbo-2018.ndjson')],
      progress: [join('data', 'progress-ningbo-2018.ndjson')],
      staffing: [join('data', 'staffing-2018.ndjson')],
      notes: [],
    });
  });

  it('a file given as such is loaded as given; --progress given explicitly wins over the configuration', () => {
    const dir = workspace(CONFIG);
    const got = dataForPlan(
      'ningbo-2018.plan',
      { data: ['data/ningbo-2018-dirty.ndjson'], progress: [] },
      dir,
      findDataConfig(dir, 'ningbo-2018.plan'),
    );
    expect(got.cases).toEqual(['data/ningbo-2018-dirty.ndjson']);
    expect(got.progress).toEqual([]);
  });

  it('without a rule for the plan: every case file in the folder, and a warning that lists them', () => {
    const dir = workspace(null);
    const got = dataForPlan('ningbo-2018.plan', { data: ['data'] }, dir, findDataConfig(dir, 'ningbo-2018.plan'));
    const all = ['chengde-2018.ndjson', 'ningbo-2018-dirty.ndjson', 'ningbo-2018.ndjson'].map((f) => join('data', f));
    expect(got.cases).toEqual(all);
    expect(got.progress).toEqual([]);
    expect(got.notes).toEqual([
      {
        zh: `注意：配置没有为 ningbo-2018.plan 指定数据（luoshi.config.yaml 的 data:），载入 data 中全部 3 个案件文件：${all.join(', ')}`,
        en: `note: no data configured for ningbo-2018.plan (data: in luoshi.config.yaml); loading all 3 case files in data: ${all.join(', ')}`,
      },
    ]);
  });

  it('configured data that is not in the folder is a usage error naming the rule', () => {
    const dir = workspace(CONFIG);
    mkdirSync(join(dir, 'other'));
    writeTemp(dir, 'other/x.ndjson', JSON.stringify(sampleCase()) + '\n');
    expect(() =>
      dataForPlan('ningbo-2018.plan', { data: ['other'] }, dir, findDataConfig(dir, 'ningbo-2018.plan')),
    ).toThrow(
      new UsageError(
        'luoshi.config.yaml:2: 为 ningbo-2018.plan 配置的案件数据（data/ningbo-2018.ndjson）不在 other 中 / the cases data configured for ningbo-2018.plan (data/ningbo-2018.ndjson) is not in other',
      ),
    );
  });
});

describe('luoshi check/explain --data DIR', () => {
  it('with the configuration: only the configured file is read (2 cases, not the dirty copy or another city)', async () => {
    const dir = workspace(CONFIG);
    const io = captureIO(dir);
    await main(
      ['check', 'ningbo-2018.plan', '--data', 'data', '--format', 'json', '--workers', '1', '--as-of', '2018-12-31'],
      io,
    );
    expect(io.err.join('')).not.toMatch(/注意|note:/);
    const out = JSON.parse(io.out.join('')) as unknown;
    expect(JSON.stringify(out)).toContain('"read":2,"accepted":2');
  });

  it('without it: all case files, and the warning on stderr', async () => {
    const dir = workspace(null);
    const io = captureIO(dir);
    await main(
      [
        'explain',
        'ningbo-2018.plan',
        '--data',
        'data',
        '--indicator',
        '结案率',
        '--part',
        'denominator',
        '--lang',
        'en',
      ],
      io,
    );
    expect(io.err.join('')).toContain(
      'note: no data configured for ningbo-2018.plan (data: in luoshi.config.yaml); loading all 3 case files in data:',
    );
    expect(io.out.join('')).toMatch(/^结案率 denominator: 4 cases/);
  });

  it("the README's explain command reads only the 宁波 data set (policies/luoshi.config.yaml)", async () => {
    const io = captureIO();
    const code = await main(
      [
        'explain',
        'policies/ningbo-2018.plan',
        '--data',
        'examples/data',
        '--indicator',
        '结案率',
        '--part',
        'denominator',
        '--limit',
        '0',
        '--format',
        'json',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(io.err).toEqual([]);
    const res = JSON.parse(io.out.join('')) as { total: number };
    const all = captureIO();
    await main(
      [
        'explain',
        'policies/ningbo-2018.plan',
        '--data',
        'examples/data/ningbo-2018.ndjson',
        '--indicator',
        '结案率',
        '--part',
        'denominator',
        '--limit',
        '0',
        '--format',
        'json',
      ],
      all,
    );
    expect(res.total).toBe((JSON.parse(all.out.join('')) as { total: number }).total);
    expect(res.total).toBeGreaterThan(0);
  });
});
