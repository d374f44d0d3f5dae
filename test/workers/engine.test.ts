// The workbench's engine service in Node: the same code the Web Worker runs, fed in-memory files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineService, joinPath } from '../../src/workers/engine.js';
import { decodeData, encodeData } from '../../src/workers/protocol.js';
import { storeFromRecords, caseRecordAt, type CaseStore } from '../../src/engine/data/store.js';
import { generateCases } from '../../src/engine/generate/index.js';
import { parsePlan } from '../../src/engine/syntax/parse.js';
import { STAFFING_SET, WINDOW_WORDS } from '../../src/engine/domain/vocabulary.js';
import {
  EXPR_KEYWORDS,
  GROUP_KEYWORDS,
  OTHER_KEYWORDS,
  PLAN_KEYWORDS,
  RULE_KEYWORDS,
  SCHEME_KEYWORDS,
  TARGET_KEYWORDS,
  TASK_KEYWORDS,
  TOP_KEYWORDS,
} from '../../src/engine/language/keywords.js';
import type { DataPayloadMeta } from '../../src/workers/protocol.js';
import { ROOT, stdFiles } from '../corpus/host.js';

const PLAN = readFileSync(join(ROOT, 'policies', 'ningbo-2018.plan'), 'utf8');

function payload(store: CaseStore, meta: Partial<DataPayloadMeta> = {}): Uint8Array {
  const chunks = encodeData(store, {
    selection: { cases: ['x.ndjson'], progress: [], staffing: [] },
    read: store.n,
    accepted: store.n,
    rejected: 0,
    warnings: 0,
    problems: [],
    progress: [],
    staffing: [],
    ...meta,
  });
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function service(data?: Uint8Array): EngineService {
  const svc = new EngineService({
    fetch: async () => new Response(data ?? new Uint8Array()),
    now: () => performance.now(),
  });
  const files: Record<string, string> = { 'ningbo-2018.plan': PLAN };
  for (const [k, v] of stdFiles()) files[k] = v;
  svc.setFiles(files, { std: [...stdFiles().keys()] });
  return svc;
}

const sample = (n: number) => [
  ...generateCases({ preset: 'ningbo', cases: n, seed: 7, from: '2017-01-01', to: '2018-12-31' }),
];

describe('store codec', () => {
  it('round-trips a store through bytes', () => {
    const store = storeFromRecords(sample(300));
    const { store: back, meta } = decodeData(payload(store, { warnings: 2 }).buffer as ArrayBuffer);
    expect(back.n).toBe(store.n);
    expect(meta.warnings).toBe(2);
    for (const i of [0, 1, 150, 299]) expect(caseRecordAt(back, i)).toEqual(caseRecordAt(store, i));
    expect(back.courts).toEqual(store.courts);
    expect(Array.from(back.evDate)).toEqual(Array.from(store.evDate));
  });

  it('refuses bytes that are not a payload', () => {
    expect(() => decodeData(new TextEncoder().encode('{"not": "data"}').buffer as ArrayBuffer)).toThrow(
      /not a luoshi data payload/,
    );
    const good = payload(storeFromRecords(sample(20)));
    expect(() => decodeData(good.slice(0, good.length - 100).buffer as ArrayBuffer)).toThrow(/truncated/);
  });
});

describe('engine service', () => {
  it('checks, loads data, evaluates, replays and lists the cases behind a number', async () => {
    const sources = [
      { file: 'x.ndjson', kind: 'cases' as const, format: 'ndjson', read: 600, accepted: 600, rejected: 0 },
    ];
    const svc = service(payload(storeFromRecords(sample(600)), { sources }));
    const c = await svc.check(1, 'ningbo-2018.plan');
    expect(c.ok && c.value.errorCount).toBe(0);
    const d = await svc.loadData(1, 'api/data');
    expect(d.ok && d.value.cases).toBe(600);
    expect(d.ok && d.value.sources).toEqual(sources);
    const e = await svc.evaluate(1, { entry: 'ningbo-2018.plan', asOf: '2018-12-31' });
    expect(e).toMatchObject({ ok: true });
    if (!e.ok) return;
    // The data sources and the court identity reach the page's report.
    expect(e.value.report.data.sources).toEqual(sources);
    expect(e.value.report.courtIdentity!.bound).toBe(true);
    expect(e.value.report.targets.length).toBeGreaterThan(3);
    const r = await svc.replay(1, { entry: 'ningbo-2018.plan', from: '2018-04-08', to: '2018-12-31', step: 'month' });
    expect(r.ok && r.value.replay.dates.at(-1)).toBe('2018-12-31');
    const target = e.value.report.targets.find((t) => t.scope === 'court')!;
    const court = Object.keys(target.stages[0]!.groups)[0]!;
    const cases = await svc.cases(1, { entry: 'ningbo-2018.plan', asOf: '2018-12-31', target: target.id, court });
    expect(cases).toMatchObject({ ok: true });
    if (!cases.ok) return;
    const g = target.stages.find((s) => !s.due) ?? target.stages.at(-1)!;
    // The list agrees with the figure it explains.
    expect(cases.value.numerator).toBe(g.groups[court]!.numerator);
    expect(cases.value.denominator).toBe(g.groups[court]!.denominator);
  });

  it('answers a superseded request as stale', async () => {
    const svc = service();
    const [a, b] = await Promise.all([
      svc.evaluate(1, { entry: 'ningbo-2018.plan', asOf: '2018-06-30' }),
      svc.evaluate(2, { entry: 'ningbo-2018.plan', asOf: '2018-12-31' }),
    ]);
    expect(a).toEqual({ ok: false, diagnostics: [], stale: true });
    expect(b.ok && b.value.report.asOf).toBe('2018-12-31');
  });

  it('does not evaluate a plan with errors, and says why', async () => {
    const svc = service();
    svc.updateFile('ningbo-2018.plan', `${PLAN}\n目标 坏 : 不存在的指标 >= 90%\n`);
    const e = await svc.evaluate(1, { entry: 'ningbo-2018.plan', asOf: '2018-12-31' });
    expect(e.ok).toBe(false);
    expect(!e.ok && e.diagnostics.map((x) => x.code)).toContain('E0201');
  });

  it('reports a server that cannot be reached', async () => {
    const svc = new EngineService({
      fetch: async () => {
        throw new Error('connection refused');
      },
      now: () => 0,
    });
    const d = await svc.loadData(1, 'api/data');
    expect(d.ok).toBe(false);
    expect(!d.ok && d.diagnostics[0]!.message).toMatch(/无法连接服务器/);
  });
});

describe('editor services', () => {
  const at = (needle: string, delta = 0) => PLAN.indexOf(needle) + delta;

  it("completes owners after 责任人, event types after 有, indicators after a target's colon", async () => {
    const svc = service();
    await svc.check(1, 'ningbo-2018.plan');
    const owners = svc.complete('ningbo-2018.plan', PLAN, at('责任人 ', 4), 'zh').items;
    expect(owners.map((i) => i.label)).toEqual(expect.arrayContaining(['吕宇', '周招社', '分管执行工作院领导']));
    expect(owners.filter((i) => i.kind !== 'person' && i.kind !== 'role')).toEqual([]);
    const text = `${PLAN}\n集合 新 = 案件 其中 有 `;
    const events = svc.complete('ningbo-2018.plan', text, text.length, 'zh').items.map((i) => i.label);
    expect(events).toEqual(expect.arrayContaining(['移送公安', '终本巡查']));
    const t2 = `${PLAN}\n目标 新目标 : `;
    const inds = svc.complete('ningbo-2018.plan', t2, t2.length, 'zh', true).items;
    expect(inds.map((i) => i.label)).toContain('结案率');
    // Typing a space in prose asks nothing.
    const t3 = `${PLAN}\n说明 "一段 `;
    expect(svc.complete('ningbo-2018.plan', t3, t3.length, 'zh', true).items).toEqual([]);
  });

  it('offers keywords in both languages at the start of an entry', async () => {
    const svc = service();
    await svc.check(1, 'ningbo-2018.plan');
    const text = PLAN.replace('  原文 "严格按照', '  \n  原文 "严格按照');
    const items = svc
      .complete('ningbo-2018.plan', text, text.indexOf('  \n  原文 "严格按照') + 2, 'zh')
      .items.map((i) => i.label);
    expect(items).toEqual(expect.arrayContaining(['责任人', 'owner', '节点', 'milestone', '完成', 'due']));
  });

  it("in a scoring scheme: its entry words, then indicators, targets and rule words after an item's colon; hover on its keywords", async () => {
    const svc = service();
    await svc.check(1, 'ningbo-2018.plan');
    const head = `${PLAN}\n考核 K 10分 每个法院 {\n  分组 "常规" 10分 {\n    `;
    const entry = svc.complete('ningbo-2018.plan', head, head.length, 'zh').items.map((i) => i.label);
    expect(entry).toEqual(expect.arrayContaining(['项目', 'item', '分组', '加分项', '保留']));
    const t = `${head}项目 结案 10分 : `;
    const rule = svc.complete('ningbo-2018.plan', t, t.length, 'zh', true).items.map((i) => i.label);
    expect(rule).toEqual(expect.arrayContaining(['结案率', '终本合格', '按比例', '扣分', '达成', '逾期']));
    const text = `${t}扣分 受理数 每 1件 1分 最低 0分\n  }\n}\n`;
    expect(svc.hover('ningbo-2018.plan', text, text.lastIndexOf('最低') + 1, 'en')!.markdown.join('\n')).toMatch(
      /the lowest score a deduction leaves/,
    );
  });

  it('hovers, goes to definitions, outlines and lenses', async () => {
    const svc = service(payload(storeFromRecords(sample(200))));
    await svc.check(1, 'ningbo-2018.plan');
    await svc.loadData(1, 'api/data');
    await svc.evaluate(1, { entry: 'ningbo-2018.plan', asOf: '2018-12-31' });
    const off = PLAN.indexOf('终本合格率', PLAN.indexOf('目标 终本合格')) + 2;
    const h = svc.hover('ningbo-2018.plan', PLAN, off, 'zh');
    expect(h!.markdown.join('\n')).toMatch(/计数\(终本结案/);
    expect(h!.markdown.join('\n')).toMatch(/截至 2018-12-31/);
    const d = svc.definition('ningbo-2018.plan', PLAN, off);
    expect(d!.file).toBe('std/indicators.plan');
    const person = svc.hover('ningbo-2018.plan', PLAN, at('人员 吕宇', 4), 'zh')!.markdown.join('\n');
    expect(person).toMatch(/四\.3/);
    const outline = svc.outline('ningbo-2018.plan', PLAN);
    expect(outline).toContainEqual(
      expect.objectContaining({
        kind: 'task',
        children: expect.arrayContaining([expect.objectContaining({ kind: 'milestone' })]),
      }),
    );
    const lenses = svc.codeLenses('ningbo-2018.plan', 'zh');
    expect(lenses).toContainEqual(
      expect.objectContaining({ target: '终本合格', title: expect.stringMatching(/个法院达标/) }),
    );
    expect(lenses.filter((l) => l.milestone).length).toBeGreaterThan(0);
  });

  it('an other name (又称) hovers and goes to the declaration it stands for', async () => {
    const svc = service();
    const text = '使用 std\n方案 p { 期间 2018-01-01 至 2018-12-31 }\n目标 执结 : 执结率 >= 90% 截至 2018-12-31\n';
    svc.setFiles({ 'aka.plan': text, ...Object.fromEntries(stdFiles()) }, { std: [...stdFiles().keys()] });
    const r = await svc.check(1, 'aka.plan');
    expect(r.ok && r.value.diagnostics).toEqual([]);
    const off = text.indexOf('执结率') + 1;
    const h = svc.hover('aka.plan', text, off, 'zh')!.markdown.join('\n');
    expect(h).toContain('**结案率** · 指标 · 结案率（执结率）');
    expect(h).toContain('指标 结案率 "结案率（执结率）" 又称 执结率 (%)');
    expect(svc.definition('aka.plan', text, off)!.file).toBe('std/indicators.plan');
  });

  it('every keyword offered is a word of the grammar, and every snippet parses', () => {
    const grammar = readFileSync(join(ROOT, 'grammar', 'plan.peggy'), 'utf8');
    for (const list of [
      TOP_KEYWORDS,
      PLAN_KEYWORDS,
      GROUP_KEYWORDS,
      RULE_KEYWORDS,
      TASK_KEYWORDS,
      TARGET_KEYWORDS,
      EXPR_KEYWORDS,
      OTHER_KEYWORDS,
      SCHEME_KEYWORDS,
    ]) {
      for (const k of list) {
        for (const w of [k.zh, ...(k.alt ?? []), ...k.en.split(' ')]) {
          // A few words are names the checker knows (window dates, the staffing set), not grammar keywords.
          if (w in WINDOW_WORDS || w === STAFFING_SET.zh || w === STAFFING_SET.en) continue;
          expect(grammar, w).toContain(`"${w}"`);
        }
      }
    }
    const expand = (s: string) =>
      s
        .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\{\d+\}/g, 'x');
    for (const k of TOP_KEYWORDS) {
      if (!k.snippet) continue;
      for (const s of [k.snippet.zh, k.snippet.en]) {
        const text = expand(s).replace(/ (?=\n|$)/g, ' x');
        expect(
          parsePlan('s.plan', text).diagnostics.filter((x) => x.code === 'E0001'),
          text,
        ).toEqual([]);
      }
    }
  });

  it('joins import paths without Node', () => {
    expect(joinPath('a/b/plan.plan', '../c.plan')).toBe('a/c.plan');
    expect(joinPath('plan.plan', './x/y.plan')).toBe('x/y.plan');
  });
});

describe('people files in the engine service', () => {
  // The people-file reader (and its CSV and YAML parsers) is fetched only when a plan to compile has a
  // people file; the plan's per-court role is then filled from it as the CLI does (test/eval/people-file.test.ts).
  const plan = `方案 各院 { 期间 2018-01-01 至 2018-12-31  法院 市中院, 北仑 }
法院 市中院 = "宁波市中级人民法院" 中院
法院 北仑 = "宁波市北仑区人民法院" 基层 上级 市中院
人员 吕宇
角色 分管领导 每个法院 = 吕宇 @ 市中院
`;
  const rule = { plans: ['p.plan'], cases: [], progress: [], staffing: [], people: ['people.csv'] };
  const config = (data: (typeof rule)[]) => ({
    configs: [{ file: 'luoshi.config.yaml', scope: '', calendar: null, plugins: [], diagnostics: [], data }],
  });

  it("fills the plan's open courts from the configured file, and reports its rows as the CLI does", async () => {
    const svc = new EngineService({ fetch: async () => new Response(new Uint8Array()), now: () => 0 });
    svc.setFiles({ 'p.plan': plan, 'people.csv': '法院,角色,人员\n北仑,分管领导,张三\n海曙,分管领导,赵六\n' }, {});
    await svc.setPlugins(config([rule]));
    const r = await svc.check(1, 'p.plan');
    if (!r.ok) throw new Error('check failed');
    expect(r.value.ir.roles).toEqual([
      {
        name: '分管领导',
        holders: ['吕宇', '张三'],
        byCourt: [
          { court: '市中院', holders: ['吕宇'] },
          { court: '北仑', holders: ['张三'] },
        ],
      },
    ]);
    expect(r.value.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`)).toContain(
      'people.csv:3 W0313',
    );
  });

  it('a people file that cannot be read is E0220 in the workbench too; a plan without one compiles as before', async () => {
    const svc = new EngineService({ fetch: async () => new Response(new Uint8Array()), now: () => 0 });
    svc.setFiles({ 'p.plan': plan, 'q.plan': plan }, {});
    await svc.setPlugins(config([rule]));
    const open = await svc.check(1, 'q.plan');
    if (!open.ok) throw new Error('check failed');
    // W0309: the open court (北仑) without the file; W0305: the role is used by no task.
    expect(open.value.diagnostics.map((d) => d.code).sort()).toEqual(['W0305', 'W0309']);
    const missing = await svc.check(2, 'p.plan');
    if (!missing.ok) throw new Error('check failed');
    expect(missing.value.diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`)).toContain(
      'people.csv E0220 人员名单：人员名单文件不存在或无法读取',
    );
    expect(missing.value.blocked).toBe(true);
  });
});
