// Stage timings (`--metrics`): the recorder on an injected clock, the stages each entry point records,
// the table, and the CLI: JSON carries `metrics` only when asked and is otherwise unchanged.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../src/engine/pipeline/metrics.js';
import { metricsJson, metricsTable } from '../../src/engine/pipeline/render.js';
import { STAGES } from '../../src/engine/pipeline/stages.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { compileText } from '../eval/helpers.js';
import { sampleCase } from '../data/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A clock that moves only when told: every timing is exact. */
function manualClock(): { clock: () => number; advance(ms: number): void } {
  let now = 1000;
  return {
    clock: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

const PLAN = `使用 std
方案 测 { 期间 2018-01-01 至 2018-12-31 }
目标 过半结案 : 结案率 >= 50% 截至 2018-06-30
`;

const RECORDS = [
  sampleCase({ id: 'A1', court: '甲市人民法院', filed: '2018-01-05', closed: '2018-02-01', events: [] }),
  sampleCase({ id: 'A2', court: '甲市人民法院', filed: '2018-01-09', closed: null, events: [] }),
];

describe('the recorder', () => {
  it('adds each run of a stage, and lists the stages in pipeline order whatever order they ran in', () => {
    const c = manualClock();
    const m = new Metrics(c.clock);
    m.time('jobs', () => c.advance(30));
    m.time('parse', () => c.advance(2));
    m.time('parse', () => c.advance(3.5));
    expect(m.timings()).toEqual([
      { stage: 'parse', ms: 5.5, runs: 2 },
      { stage: 'jobs', ms: 30, runs: 1 },
    ]);
  });

  it('records a stage that throws, and the error goes on', async () => {
    const c = manualClock();
    const m = new Metrics(c.clock);
    expect(() =>
      m.time('lower', () => {
        c.advance(4);
        throw new Error('broken');
      }),
    ).toThrow('broken');
    await expect(
      m.timeAsync('load', async () => {
        c.advance(7);
        throw new Error('unreadable');
      }),
    ).rejects.toThrow('unreadable');
    expect(m.timings()).toEqual([
      { stage: 'lower', ms: 4, runs: 1 },
      { stage: 'load', ms: 7, runs: 1 },
    ]);
  });
});

describe('the stages each entry point records', () => {
  it('compile: parse per file (the plan and the library), bind, lower, check once', () => {
    const m = new Metrics(manualClock().clock);
    const r = compileText(PLAN, 'test.plan', { metrics: m });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(m.timings().map((t) => t.stage)).toEqual(['parse', 'bind', 'lower', 'check']);
    expect(m.timings().find((t) => t.stage === 'parse')!.runs).toBe(r.files.length);
    expect(r.files.length).toBeGreaterThan(1);
  });

  it('evaluate: plan, jobs, aggregate, status, assemble once each; the report is the same as untimed', () => {
    const { ir } = compileText(PLAN);
    const m = new Metrics(manualClock().clock);
    const input = { ir, store: storeFromRecords(RECORDS), asOf: '2018-12-31' };
    const timed = evaluatePlan({ ...input, metrics: m });
    expect(m.timings().map((t) => [t.stage, t.runs])).toEqual([
      ['plan', 1],
      ['jobs', 1],
      ['aggregate', 1],
      ['status', 1],
      ['assemble', 1],
    ]);
    expect(timed).toEqual(evaluatePlan({ ...input, store: storeFromRecords(RECORDS) }));
    expect(timed.targets[0]!.status).toBe('met');
  });

  it('replay: its plan, windows and assemble', () => {
    const { ir } = compileText(PLAN);
    const m = new Metrics(manualClock().clock);
    replayPlan({
      ir,
      store: storeFromRecords(RECORDS),
      from: '2018-01-31',
      to: '2018-12-31',
      step: 'month',
      metrics: m,
    });
    expect(m.timings().map((t) => t.stage)).toEqual(['replay plan', 'replay windows', 'replay assemble']);
  });
});

describe('the table', () => {
  const timings = [
    { stage: 'parse' as const, ms: 12.34, runs: 2 },
    { stage: 'jobs' as const, ms: 1234.5, runs: 1 },
  ];

  it('in Chinese, in English, and in both for commands that speak both', () => {
    expect(metricsTable(timings, 'zh')).toBe(
      [
        '阶段      次数  毫秒     所在',
        '解析      2     12.3     src/engine/syntax/parse.ts',
        '执行计算  1     1,234.5  src/engine/eval/jobs.ts',
        '合计            1,246.8',
        '',
      ].join('\n'),
    );
    expect(metricsTable(timings, 'en').split('\n')[2]).toBe('run jobs  1     1,234.5  src/engine/eval/jobs.ts');
    expect(metricsTable(timings, 'both').split('\n')[0]).toBe(
      '阶段 / stage         次数 / runs  毫秒 / ms  所在 / where',
    );
  });

  it('as JSON: milliseconds to the microsecond', () => {
    expect(metricsJson([{ stage: 'bind', ms: 0.12345678, runs: 1 }])).toEqual([{ stage: 'bind', runs: 1, ms: 0.123 }]);
  });

  it('every stage has a name in both languages and a place in the repository', () => {
    expect(new Set(STAGES.map((s) => s.name)).size).toBe(STAGES.length);
    for (const s of STAGES) {
      expect(s.zh).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(s.en).toMatch(/^[a-zA-Z :,-]+( [a-zA-Z]+)*$/);
      expect(s.file).toMatch(/^src\/(engine|harness)\//);
    }
  });
});

describe('luoshi --metrics', () => {
  const run = (args: string[]) => spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  const CHECK = [
    'check',
    'policies/ningbo-2018.plan',
    '--data',
    'examples/data/ningbo-2018.ndjson',
    '--as-of',
    '2018-12-31',
    '--workers',
    '1',
  ];

  it('check --format json: `metrics` only when asked, the rest byte for byte the same', () => {
    const plain = run([...CHECK, '--format', 'json']);
    const timed = run([...CHECK, '--format', 'json', '--metrics']);
    expect(plain.status).toBe(timed.status);
    expect(plain.stdout).not.toContain('"metrics"');
    const { metrics, ...rest } = JSON.parse(timed.stdout) as {
      metrics: Array<{ stage: string; runs: number; ms: number }>;
    };
    expect(JSON.stringify(rest, null, 2) + '\n').toBe(plain.stdout);
    expect(metrics.map((x) => x.stage)).toEqual([
      'parse',
      'bind',
      'lower',
      'check',
      'load',
      'plan',
      'jobs',
      'aggregate',
      'status',
      'assemble',
    ]);
    expect(timed.stderr).toBe(plain.stderr);
  });

  it('check (text): the report on stdout unchanged, the table on stderr in the chosen language', () => {
    const plain = run([...CHECK, '--lang', 'en']);
    const timed = run([...CHECK, '--lang', 'en', '--metrics']);
    expect(timed.stdout).toBe(plain.stdout);
    const table = timed.stderr.slice(plain.stderr.length).split('\n');
    expect(timed.stderr.slice(0, plain.stderr.length)).toBe(plain.stderr);
    expect(table[0]).toMatch(/^stage +runs +ms +where$/);
    expect(table.slice(1, 11).map((l) => l.split(/ {2,}/)[0])).toEqual([
      'parse',
      'bind names',
      'type-check, lower to IR',
      'check what cannot be',
      'load data',
      'plan jobs',
      'run jobs',
      'aggregate',
      'status',
      'assemble',
    ]);
    expect(table[11]).toMatch(/^total +[\d,]+\.\d$/);
  });

  it('replay and test take it too', () => {
    const replay = run([
      'replay',
      'policies/ningbo-2018.plan',
      '--data',
      'examples/data/ningbo-2018.ndjson',
      '--workers',
      '1',
      '--format',
      'json',
      '--metrics',
    ]);
    expect((JSON.parse(replay.stdout) as { metrics: Array<{ stage: string }> }).metrics.map((x) => x.stage)).toEqual([
      'parse',
      'bind',
      'lower',
      'check',
      'load',
      'replay plan',
      'replay windows',
      'replay assemble',
    ]);
    const test = run(['test', 'policies/ningbo-2018.test.yaml', '--metrics']);
    expect(test.status).toBe(0);
    expect(test.stderr.split('\n')[0]).toMatch(/^阶段 \/ stage +次数 \/ runs +毫秒 \/ ms +所在 \/ where$/);
  });
});
