// The pipeline's stages, in order, with the file that does each: the table `--metrics` prints and
// docs/cli.md lists. A plan goes parse → bind → check → lower to IR; its data is loaded; an evaluation
// plans its jobs, runs them over the cases, reads the indicators' figures from their sums, gives every target,
// rule, task and milestone its status, and assembles the report. A replay plans, runs its windows and
// assembles its series.

export interface Stage {
  readonly name: string;
  readonly zh: string;
  readonly en: string;
  /** Where the stage lives (src/…). */
  readonly file: string;
}

export const STAGES = [
  { name: 'parse', zh: '解析', en: 'parse', file: 'engine/syntax/parse.ts' },
  { name: 'bind', zh: '绑定名称', en: 'bind names', file: 'engine/check/binder.ts' },
  { name: 'check', zh: '检查', en: 'check', file: 'engine/check/passes/' },
  { name: 'lower', zh: '生成中间表示', en: 'lower to IR', file: 'engine/check/lower.ts' },
  { name: 'load', zh: '读取数据', en: 'load data', file: 'harness/loaders/' },
  { name: 'plan', zh: '规划计算', en: 'plan jobs', file: 'engine/eval/plan-jobs.ts' },
  { name: 'jobs', zh: '执行计算', en: 'run jobs', file: 'engine/eval/jobs.ts' },
  { name: 'aggregate', zh: '指标取值', en: 'aggregate', file: 'engine/eval/indicators.ts' },
  { name: 'status', zh: '判定状态', en: 'status', file: 'engine/eval/targets.ts, engine/eval/tasks.ts' },
  { name: 'assemble', zh: '汇总报告', en: 'assemble', file: 'engine/eval/assemble.ts' },
  { name: 'replay plan', zh: '回放规划', en: 'replay: plan', file: 'engine/replay/replay.ts' },
  { name: 'replay windows', zh: '回放计算', en: 'replay: windows', file: 'engine/replay/replay.ts' },
  { name: 'replay assemble', zh: '回放汇总', en: 'replay: assemble', file: 'engine/replay/replay.ts' },
] as const satisfies readonly Stage[];

export type StageName = (typeof STAGES)[number]['name'];
