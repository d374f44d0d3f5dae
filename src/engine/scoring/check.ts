// The check pass of scoring schemes (考核): resolves what each item refers to (indicators and targets by
// name or alias, tasks by number), normalises thresholds like targets', checks that points add up and
// emits the schemes' IR. Runs after every other statement is emitted, so it reads indicators' units and
// tasks from the IR.
import type * as A from '../syntax/ast.js';
import type { Dimension, PlanIR } from '../ir/types.js';
import type { Binder, SourceFile } from '../check/symbols.js';
import { closest } from '../check/suggest.js';
import type { IRScheme, IRScoreGroup, IRScoreItem, IRScoreRule, IRScoreSource } from './types.js';
import { items } from '../check/bind.js';

/** Normalises a number against an indicator's dimension (reports a unit that does not fit), as targets do. */
export type Threshold = (n: A.NumberLit, dim: Dimension | undefined, indicator: string) => number | null;

export const DEFAULT_DECIMALS = 2;

/** The schemes of all files, checked, in the order declared. */
export function checkSchemes(b: Binder, files: SourceFile[], ir: PlanIR, threshold: Threshold): IRScheme[] {
  const out: IRScheme[] = [];
  for (const f of files) {
    b.setFile(f);
    for (const s of f.program.items)
      if (s.kind === 'Scheme') {
        const scheme = new SchemeChecker(b, ir, threshold).scheme(s);
        if (b.lookup(s.name.text)?.node === s) out.push(scheme);
      }
  }
  return out;
}

/** "85" / "0.5" / "-1.5": points as people write them (no trailing zeros). */
export function pointsText(v: number): string {
  return String(Number(v.toFixed(6)));
}

class SchemeChecker {
  constructor(
    private readonly b: Binder,
    private readonly ir: PlanIR,
    private readonly threshold: Threshold,
  ) {}

  private src(node: { range: A.Range }): { file: string; line: number } {
    return { file: this.b.file.path, line: this.b.file.lines.position(node.range[0]).line + 1 };
  }

  scheme(s: A.Scheme): IRScheme {
    let decimals = DEFAULT_DECIMALS;
    const loose: IRScoreItem[] = [];
    const groups: IRScoreGroup[] = [];
    for (const e of items(s.entries)) {
      if (e.kind === 'Decimals') decimals = e.count.digits;
      else if (e.kind === 'ScoreGroup') groups.push(this.group(e));
      else if (e.kind === 'ScoreItem') {
        const it = this.item(e, null);
        if (it) loose.push(it);
      }
    }
    if (loose.length) {
      const sum = loose.reduce((n, i) => n + i.points, 0);
      groups.unshift({
        name: null,
        title: null,
        points: sum,
        bonus: false,
        items: loose,
        groups: [],
        source: this.src(s),
      });
    }
    const unreadable = s.entries.items.some((i) => (i as { kind: string }).kind === 'Error');
    if (s.total && !unreadable) {
      const sum = declaredPoints(items(s.entries));
      if (Math.abs(sum - s.total.value) > 1e-9) {
        this.b.report('W0310', s.total, {
          what: '考核',
          whatEn: 'scheme',
          name: s.name.text,
          parts: '分组',
          partsEn: 'groups',
          sum: pointsText(sum),
          points: pointsText(s.total.value),
          diff: signed(sum - s.total.value),
        });
      }
    }
    return {
      name: s.name.text,
      title: s.title?.value ?? null,
      total: s.total?.value ?? null,
      scope: s.scope ?? 'court',
      decimals,
      groups,
      source: this.src(s),
    };
  }

  private group(g: A.ScoreGroup): IRScoreGroup {
    const label = g.title?.value ?? g.name?.text ?? (g.bonus ? '加分项' : '分组');
    const out: IRScoreGroup = {
      name: g.name?.text ?? null,
      title: g.title?.value ?? null,
      points: g.points.value,
      bonus: g.bonus,
      items: [],
      groups: [],
      source: this.src(g),
    };
    for (const e of items(g.entries)) {
      if (e.kind === 'ScoreItem') {
        const it = this.item(e, { label, points: g.points.value });
        if (it) out.items.push(it);
      } else if (e.kind === 'ScoreGroup') {
        if (e.points.value > g.points.value)
          this.b.report('E0218', e.points, {
            item: e.title?.value ?? e.name?.text ?? '',
            points: pointsText(e.points.value),
            group: label,
            groupPoints: pointsText(g.points.value),
          });
        out.groups.push(this.group(e));
      } else if (e.kind === 'Decimals') {
        this.b.report('E0209', e, {
          zh: '“保留”只能写在考核的第一层，不能写在分组内',
          en: 'decimals belongs to the scheme, not to a group',
        });
      }
    }
    // A bonus group's items may together exceed its points: the group's points cap them.
    const unreadable = g.entries.items.some((i) => (i as { kind: string }).kind === 'Error');
    if (!g.bonus && !unreadable) {
      const sum = declaredPoints(items(g.entries));
      if (Math.abs(sum - g.points.value) > 1e-9) {
        this.b.report('W0310', g.points, {
          what: '分组',
          whatEn: 'group',
          name: label,
          parts: '项目',
          partsEn: 'items',
          sum: pointsText(sum),
          points: pointsText(g.points.value),
          diff: signed(sum - g.points.value),
        });
      }
    }
    return out;
  }

  private item(it: A.ScoreItem, group: { label: string; points: number } | null): IRScoreItem | null {
    if (group && it.points.value > group.points) {
      this.b.report('E0218', it.points, {
        item: it.title?.value ?? it.name.text,
        points: pointsText(it.points.value),
        group: group.label,
        groupPoints: pointsText(group.points),
      });
    }
    const rule = this.rule(it);
    return rule
      ? { name: it.name.text, title: it.title?.value ?? null, points: it.points.value, rule, source: this.src(it) }
      : null;
  }

  private indicator(n: A.Name): { name: string; unit: string; dim: Dimension } | null {
    const sym = this.b.resolve(n, ['indicator']);
    if (!sym) return null;
    const ind = this.ir.indicators.find((i) => i.name === sym.name);
    return ind ? { name: ind.name, unit: ind.unit, dim: ind.dimension } : null;
  }

  private rule(it: A.ScoreItem): IRScoreRule | null {
    const r = it.rule;
    switch (r.kind) {
      case 'ThresholdScore': {
        const ind = this.indicator(r.indicator);
        const value = this.threshold(r.value, ind?.dim, r.indicator.text);
        if (r.op === '=' || r.op === '!=') {
          this.b.report('E0209', r, {
            zh: '计分条件应使用 >=、>、<= 或 <',
            en: 'a scoring threshold compares with >=, >, <= or <',
          });
          return null;
        }
        this.otherwise(r.otherwise, it);
        if (!ind || value === null) return null;
        return {
          kind: 'threshold',
          indicator: ind.name,
          unit: ind.unit,
          op: r.op,
          value,
          display: numberText(r.value),
          otherwise: r.otherwise?.value ?? 0,
        };
      }
      case 'TargetScore': {
        const sym = this.b.resolve(r.target, ['target']);
        this.otherwise(r.otherwise, it);
        return sym ? { kind: 'target', target: sym.name, otherwise: r.otherwise?.value ?? 0 } : null;
      }
      case 'LinearScore': {
        const ind = this.indicator(r.indicator);
        const low = this.threshold(r.low, ind?.dim, r.indicator.text),
          high = this.threshold(r.high, ind?.dim, r.indicator.text);
        if (low !== null && high !== null && low >= high) {
          this.b.report(
            'E0219',
            { range: [r.low.range[0], r.high.range[1]] },
            { low: numberText(r.low), high: numberText(r.high) },
          );
          return null;
        }
        if (!ind || low === null || high === null) return null;
        return {
          kind: 'linear',
          indicator: ind.name,
          unit: ind.unit,
          low,
          high,
          lowDisplay: numberText(r.low),
          highDisplay: numberText(r.high),
          lowerBetter: r.lowerBetter,
        };
      }
      case 'PerUnitScore':
        return this.perUnit(it, r);
    }
  }

  private otherwise(p: A.Points | null, it: A.ScoreItem): void {
    if (p && p.value > it.points.value) {
      this.b.report('E0209', p, {
        zh: `“否则”的 ${p.digits}分 超过项目的 ${it.points.digits}分`,
        en: `the else points (${p.digits}) exceed the item's ${it.points.digits} points`,
      });
    }
  }

  private perUnit(it: A.ScoreItem, r: A.PerUnitScore): IRScoreRule | null {
    let source: IRScoreSource | null = null;
    let per: number | null;
    if (r.source.kind === 'IndicatorSource') {
      const s = r.source;
      const ind = this.indicator(s.indicator);
      per = this.threshold(r.per, ind?.dim, s.indicator.text);
      const rel = s.relation ? this.threshold(s.relation.value, ind?.dim, s.indicator.text) : null;
      if (ind && (!s.relation || rel !== null)) {
        source = {
          kind: 'indicator',
          indicator: ind.name,
          unit: ind.unit,
          relation:
            s.relation && rel !== null
              ? { dir: s.relation.dir, value: rel, display: numberText(s.relation.value) }
              : null,
        };
      }
    } else {
      per = this.threshold(r.per, 'days', '逾期天数');
      source = this.late(r.source);
    }
    if (per !== null && per <= 0) {
      this.b.report('E0209', r.per, {
        zh: `“每”后的数量应大于 0，不能是 ${numberText(r.per)}`,
        en: `the quantity after per must be above 0, not ${numberText(r.per)}`,
      });
      return null;
    }
    let floor: number | null = null,
      cap: number | null = null;
    for (const l of r.limits) {
      const seen = l.kind === 'Floor' ? floor : cap;
      if (seen !== null)
        this.b.report('E0210', l, {
          what: l.kind === 'Floor' ? '最低分' : '最多分',
          whatEn: l.kind === 'Floor' ? 'a floor' : 'a cap',
        });
      if (l.kind === 'Floor') floor = l.points.value;
      else cap = l.points.value;
    }
    if (r.mode === 'deduct' && floor === null) {
      const perText = numberText(r.per);
      this.b.report('W0311', r, { item: it.title?.value ?? it.name.text, per: perText, perEn: perText });
    }
    if (floor !== null && floor > it.points.value) {
      this.b.report('E0209', r, {
        zh: `最低分 ${pointsText(floor)}分 超过项目的 ${it.points.digits}分`,
        en: `the floor (${pointsText(floor)} points) exceeds the item's ${it.points.digits} points`,
      });
    }
    if (!source || per === null) return null;
    return {
      kind: 'per',
      mode: r.mode,
      source,
      per,
      perDisplay: numberText(r.per),
      points: r.points.value,
      floor,
      cap,
    };
  }

  private late(s: A.LateSource): IRScoreSource | null {
    const task = this.ir.tasks.find((t) => t.id === s.task.text);
    if (!task) {
      const hint =
        closest(
          s.task.text,
          this.ir.tasks.map((t) => t.id),
        ) ?? '';
      this.b.report('E0201', s.task, { what: '任务', whatEn: 'task', name: s.task.text, hint });
      return null;
    }
    if (!s.milestone) {
      if (task.milestones.length === 0 && (task.due === null || task.dueKind === 'ongoing')) {
        this.b.report('E0209', s.task, {
          zh: `任务 ${task.id} 没有确定的完成时间，无法计算逾期天数`,
          en: `task ${task.id} has no fixed deadline: its days late cannot be counted`,
        });
        return null;
      }
      return { kind: 'late', task: task.id, milestone: null };
    }
    const word = s.milestone.kind === 'String' ? s.milestone.value : s.milestone.text;
    const m = task.milestones.find((x) => x.name === word || x.text === word);
    if (!m) {
      const hint =
        closest(
          word,
          task.milestones.flatMap((x) => (x.name ? [x.name, x.text] : [x.text])),
        ) ?? '';
      this.b.report('E0201', s.milestone, {
        what: `任务 ${task.id} 的节点`,
        whatEn: `deliverable of task ${task.id}`,
        name: word,
        hint,
      });
      return null;
    }
    return { kind: 'late', task: task.id, milestone: m.id };
  }
}

/** The points written for the items and regular groups of a block (an item that does not compile still counts). */
function declaredPoints(entries: A.SchemeEntry[]): number {
  return entries.reduce(
    (n, e) => n + (e.kind === 'ScoreItem' || (e.kind === 'ScoreGroup' && !e.bonus) ? e.points.value : 0),
    0,
  );
}

function numberText(n: A.NumberLit): string {
  return `${n.digits}${n.unit?.text ?? ''}`;
}

function signed(v: number): string {
  return v > 0 ? `+${pointsText(v)}` : `−${pointsText(-v)}`;
}
