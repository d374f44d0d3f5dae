// Which definitions differ between two compiled plan versions: indicators, rules (and their conditions),
// sets and derived fields (compared as lowered IR, so a reformatted but equal definition is no change),
// targets, tasks (owners, deadline, milestones, links) and roles (holders).
import type { CompileResult } from '../check/compile.js';
import { Binder } from '../check/symbols.js';
import { bindDeclarations } from '../check/bind.js';
import { ExpressionChecker } from '../check/expressions.js';
import type * as A from '../syntax/ast.js';
import type { IRExpr, IRSet, PlanIR } from '../ir/types.js';
import { irText, setText } from './irtext.js';

export type DefinitionKind = 'indicator' | 'rule' | 'set' | 'field' | 'target' | 'task' | 'role';

export interface DefinitionChange {
  kind: DefinitionKind;
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** What changed, one line each: `阈值 / threshold: >= 90% → >= 95%`. */
  details: string[];
}

/** Sets and derived fields by name, lowered to IR (the IR itself inlines them). */
export function namedDefinitions(c: CompileResult): { sets: Map<string, IRSet>; fields: Map<string, IRExpr> } {
  const binder = new Binder();
  for (const f of c.files) binder.addFile(f);
  bindDeclarations(binder, c.files);
  const exprs = new ExpressionChecker(binder);
  const sets = new Map<string, IRSet>(),
    fields = new Map<string, IRExpr>();
  for (const sym of binder.symbols.values()) {
    if (sym.kind !== 'set' && sym.kind !== 'field') continue;
    const file = binder.fileOf(sym);
    if (!file) continue;
    binder.setFile(file);
    if (sym.kind === 'set') {
      const s = exprs.expectSet((sym.node as A.SetDecl).expr, { domain: 'plan', inEvent: false });
      if (s) sets.set(sym.name, s.set);
    } else {
      fields.set(sym.name, exprs.check((sym.node as A.Field).expr, { domain: 'case', inEvent: false }).ir);
    }
  }
  return { sets, fields };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function compareMaps<T>(
  kind: DefinitionKind,
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  details: (a: T, b: T) => string[],
  describe: (x: T) => string,
): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const name of names) {
    const a = before.get(name),
      b = after.get(name);
    if (a === undefined) out.push({ kind, name, change: 'added', details: [describe(b!)] });
    else if (b === undefined) out.push({ kind, name, change: 'removed', details: [describe(a)] });
    else if (!same(a, b)) out.push({ kind, name, change: 'changed', details: details(a, b) });
  }
  return out;
}

const arrow = (label: string, a: string, b: string): string => `${label}: ${a} → ${b}`;

export function diffDefinitions(oldC: CompileResult, newC: CompileResult): DefinitionChange[] {
  const o = oldC.ir,
    n = newC.ir;
  const byName = <T extends { name: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.name, x]));
  const out: DefinitionChange[] = [];

  out.push(
    ...compareMaps(
      'indicator',
      byName(o.indicators),
      byName(n.indicators),
      (a, b) => {
        const d: string[] = [];
        if (!same(a.expr, b.expr)) d.push(arrow('定义 / definition', irText(a.expr), irText(b.expr)));
        if (a.unit !== b.unit) d.push(arrow('单位 / unit', a.unit, b.unit));
        if (a.title !== b.title) d.push(arrow('标题 / title', a.title ?? '—', b.title ?? '—'));
        if (a.description !== b.description) d.push('说明已改 / description changed');
        return d.length ? d : ['来源位置已变 / moved'];
      },
      (x) => `${irText(x.expr)} (${x.unit})`,
    ),
  );

  out.push(
    ...compareMaps(
      'rule',
      byName(o.rules),
      byName(n.rules),
      (a, b) => {
        const d: string[] = [];
        if (!same(a.applies, b.applies))
          d.push(
            arrow(
              '适用 / applies',
              a.applies ? irText(a.applies) : '全部 / all',
              b.applies ? irText(b.applies) : '全部 / all',
            ),
          );
        const ac = byName(a.conditions),
          bc = byName(b.conditions);
        for (const name of [...new Set([...ac.keys(), ...bc.keys()])]) {
          const x = ac.get(name),
            y = bc.get(name);
          if (!x)
            d.push(
              `+ 条件 / condition ${name}: ${irText(y!.expr)}${y!.severity === 'warning' ? ' (提示 / warning)' : ''}`,
            );
          else if (!y) d.push(`− 条件 / condition ${name}`);
          else {
            if (!same(x.expr, y.expr)) d.push(arrow(`条件 / condition ${name}`, irText(x.expr), irText(y.expr)));
            if (x.severity !== y.severity)
              d.push(arrow(`条件 / condition ${name} 级别 / severity`, x.severity, y.severity));
          }
        }
        if (a.title !== b.title) d.push(arrow('标题 / title', a.title ?? '—', b.title ?? '—'));
        return d.length ? d : ['来源位置已变 / moved'];
      },
      (x) => `${x.conditions.length} 个条件 / conditions: ${x.conditions.map((c) => c.name).join(', ')}`,
    ),
  );

  const od = namedDefinitions(oldC),
    nd = namedDefinitions(newC);
  out.push(
    ...compareMaps('set', od.sets, nd.sets, (a, b) => [arrow('定义 / definition', setText(a), setText(b))], setText),
  );
  out.push(
    ...compareMaps('field', od.fields, nd.fields, (a, b) => [arrow('定义 / definition', irText(a), irText(b))], irText),
  );

  const targets = (ir: PlanIR) => new Map(ir.targets.map((t) => [t.id, t]));
  const threshold = (t: PlanIR['targets'][number]): string =>
    t.stages
      .map(
        (s) =>
          `${t.op} ${s.display}${s.stretchDisplay ? ` 力争 ${s.stretchDisplay}` : ''}${s.window ? ` ${windowText(s.window)}` : ''}${s.by ? ` 截至 ${s.by}` : ''}`,
      )
      .join(', ');
  out.push(
    ...compareMaps(
      'target',
      targets(o),
      targets(n),
      (a, b) => {
        const d: string[] = [];
        if (a.indicator !== b.indicator) d.push(arrow('指标 / indicator', a.indicator, b.indicator));
        if (threshold(a) !== threshold(b)) d.push(arrow('阈值 / threshold', threshold(a), threshold(b)));
        if (!same(a.scope, b.scope))
          d.push(
            arrow(
              '范围 / scope',
              a.scope.kind + (a.scope.filter ? ` 其中 ${irText(a.scope.filter)}` : ''),
              b.scope.kind + (b.scope.filter ? ` 其中 ${irText(b.scope.filter)}` : ''),
            ),
          );
        if (!same(a.window, b.window)) d.push(arrow('窗口 / window', windowText(a.window), windowText(b.window)));
        if (a.task !== b.task) d.push(arrow('任务 / task', a.task ?? '—', b.task ?? '—'));
        if (a.title !== b.title) d.push(arrow('标题 / title', a.title ?? '—', b.title ?? '—'));
        return d.length ? d : ['来源位置已变 / moved'];
      },
      (t) => `${t.indicator} ${threshold(t)}`,
    ),
  );

  const tasks = (ir: PlanIR) => new Map(ir.tasks.map((t) => [t.id, t]));
  const owners = (t: PlanIR['tasks'][number]): string => t.owners.map((x) => x.name).join(', ') || '—';
  out.push(
    ...compareMaps(
      'task',
      tasks(o),
      tasks(n),
      (a, b) => {
        const d: string[] = [];
        if (owners(a) !== owners(b)) d.push(arrow('责任人 / owners', owners(a), owners(b)));
        if (a.departments.join(',') !== b.departments.join(','))
          d.push(arrow('责任部门 / departments', a.departments.join(', ') || '—', b.departments.join(', ') || '—'));
        if (a.due !== b.due || a.dueKind !== b.dueKind)
          d.push(arrow('完成 / due', a.dueText ?? a.due ?? '—', b.dueText ?? b.due ?? '—'));
        const am = new Map(a.milestones.map((m) => [m.text, m])),
          bm = new Map(b.milestones.map((m) => [m.text, m]));
        for (const text of [...new Set([...am.keys(), ...bm.keys()])]) {
          const x = am.get(text),
            y = bm.get(text);
          if (!x) d.push(`+ 节点 / milestone “${text}” 完成 ${y!.due}`);
          else if (!y) d.push(`− 节点 / milestone “${text}”`);
          else {
            if (x.due !== y.due) d.push(arrow(`节点 / milestone “${text}” 完成 / due`, x.due, y.due));
            if (!same(x.condition, y.condition))
              d.push(
                arrow(
                  `节点 / milestone “${text}” 条件 / condition`,
                  x.condition ? irText(x.condition.expr) : '—',
                  y.condition ? irText(y.condition.expr) : '—',
                ),
              );
            if (x.owners.map((z) => z.name).join(',') !== y.owners.map((z) => z.name).join(','))
              d.push(
                arrow(
                  `节点 / milestone “${text}” 责任人 / owners`,
                  x.owners.map((z) => z.name).join(', ') || '—',
                  y.owners.map((z) => z.name).join(', ') || '—',
                ),
              );
          }
        }
        if (a.targets.join(',') !== b.targets.join(','))
          d.push(arrow('目标 / targets', a.targets.join(', ') || '—', b.targets.join(', ') || '—'));
        if (!same(a.checks, b.checks))
          d.push(
            arrow(
              '检查 / checks',
              a.checks.map((c) => c.rule + (c.applies ? ` 适用 ${irText(c.applies)}` : '')).join(', ') || '—',
              b.checks.map((c) => c.rule + (c.applies ? ` 适用 ${irText(c.applies)}` : '')).join(', ') || '—',
            ),
          );
        if (!same(a.recurring, b.recurring)) d.push('定期职责已改 / recurring duties changed');
        if (a.title !== b.title) d.push(arrow('标题 / title', a.title, b.title));
        if (a.text !== b.text) d.push('原文已改 / original text changed');
        return d.length ? d : ['来源位置已变 / moved'];
      },
      (t) => `${t.title} (责任人 / owners ${owners(t)}; 完成 / due ${t.dueText ?? t.due ?? '—'})`,
    ),
  );

  const roles = (ir: PlanIR) => new Map(ir.roles.map((r) => [r.name, r]));
  out.push(
    ...compareMaps(
      'role',
      roles(o),
      roles(n),
      (a, b) => [arrow('担任者 / holders', a.holders.join(', ') || '—', b.holders.join(', ') || '—')],
      (r) => r.holders.join(', ') || '—',
    ),
  );

  // Source lines move with every edit: a change that is only a move is no change.
  return out.filter(
    (c) => !(c.change === 'changed' && c.details.length === 1 && c.details[0] === '来源位置已变 / moved'),
  );
}

function windowText(w: PlanIR['targets'][number]['window']): string {
  return w.kind === 'period'
    ? `${w.from ?? ''} 至 ${w.to ?? ''}`
    : w.kind === 'yearly'
      ? '每年 / yearly'
      : '方案期间 / plan period';
}
