// Rendering a PlanReport for people (terminal text, Markdown) and for CI (JUnit XML).
import type { DataSource, PlanReport, TargetReport, TargetStatus } from './model.js';
import type { Lang } from './diagnostics-format.js';
import { identityWarnings, type CourtIdentity } from '../data/identity.js';
import { stageInForce } from '../eval/status.js';
import { formatValue, statusText } from './render-values.js';
import { table } from './text-table.js';
import { scoresMarkdown, scoresText } from '../scoring/render.js';
import {
  figureAgainst,
  missedStageLines,
  overallBasis,
  requirementText,
  ruleWindowText,
  scopeNoun,
  targetUnmeasurable,
} from './basis.js';

export { formatValue, statusText } from './render-values.js';

export const KIND_ZH: Record<DataSource['kind'], string> = { cases: '案件', progress: '进度', staffing: '人员' };

/** One data file with its counts: "examples/data/x.ndjson（案件，ndjson）：读取 150，接受 143，拒收 7". */
export function sourceText(s: DataSource, lang: Lang): string {
  return lang === 'zh'
    ? `${s.file}（${KIND_ZH[s.kind]}，${s.format}）：读取 ${s.read}，接受 ${s.accepted}，拒收 ${s.rejected}`
    : `${s.file} (${s.kind}, ${s.format}): ${s.read} read, ${s.accepted} accepted, ${s.rejected} rejected`;
}

/** What court identity has to say: names read as a declared court, then the warnings. */
export function identityLines(id: CourtIdentity | undefined, lang: Lang): string[] {
  if (!id) return [];
  const out = id.renamed.map((x) =>
    lang === 'zh'
      ? `法院“${x.from}”按“${x.to}”计（${x.cases} 件）`
      : `court "${x.from}" read as "${x.to}" (${x.cases} cases)`,
  );
  return [...out, ...identityWarnings(id, lang).map((w) => `${lang === 'zh' ? '警告' : 'warning'}: ${w}`)];
}

const PAINT: Partial<Record<TargetStatus | string, string>> = {
  met: '\x1b[32m',
  'done on time': '\x1b[32m',
  missed: '\x1b[31m',
  overdue: '\x1b[31m',
  'done late': '\x1b[33m',
  'at risk': '\x1b[33m',
  'due soon': '\x1b[33m',
};

function targetCurrent(t: TargetReport, asOf: string): TargetReport['stages'][number] {
  return stageInForce(t.stages, asOf);
}

export function renderText(r: PlanReport, lang: Lang, color = false): string {
  const zh = lang === 'zh';
  const sep = zh ? '、' : ', ';
  const st = (s: string) => (color && PAINT[s] ? `${PAINT[s]}${statusText(s, lang)}\x1b[0m` : statusText(s, lang));
  const out: string[] = [];
  out.push(
    `${r.plan.title ?? r.plan.name ?? ''}  ${zh ? '截至' : 'as of'} ${r.asOf}${r.plan.period ? `  ${zh ? '期间' : 'period'} ${r.plan.period.from} – ${r.plan.period.to}` : ''}`,
  );
  out.push(
    zh
      ? `数据：读取 ${r.data.read} 件，接受 ${r.data.accepted} 件，拒收 ${r.data.rejected} 件，警告 ${r.data.warnings} 条`
      : `data: ${r.data.read} read, ${r.data.accepted} accepted, ${r.data.rejected} rejected, ${r.data.warnings} warnings`,
  );
  for (const src of r.data.sources ?? []) out.push(`  ${sourceText(src, lang)}`);
  for (const l of identityLines(r.courtIdentity, lang)) out.push(l);
  if (r.targets.length) {
    out.push('', zh ? '目标' : 'Targets');
    const rows = [
      [
        zh ? '目标' : 'target',
        zh ? '指标' : 'indicator',
        zh ? '要求' : 'threshold',
        zh ? '当前值' : 'value',
        zh ? '状态' : 'status',
        zh ? '落后' : 'lagging',
      ],
    ];
    for (const t of r.targets) {
      const s = targetCurrent(t, r.asOf);
      const why = targetUnmeasurable(t, r.asOf, lang);
      const value = why
        ? why
        : s.figure
          ? overallBasis(t, r.asOf, lang)
          : `${Object.values(s.groups).filter((g) => g.status === 'met' || g.status === 'on track').length}/${Object.keys(s.groups).length} ${zh ? `个${scopeNoun(t.scope, lang)}达标` : `${scopeNoun(t.scope, lang)} ok`}`;
      rows.push([
        t.id,
        t.indicator,
        requirementText(t, r.asOf, lang),
        value,
        statusText(t.status, lang),
        laggingText(t, s, lang),
      ]);
    }
    out.push(
      colorize(
        table(rows),
        r.targets.map((t) => t.status),
        color,
        st,
      ),
    );
    const missed = r.targets.flatMap((t) => missedStageLines(t, lang));
    if (missed.length) out.push('', zh ? '到期未达标' : 'Due stages missed', ...missed.map((l) => `  ${l}`));
  }
  if (r.tasks.length) {
    out.push('', zh ? '任务' : 'Tasks');
    const rows = [
      [
        zh ? '编号' : 'id',
        zh ? '任务' : 'task',
        zh ? '责任人' : 'owners',
        zh ? '完成时间' : 'due',
        zh ? '状态' : 'status',
      ],
    ];
    for (const t of r.tasks)
      rows.push([
        t.id,
        clip(t.title, 24),
        clip(t.owners.map((o) => o.name).join(sep) + (t.joint ? (zh ? '（共同负责）' : ' (jointly)') : ''), 20),
        t.dueKind === 'ongoing' ? (zh ? '持续' : 'ongoing') : (t.due ?? '—'),
        statusText(t.status, lang),
      ]);
    out.push(
      colorize(
        table(rows),
        r.tasks.map((t) => t.status),
        color,
        st,
      ),
    );
  }
  for (const rule of r.rules) {
    // A rule checks every case in its scope filed by the as-of date, whatever the indicators' windows: say so,
    // or its count and an indicator's over the same cases read as contradicting each other.
    out.push(
      '',
      `${zh ? '规则' : 'Rule'} ${rule.rule}${zh ? `（${ruleWindowText(r.asOf, lang)}）` : ` (${ruleWindowText(r.asOf, lang)})`}: ${zh ? `检查 ${rule.checked} 件，通过 ${rule.passed} 件，不合格 ${rule.failed} 件` : `${rule.checked} checked, ${rule.passed} passed, ${rule.failed} failed`}`,
    );
    for (const c of rule.conditions)
      if (rule.byCondition[c.name])
        out.push(
          `  ${c.name}${c.label ? (zh ? `（${c.label}）` : ` (${c.label})`) : ''}: ${rule.byCondition[c.name]}${c.severity === 'warning' ? (zh ? '（提示）' : ' (advisory)') : ''}`,
        );
    for (const f of rule.failures.slice(0, 5)) out.push(`  ${f.id}  ${f.failed.join(sep)}`);
    if (rule.failed > 5)
      out.push(
        zh
          ? `  … 另有 ${rule.failed - 5} 件（--format json 列出前 ${rule.failuresListed} 件）`
          : `  … ${rule.failed - 5} more (--format json lists ${rule.failuresListed})`,
      );
  }
  if (r.unmatchedProgress.length) {
    out.push(
      '',
      zh
        ? '无法对应的进度报告（任务或节点名称与计划不符）'
        : 'Progress reports matching no task or deliverable of the plan',
    );
    for (const u of r.unmatchedProgress) out.push(`  ${u.task}${u.milestone ? ` “${u.milestone}”` : ''} @ ${u.done}`);
  }
  out.push(...scoresText(r, lang));
  const late = r.people.filter((p) => p.late > 0);
  if (late.length) {
    out.push('', zh ? '逾期责任人' : 'People with late tasks');
    for (const p of late)
      out.push(
        `  ${p.name}: ${p.tasks
          .filter((t) => t.status === 'overdue' || t.status === 'done late')
          .map((t) => t.task)
          .join(sep)}`,
      );
  }
  const s = r.summary;
  out.push(
    '',
    zh
      ? `小结：目标 ${fmtCounts(s.targets, lang)}；到期未达标 ${s.dueTargetsMissed} 项；任务 ${fmtCounts(s.tasks, lang)}；规则不合格 ${s.ruleFailures} 件`
      : `summary: targets ${fmtCounts(s.targets, lang)}; due targets missed ${s.dueTargetsMissed}; tasks ${fmtCounts(s.tasks, lang)}; rule failures ${s.ruleFailures}`,
  );
  return out.join('\n') + '\n';
}

function colorize(text: string, statuses: string[], color: boolean, st: (s: string) => string): string {
  if (!color) return text;
  const lines = text.split('\n');
  return lines
    .map((l, k) =>
      k === 0
        ? l
        : l
            .replace(statusText(statuses[k - 1]!, 'zh'), st(statuses[k - 1]!))
            .replace(statuses[k - 1]!, st(statuses[k - 1]!)),
    )
    .join('\n');
}

/** Up to three groups missing or at risk on the stage in force, each with its value. */
function laggingText(t: TargetReport, s: TargetReport['stages'][number], lang: Lang): string {
  const names = t.lagging.slice(0, 3).map((n) => {
    const g = s.groups[n];
    return g ? `${n} ${formatValue(g.value, t.unit, s.value)}` : n;
  });
  return names.join(lang === 'zh' ? '、' : ', ') + (t.lagging.length > 3 ? ` +${t.lagging.length - 3}` : '');
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function fmtCounts(c: Record<string, number>, lang: Lang): string {
  const parts = Object.entries(c).map(([k, v]) => `${statusText(k, lang)} ${v}`);
  return parts.length ? parts.join(lang === 'zh' ? '、' : ', ') : '—';
}

export function renderMarkdown(r: PlanReport, lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [
    `# ${r.plan.title ?? r.plan.name ?? ''}`,
    '',
    `${zh ? '截至' : 'As of'} **${r.asOf}** · ${zh ? '数据' : 'data'}: ${r.data.read} / ${r.data.accepted} / ${r.data.rejected} (${zh ? '读取/接受/拒收' : 'read/accepted/rejected'})`,
    '',
  ];
  if (r.data.sources?.length) {
    out.push(
      `## ${zh ? '数据来源' : 'Data sources'}`,
      '',
      `| ${zh ? '文件' : 'file'} | ${zh ? '类别' : 'kind'} | ${zh ? '格式' : 'format'} | ${zh ? '读取' : 'read'} | ${zh ? '接受' : 'accepted'} | ${zh ? '拒收' : 'rejected'} |`,
      '|---|---|---|---:|---:|---:|',
    );
    for (const src of r.data.sources)
      out.push(
        `| ${src.file.replace(/\|/g, '\\|')} | ${zh ? KIND_ZH[src.kind] : src.kind} | ${src.format} | ${src.read} | ${src.accepted} | ${src.rejected} |`,
      );
    out.push('');
  }
  const idLines = identityLines(r.courtIdentity, lang);
  if (idLines.length) out.push(...idLines.map((l) => `- ${l}`), '');
  out.push(
    `## ${zh ? '目标' : 'Targets'}`,
    '',
    `| ${zh ? '目标' : 'target'} | ${zh ? '指标' : 'indicator'} | ${zh ? '要求' : 'threshold'} | ${zh ? '值' : 'value'} | ${zh ? '状态' : 'status'} |`,
    '|---|---|---|---|---|',
  );
  for (const t of r.targets) {
    const s = targetCurrent(t, r.asOf);
    out.push(
      `| ${t.id} | ${t.indicator} | ${requirementText(t, r.asOf, lang)} | ${targetUnmeasurable(t, r.asOf, lang) || (s.figure ? overallBasis(t, r.asOf, lang) : `${zh ? `${t.lagging.length} 个${scopeNoun(t.scope, lang)}落后` : `${t.lagging.length} ${scopeNoun(t.scope, lang)} lagging`}${t.lagging.length ? `${zh ? '：' : ': '}${laggingText(t, s, lang)}` : ''}`)} | ${statusText(t.status, lang)} |`,
    );
  }
  const missed = r.targets.flatMap((t) => missedStageLines(t, lang));
  if (missed.length)
    out.push(
      '',
      `## ${zh ? '到期未达标' : 'Due stages missed'}`,
      '',
      ...missed.map((l) => (l.startsWith('  ') ? `  - ${l.trim()}` : `- ${l}`)),
    );
  out.push(
    '',
    `## ${zh ? '任务' : 'Tasks'}`,
    '',
    `| ${zh ? '编号' : 'id'} | ${zh ? '任务' : 'task'} | ${zh ? '责任人' : 'owners'} | ${zh ? '完成时间' : 'due'} | ${zh ? '状态' : 'status'} |`,
    '|---|---|---|---|---|',
  );
  for (const t of r.tasks)
    out.push(
      `| ${t.id} | ${t.title.replace(/\|/g, '\\|')} | ${t.owners.map((o) => o.name).join(zh ? '、' : ', ')}${t.joint ? (zh ? '（共同负责）' : ' (jointly)') : ''} | ${t.due ?? '—'} | ${statusText(t.status, lang)} |`,
    );
  for (const rk of r.rankings) {
    out.push(
      '',
      `## ${zh ? '排名' : 'Ranking'}: ${rk.indicator} (${rk.target})`,
      '',
      `| # | ${zh ? '法院' : 'court'} | ${zh ? '值' : 'value'} | ${zh ? '状态' : 'status'} |`,
      '|---|---|---|---|',
    );
    const t = r.targets.find((x) => x.id === rk.target);
    const threshold = t ? targetCurrent(t, r.asOf).value : undefined;
    for (const row of rk.rows)
      out.push(
        `| ${row.rank} | ${row.court} | ${threshold === undefined ? formatValue(row.value, rk.unit) : figureAgainst(row, rk.unit, threshold)} | ${statusText(row.status, lang)} |`,
      );
  }
  out.push(...scoresMarkdown(r, lang));
  return out.join('\n') + '\n';
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JUnit XML: a due target missed, an overdue milestone and a failing rule are failures. */
export function renderJUnit(reports: PlanReport[]): string {
  const suites: string[] = [];
  let total = 0,
    failures = 0;
  for (const r of reports) {
    const cases: string[] = [];
    let f = 0;
    for (const t of r.targets) {
      const failed = t.missedStages > 0;
      if (failed) f++;
      cases.push(
        `    <testcase classname="${xml(r.plan.name ?? '')}.targets" name="${xml(t.id)}">${
          failed
            ? `<failure message="${xml(
                `${t.indicator} missed: ${missedStageLines(t, 'en')
                  .map((l) => l.trim())
                  .join('; ')}`,
              )}"/>`
            : ''
        }</testcase>`,
      );
    }
    for (const t of r.tasks)
      for (const m of t.milestones) {
        const failed = m.status === 'overdue';
        if (failed) f++;
        cases.push(
          `    <testcase classname="${xml(r.plan.name ?? '')}.milestones" name="${xml(`${t.id} ${m.text}`)}">${failed ? `<failure message="${xml(`overdue since ${m.due}`)}"/>` : ''}</testcase>`,
        );
      }
    for (const rule of r.rules) {
      const failed = rule.failed > 0;
      if (failed) f++;
      cases.push(
        `    <testcase classname="${xml(r.plan.name ?? '')}.rules" name="${xml(rule.rule)}">${
          failed
            ? `<failure message="${xml(`${rule.failed} of ${rule.checked} cases fail`)}">${xml(
                rule.failures
                  .slice(0, 50)
                  .map((x) => `${x.id}: ${x.failed.join(', ')}`)
                  .join('\n'),
              )}</failure>`
            : ''
        }</testcase>`,
      );
    }
    total += cases.length;
    failures += f;
    // The data behind the suite, as properties: every file with its counts, every court the plan does not cover.
    const props = [
      ...(r.data.sources ?? []).map(
        (s) =>
          `      <property name="${xml(`data.${s.kind}:${s.file}`)}" value="${xml(`read=${s.read} accepted=${s.accepted} rejected=${s.rejected} format=${s.format}`)}"/>`,
      ),
      ...(r.courtIdentity?.unmatched ?? []).map(
        (u) =>
          `      <property name="${xml(`courts.unmatched:${u.name}`)}" value="${xml(`cases=${u.cases}${u.suggestion ? ` suggestion=${u.suggestion}` : ''}${r.courtIdentity!.excluded > 0 ? ' excluded' : ''}`)}"/>`,
      ),
    ];
    const properties = props.length ? `    <properties>\n${props.join('\n')}\n    </properties>\n` : '';
    suites.push(
      `  <testsuite name="${xml(r.plan.name ?? '')}" tests="${cases.length}" failures="${f}" timestamp="${r.asOf}T00:00:00">\n${properties}${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="luoshi" tests="${total}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
