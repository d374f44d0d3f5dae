// Code lenses: the status of each target, task and milestone of a file at the report's date, shown above
// its line.
import type { IRTask } from '../ir/types.js';
import type { PlanReport } from '../report/model.js';
import { statusText } from '../report/render.js';
import { targetBasis } from '../report/basis.js';
import type { CodeLens, Lang } from './types.js';

const ICON: Record<string, string> = {
  met: '●',
  'on track': '●',
  missed: '▲',
  'at risk': '◆',
  'not measurable': '○',
  'done on time': '✓',
  'done late': '✓',
  overdue: '▲',
  'due soon': '◆',
  pending: '○',
  ongoing: '↻',
};

/** Code lenses of one file: each target's and milestone's status, each task's, at the report's date. */
export function lensesFor(path: string, report: PlanReport, tasks: readonly IRTask[], lang: Lang): CodeLens[] {
  const zh = lang === 'zh';
  const st = (s: string): string => `${ICON[s] ?? ''} ${statusText(s, lang)}`;
  const out: CodeLens[] = [];
  for (const t of report.targets) {
    if (t.source.file !== path) continue;
    // The status with its basis, as every report face says it (report/basis.ts).
    let detail = targetBasis(t, report.asOf, lang);
    if (t.lagging.length)
      detail += ` · ${zh ? '落后' : 'lagging'} ${t.lagging.slice(0, 3).join(zh ? '、' : ', ')}${t.lagging.length > 3 ? ` +${t.lagging.length - 3}` : ''}`;
    out.push({
      line: t.source.line - 1,
      title: `${st(t.status)} · ${detail} · ${zh ? '截至' : 'as of'} ${report.asOf}`,
      status: t.status,
      target: t.id,
    });
  }
  for (const task of tasks) {
    const tr = report.tasks.find((x) => x.id === task.id);
    if (!tr) continue;
    if (task.source.file === path) {
      out.push({
        line: task.source.line - 1,
        title: `${st(tr.status)} · ${tr.owners.map((o) => o.name).join('、') || '—'}`,
        status: tr.status,
        task: task.id,
      });
    }
    task.milestones.forEach((m, i) => {
      const mr = tr.milestones[i];
      if (!mr || m.source.file !== path) return;
      const when = mr.done ? `${zh ? '完成于' : 'done'} ${mr.done}` : `${zh ? '期限' : 'due'} ${mr.due}`;
      out.push({
        line: m.source.line - 1,
        title: `${st(mr.status)} · ${when}`,
        status: mr.status,
        task: task.id,
        milestone: m.id,
      });
    });
  }
  return out.sort((a, b) => a.line - b.line);
}
