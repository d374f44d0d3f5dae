// Example progress reports: a preset plan's deliverables, some late, some missing.
import { formatDay } from '../time/calendar.js';
import type { ProgressReport } from '../data/record.js';
import { Rng } from './random.js';
import { DAY, GenError } from './options.js';
import { PRESETS } from './presets.js';

interface Deliverable {
  task: string;
  milestone?: string;
  due: string;
  by: string;
  evidence: string;
  late?: number;
  missing?: boolean;
}

/** 宁波中院's plan (2018-04-08), 四、主要措施: tasks by the plan's numbering, deliverables by its text. */
const NINGBO_DELIVERABLES: readonly Deliverable[] = [
  { task: '四.1', due: '2018-04-15', by: '市中院政治部', evidence: '全市法院执行人员配置情况表' },
  { task: '四.2', due: '2018-04-30', by: '市中院执行局', evidence: '执行指挥中心实体化运作工作方案', late: 3 },
  {
    task: '四.3',
    milestone: '建立终本案件清单式结案管理制度,落实管理专人',
    due: '2018-04-30',
    by: '吕宇',
    evidence: '终本案件结案清单及管理专人名单',
  },
  {
    task: '四.3',
    milestone: '完成2016年1月31日以来结案的所有终本案件核查和信息补录',
    due: '2018-06-30',
    by: '吕宇',
    evidence: '终本案件核查报告',
    late: 12,
  },
  {
    task: '四.4',
    milestone: '每法院至少向公安局移送2案侦查线索',
    due: '2018-05-30',
    by: '市中院执行局',
    evidence: '移送公安侦查案件清单',
  },
  {
    task: '四.4',
    milestone: '修改完善拒不执行判决、裁定罪认定规范性文件',
    due: '2018-05-31',
    by: '市中院刑事审判中心',
    evidence: '拒执罪认定规范性文件（修订稿）',
  },
  {
    task: '四.4',
    milestone: '集中宣判一批拒不执行判决、裁定罪案件,并同时召开拒执类案件审判情况新闻发布会',
    due: '2018-07-31',
    by: '市中院办公室',
    evidence: '新闻发布会通稿',
    late: 3,
  },
  {
    task: '四.5',
    milestone: '完成甄别工作和积案清理工作',
    due: '2018-05-31',
    by: '市中院执行局',
    evidence: '有财产可供执行积案清理台账',
  },
  {
    task: '四.6',
    milestone: '基本完成信访积案化解工作',
    due: '2018-07-20',
    by: '市中院执行局',
    evidence: '',
    missing: true,
  },
  {
    task: '四.7',
    milestone: '基本完成执行款清理工作',
    due: '2018-05-20',
    by: '市中院行装处',
    evidence: '执行款清理情况报告',
  },
  { task: '四.9', milestone: '完成第一次督导', due: '2018-04-30', by: '戴龙军', evidence: '督导情况通报' },
  { task: '四.10', due: '2018-12-31', by: '市中院办公室', evidence: '', missing: true },
];

/** Progress reports of the preset's plan (ningbo only): a few done late, a few missing. */
export function generateProgress(presetName: string): ProgressReport[] {
  if (presetName !== 'ningbo')
    throw new GenError(
      `no progress reports for preset "${presetName}" (only ningbo has a plan with dated deliverables here)`,
    );
  const rng = new Rng('progress:ningbo');
  const out: ProgressReport[] = [];
  for (const d of NINGBO_DELIVERABLES) {
    if (d.missing) continue;
    const due = DAY(d.due);
    const done = d.late ? due + d.late : due - rng.between(0, 6);
    const r: ProgressReport =
      d.milestone === undefined
        ? { task: d.task, done: formatDay(done), by: d.by, evidence: d.evidence }
        : { task: d.task, milestone: d.milestone, done: formatDay(done), by: d.by, evidence: d.evidence };
    out.push(r);
  }
  // 四.1 asks every basic court to staff up by 2018-04-15: each reports; 北仑 late, 象山 missing.
  for (const c of PRESETS.ningbo!.courts.slice(1)) {
    if (c.name.startsWith('象山')) continue;
    const late = c.name.includes('北仑');
    out.push({
      task: '四.1',
      done: formatDay(late ? DAY('2018-04-26') : DAY('2018-04-15') - rng.between(0, 8)),
      by: c.name,
      evidence: '执行人员配置情况表',
    });
  }
  return out.sort((a, b) => (a.done < b.done ? -1 : a.done > b.done ? 1 : 0));
}
