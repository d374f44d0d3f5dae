// The pipeline's stages, in order, with the file that does each: the table `--metrics` prints and
// docs/metrics.md lists. A plan goes parse → bind → lower to IR (its types checked) → check what cannot be
// (passes over what lowering resolved); its data is loaded; an evaluation
// plans its jobs, runs them over the cases, reads the indicators' figures from their sums, gives every target,
// rule, task and milestone its status, and assembles the report. A replay plans, runs its windows and
// assembles its series.

export interface Stage {
  readonly name: string;
  readonly zh: string;
  readonly en: string;
  /** Where the stage lives. */
  readonly file: string;
}

export const STAGES = [
  { name: 'parse', zh: '解析', en: 'parse', file: 'src/engine/syntax/parse.ts' },
  { name: 'bind', zh: '绑定名称', en: 'bind names', file: 'src/engine/check/bind.ts' },
  { name: 'lower', zh: '类型检查并生成中间表示', en: 'type-check, lower to IR', file: 'src/engine/check/lower.ts' },
  { name: 'check', zh: '逻辑检查', en: 'check what cannot be', file: 'src/engine/check/passes/' },
  { name: 'load', zh: '读取数据', en: 'load data', file: 'src/harness/loaders/' },
  { name: 'validate', zh: '就地校验', en: 'validate in place', file: 'src/harness/sql/inplace.ts' },
  { name: 'plan', zh: '规划计算', en: 'plan jobs', file: 'src/engine/eval/plan-jobs.ts' },
  { name: 'jobs', zh: '执行计算', en: 'run jobs', file: 'src/engine/eval/jobs.ts' },
  { name: 'aggregate', zh: '指标取值', en: 'aggregate', file: 'src/engine/eval/indicators.ts' },
  { name: 'status', zh: '判定状态', en: 'status', file: 'src/engine/eval/targets.ts, src/engine/eval/tasks.ts' },
  { name: 'assemble', zh: '汇总报告', en: 'assemble', file: 'src/engine/eval/assemble.ts' },
  { name: 'replay plan', zh: '回放规划', en: 'replay: plan', file: 'src/engine/replay/replay.ts' },
  { name: 'replay windows', zh: '回放计算', en: 'replay: windows', file: 'src/engine/replay/replay.ts' },
  { name: 'replay assemble', zh: '回放汇总', en: 'replay: assemble', file: 'src/engine/replay/replay.ts' },
] as const satisfies readonly Stage[];

export type StageName = (typeof STAGES)[number]['name'];
