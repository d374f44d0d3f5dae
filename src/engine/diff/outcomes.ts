// Which outcomes differ between two plan versions evaluated on the same data as of the same date:
// targets (status, overall and per group), tasks and their milestones (status), owners (who owns which
// task) and rules (how many cases fail).
import type { PlanReport, TargetReport } from '../report/model.js';
import { formatValue } from '../report/render.js';
import type { DefinitionChange } from './definitions.js';
import { stageInForce } from '../eval/status.js';

export type OutcomeKind = 'target' | 'task' | 'milestone' | 'owner' | 'rule';

export interface OutcomeChange {
  kind: OutcomeKind;
  name: string;
  /** null: not in that version. */
  before: string | null;
  after: string | null;
  details: string[];
}

export interface PlanDiff {
  old: { file: string; name: string | null };
  new: { file: string; name: string | null };
  asOf: string;
  definitions: DefinitionChange[];
  outcomes: OutcomeChange[];
}

const byKey = <T>(xs: readonly T[], key: (x: T) => string): Map<string, T> => new Map(xs.map((x) => [key(x), x]));
const union = (a: Iterable<string>, b: Iterable<string>): string[] => {
  const seen = new Set<string>(),
    out: string[] = [];
  for (const x of [...a, ...b])
    if (!seen.has(x)) {
      seen.add(x);
      out.push(x);
    }
  return out;
};

function current(t: TargetReport, asOf: string): TargetReport['stages'][number] {
  return stageInForce(t.stages, asOf);
}

function targetValue(t: TargetReport, asOf: string): string {
  const s = current(t, asOf);
  return s.figure ? formatValue(s.figure.value, t.unit) : '';
}

export function diffOutcomes(a: PlanReport, b: PlanReport): OutcomeChange[] {
  const out: OutcomeChange[] = [];

  const ta = byKey(a.targets, (t) => t.id),
    tb = byKey(b.targets, (t) => t.id);
  for (const id of union(ta.keys(), tb.keys())) {
    const x = ta.get(id),
      y = tb.get(id);
    if (!x || !y) {
      out.push({ kind: 'target', name: id, before: x?.status ?? null, after: y?.status ?? null, details: [] });
      continue;
    }
    const details: string[] = [];
    const gx = current(x, a.asOf).groups,
      gy = current(y, b.asOf).groups;
    for (const g of union(Object.keys(gx), Object.keys(gy))) {
      const p = gx[g],
        q = gy[g];
      if (p?.status !== q?.status)
        details.push(
          `${g}: ${p?.status ?? '—'} → ${q?.status ?? '—'} (${p ? formatValue(p.value, x.unit) : '—'} → ${q ? formatValue(q.value, y.unit) : '—'})`,
        );
    }
    if (x.status !== y.status || details.length > 0) {
      const vx = targetValue(x, a.asOf),
        vy = targetValue(y, b.asOf);
      if (vx !== vy && (vx || vy)) details.unshift(`值 / value: ${vx || '—'} → ${vy || '—'}`);
      out.push({ kind: 'target', name: id, before: x.status, after: y.status, details });
    }
  }

  const ka = byKey(a.tasks, (t) => t.id),
    kb = byKey(b.tasks, (t) => t.id);
  for (const id of union(ka.keys(), kb.keys())) {
    const x = ka.get(id),
      y = kb.get(id);
    if (!x || !y) {
      out.push({ kind: 'task', name: id, before: x?.status ?? null, after: y?.status ?? null, details: [] });
      continue;
    }
    if (x.status !== y.status) out.push({ kind: 'task', name: id, before: x.status, after: y.status, details: [] });
    const ma = byKey(x.milestones, (m) => m.text),
      mb = byKey(y.milestones, (m) => m.text);
    for (const text of union(ma.keys(), mb.keys())) {
      const p = ma.get(text),
        q = mb.get(text);
      if (p?.status !== q?.status)
        out.push({
          kind: 'milestone',
          name: `${id} “${text}”`,
          before: p?.status ?? null,
          after: q?.status ?? null,
          details: [],
        });
    }
  }

  const owned = (r: PlanReport): Map<string, string> =>
    new Map(
      r.people.map((p) => [
        p.name,
        p.tasks
          .map((t) => `${t.task}${t.lead ? ' (牵头 / lead)' : ''}`)
          .sort()
          .join(', '),
      ]),
    );
  const pa = owned(a),
    pb = owned(b);
  for (const name of union(pa.keys(), pb.keys())) {
    const x = pa.get(name) ?? '',
      y = pb.get(name) ?? '';
    if (x === y) continue;
    const xs = new Set(x ? x.split(', ') : []),
      ys = new Set(y ? y.split(', ') : []);
    const details = [
      ...[...ys].filter((t) => !xs.has(t)).map((t) => `+ ${t}`),
      ...[...xs].filter((t) => !ys.has(t)).map((t) => `− ${t}`),
    ];
    out.push({ kind: 'owner', name, before: x || null, after: y || null, details });
  }

  const ruleKey = (r: PlanReport['rules'][number]) => `${r.rule} [${r.tasks.join(', ')}]`;
  const ra = byKey(a.rules, ruleKey),
    rb = byKey(b.rules, ruleKey);
  const fails = (r: PlanReport['rules'][number] | undefined): string | null =>
    r ? `${r.failed}/${r.checked} 不合格 / failing` : null;
  for (const k of union(ra.keys(), rb.keys())) {
    const x = ra.get(k),
      y = rb.get(k);
    if (x && y && x.failed === y.failed && x.checked === y.checked) continue;
    const details: string[] = [];
    if (x && y) {
      for (const c of union(Object.keys(x.byCondition), Object.keys(y.byCondition))) {
        if (x.byCondition[c] !== y.byCondition[c])
          details.push(`${c}: ${x.byCondition[c] ?? '—'} → ${y.byCondition[c] ?? '—'}`);
      }
    }
    out.push({ kind: 'rule', name: k, before: fails(x), after: fails(y), details });
  }
  return out;
}
