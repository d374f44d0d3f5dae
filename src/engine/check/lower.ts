// Compile stage 3 (lower): every bound declaration checked for its types (expressions, units, what a name
// may stand for) and lowered to the IR. What cannot be in a well-typed plan (a deadline outside the period,
// milestones out of order, a stretch below its target, …) is judged afterwards by the passes (passes/),
// over what this stage records in `facts` (facts.ts).
import type * as A from '../syntax/ast.js';
import {
  IR_VERSION,
  type Dimension,
  type IRMilestone,
  type IROwner,
  type IRTarget,
  type IRTask,
  type IRWindow,
  type PlanIR,
  type ScopeKind,
} from '../ir/types.js';
import { formatDay, type Day } from '../time/calendar.js';
import { ExpressionChecker } from './expressions.js';
import type { Binder, SourceFile } from './symbols.js';
import { DIMENSION_NAMES, defaultUnit, isDayUnit, numberText, unitDimension, unitValue } from './units.js';
import { items } from './bind.js';
import { noFacts, type Facts, type TargetFacts } from './facts.js';
import { checkSchemes } from '../scoring/check.js';
import type { PeopleIndex, PlanPeopleView } from './people-file.js';

export class Lowering {
  private readonly exprs: ExpressionChecker;
  private readonly ir: PlanIR;
  private readonly indicatorDims = new Map<string, Dimension>();
  /** The tasks lowered so far by id: a repeated id is found without a scan per task. */
  private readonly tasksById = new Map<string, IRTask>();
  /** What the passes judge (facts.ts). */
  readonly facts: Facts = noFacts();

  constructor(
    private readonly b: Binder,
    private readonly files: SourceFile[],
    private readonly people: PeopleIndex | null = null,
  ) {
    this.exprs = new ExpressionChecker(b);
    this.ir = {
      irVersion: IR_VERSION,
      plan: {
        name: null,
        title: null,
        docno: null,
        issuer: null,
        kind: null,
        issued: null,
        effective: null,
        implements: [],
        period: null,
        courts: [],
        files: files.map((f) => f.path),
      },
      courts: [],
      people: [],
      roles: [],
      departments: [],
      groups: [],
      phases: [],
      indicators: [],
      rules: [],
      targets: [],
      tasks: [],
      facts: [],
      notes: [],
      schemes: [],
    };
  }

  private src(node: { range: A.Range }): { file: string; line: number } {
    return { file: this.b.file.path, line: this.b.file.lines.position(node.range[0]).line + 1 };
  }

  private date(d: A.DateLit): Day | null {
    return this.b.dateValue(d);
  }

  /** The plan header first (its period bounds every deadline), then everything else. */
  lower(): PlanIR {
    for (const f of this.files) {
      this.b.setFile(f);
      for (const s of f.program.items) if (s.kind === 'Plan') this.plan(s);
    }
    for (const f of this.files) {
      this.b.setFile(f);
      for (const s of f.program.items) this.statement(s);
    }
    this.ir.schemes = checkSchemes(this.b, this.files, this.ir, (n, dim, name) => this.threshold(n, dim, name));
    if (this.people) {
      this.people.finish(this.peopleView());
      const declared = new Set(this.ir.people.map((p) => p.name));
      for (const p of this.people.people(this.peopleView()))
        if (!declared.has(p.name)) this.ir.people.push({ name: p.name, title: null });
    }
    return this.ir;
  }

  /** What a people file's rows are checked against (src/engine/check/people-file.ts). */
  private peopleView(): PlanPeopleView {
    const courts = [...this.b.symbols.values()].filter((s) => s.kind === 'court');
    const squash = (t: string): string => t.replace(/[\s\u3000]/g, '');
    return {
      court: (text) =>
        courts.find(
          (c) =>
            c.name === text ||
            [(c.node as A.Court).fullName.value, ...(c.node as A.Court).aliases.map((a) => a.value)].some(
              (n) => squash(n) === squash(text),
            ),
        )?.name ?? null,
      planCourts: this.ir.plan.courts,
      role: (name) => {
        const sym = this.b.symbols.get(name);
        return !sym ? null : sym.kind !== 'role' ? 'other' : (sym.node as A.Role).perCourt ? 'per-court' : 'plan-wide';
      },
      personFree: (name) => {
        const sym = this.b.symbols.get(name);
        return !sym || sym.kind === 'person';
      },
      person: (name, aliases) =>
        [name, ...aliases].map((n) => this.b.lookup(n)).find((sym) => sym?.kind === 'person')?.name ?? name,
    };
  }

  /** The courts a per-court role's holders are written in, in the plan itself. */
  private writtenCourts(s: A.Role): Set<string> {
    return new Set(s.holderCourts.flatMap((c) => (c ? [c.text] : [])));
  }

  private get period(): { from: Day; to: Day } | null {
    return this.facts.period;
  }

  private plan(p: A.Plan): void {
    if (this.b.file.library) return;
    if (this.facts.planSeen) {
      this.b.report('E0215', p.name, {});
      return;
    }
    this.facts.planSeen = true;
    const h = this.ir.plan;
    h.name = p.name.text;
    for (const e of items(p.entries)) {
      switch (e.kind) {
        case 'PlanField': {
          if (e.value.kind === 'String') {
            if (e.key === 'implements') h.implements.push(e.value.value);
            else (h as Record<string, unknown>)[e.key] = e.value.value;
          } else {
            const d = this.date(e.value);
            if (d !== null) (h as Record<string, unknown>)[e.key] = formatDay(d);
            if (e.key === 'issued') this.facts.issued = d;
          }
          break;
        }
        case 'Period': {
          this.facts.periodWritten = true;
          const from = this.date(e.from),
            to = this.date(e.to);
          if (from !== null && to !== null) {
            this.facts.ranges.push({ file: this.b.file, node: e, from, to });
            if (to >= from) {
              this.facts.period = { from, to };
              h.period = { from: formatDay(from), to: formatDay(to) };
            }
          }
          break;
        }
        case 'PlanCourts':
          for (const c of e.courts) if (this.b.resolve(c, ['court'])) h.courts.push(c.text);
          break;
        case 'Note':
          this.ir.notes.push(e.text.value);
          break;
        default:
          break;
      }
    }
  }

  private statement(s: A.Statement | A.ErrorNode): void {
    switch (s.kind) {
      case 'Court': {
        const parent = s.parent && this.b.resolve(s.parent, ['court']) ? s.parent.text : null;
        const aliases = s.aliases.map((a) => a.value);
        this.ir.courts.push({
          name: s.name.text,
          fullName: s.fullName.value,
          level: s.level?.value ?? null,
          parent,
          aliases,
        });
        break;
      }
      case 'Person':
        for (const p of s.people) this.ir.people.push({ name: p.name.text, title: p.title?.value ?? null });
        break;
      case 'Group':
        this.group(s);
        break;
      case 'Role':
        this.role(s);
        break;
      case 'Department':
        for (const d of s.departments)
          this.ir.departments.push({ name: d.name.text, fullName: d.fullName?.value ?? null });
        break;
      case 'Phase': {
        const from = this.date(s.from),
          to = this.date(s.to);
        if (from !== null && to !== null) {
          this.facts.phases.push({ file: this.b.file, node: s, from, to });
          this.ir.phases.push({
            name: s.name.text,
            from: formatDay(from),
            to: formatDay(to),
            description: s.description?.value ?? null,
          });
        }
        break;
      }
      case 'Field':
        this.field(s);
        break;
      case 'SetDecl':
        this.exprs.expectSet(s.expr, { domain: 'plan', inEvent: false });
        break;
      case 'Indicator':
        if (!this.overridden(s.name, s)) this.indicator(s);
        break;
      case 'Rule':
        if (!this.overridden(s.name, s)) this.rule(s);
        break;
      case 'Target': {
        if (this.overridden(s.name, s)) break;
        const t = this.target(s.name.text, s.title, s.spec, null, s);
        if (t && this.declared(s.name, s)) this.ir.targets.push(t);
        break;
      }
      case 'Task':
        this.task(s);
        break;
      case 'Fact':
        this.fact(s);
        break;
      case 'Note':
        this.ir.notes.push(s.text.value);
        break;
      case 'Import':
      case 'Use':
      case 'Plan':
      case 'Error':
        break;
    }
  }

  /** A field's declared type (`字段 法定期限 日期 = …`) must be what its expression computes. */
  private field(s: A.Field): void {
    const r = this.exprs.check(s.expr, { domain: 'case', inEvent: false });
    if (!s.type || r.type.t === 'error' || r.type.t === 'null') return;
    const t = r.type;
    const fits =
      s.type.value === 'date'
        ? t.t === 'date'
        : s.type.value === 'number'
          ? t.t === 'number' || t.t === 'duration'
          : s.type.value === 'money'
            ? t.t === 'number' && (t.dim === 'money' || t.dim === 'number')
            : s.type.value === 'boolean'
              ? t.t === 'boolean'
              : t.t === 'string' || t.t === 'enum';
    if (!fits) {
      const names = {
        date: ['日期', 'a date'],
        number: ['数值', 'a number'],
        money: ['金额', 'money'],
        boolean: ['布尔（真/假）', 'a boolean'],
        text: ['文本', 'text'],
      } as const;
      const [zh, en] = names[s.type.value];
      this.b.report('E0209', s.type, {
        zh: `字段“${s.name.text}”声明为${zh}，但其表达式的结果不是${zh}`,
        en: `field "${s.name.text}" is declared as ${en}, but its expression does not compute ${en}`,
      });
    }
  }

  /** A library declaration that the plan redefines (a court's own reading) is not emitted: the plan's is. */
  private overridden(name: A.Name, node: object): boolean {
    return this.b.file.library && this.b.lookup(name.text)?.node !== node;
  }

  /** Whether this declaration is the one its name stands for: a duplicate (E0202) is checked, not emitted. */
  private declared(name: A.Name, node: object): boolean {
    return this.b.lookup(name.text)?.node === node;
  }

  private group(g: A.Group): void {
    const members: PlanIR['groups'][number]['members'] = [];
    for (const e of items(g.entries)) {
      if (e.kind !== 'GroupMember') continue;
      for (const m of e.members) {
        if (m.kind === 'String') members.push({ role: e.role, person: null, text: m.value, roleRef: null });
        else if (this.b.symbols.get(m.name.text)?.kind === 'role') {
          this.b.resolve(m.name, ['role']);
          members.push({ role: e.role, person: null, text: m.title?.value ?? null, roleRef: m.name.text });
        } else {
          members.push({ role: e.role, person: m.name.text, text: m.title?.value ?? null, roleRef: null });
        }
      }
    }
    this.ir.groups.push({ name: g.name.text, title: g.title?.value ?? null, members });
  }

  private indicator(s: A.Indicator): void {
    const r = this.exprs.check(s.expr, { domain: 'plan', inEvent: false });
    if (r.type.t === 'error') return;
    if (r.type.t !== 'number' || !r.aggregate) {
      this.b.report('E0209', s.expr, {
        zh: '指标应由案件或事件的统计（计数、求和、平均）及其比值构成',
        en: 'an indicator is an aggregate over cases or events (count, sum, mean) or a ratio of such',
      });
      return;
    }
    let dim: Dimension = r.type.dim;
    let unit = defaultUnit(dim);
    if (s.unit) {
      const declared = unitDimension(s.unit.text);
      if (declared === null) this.b.report('E0103', s.unit, { unit: s.unit.text });
      else if (declared !== dim && dim !== 'number') {
        this.b.report('E0209', s.unit, {
          zh: `单位“${s.unit.text}”与指标的计算结果（${DIMENSION_NAMES[dim].zh}）不符`,
          en: `the unit "${s.unit.text}" does not fit what the indicator computes (${DIMENSION_NAMES[dim].en})`,
        });
      } else {
        dim = declared;
        unit = s.unit.text === '％' ? '%' : s.unit.text;
      }
    }
    this.indicatorDims.set(s.name.text, dim);
    if (this.declared(s.name, s))
      this.ir.indicators.push({
        name: s.name.text,
        title: s.title?.value ?? null,
        aliases: this.b.aliasesOf(s.name.text),
        unit,
        dimension: dim,
        expr: r.ir,
        description: s.description?.value ?? null,
        source: this.src(s),
      });
  }

  private rule(s: A.Rule): void {
    let applies = null;
    const conditions: PlanIR['rules'][number]['conditions'] = [];
    const ctx = { domain: 'case' as const, inEvent: false };
    for (const e of items(s.entries)) {
      if (e.kind === 'RuleApplies') applies = this.exprs.expectBoolean(e.expr, ctx).ir;
      else if (e.kind === 'RuleCondition') {
        if (conditions.some((c) => c.name === e.name.text)) {
          const first = items(s.entries).find(
            (x): x is A.RuleCondition => x.kind === 'RuleCondition' && x.name.text === e.name.text,
          )!;
          const at = this.b.file.lines.position(first.name.range[0]);
          this.b.report('E0202', e.name, {
            what: '条件',
            whatEn: 'condition',
            name: e.name.text,
            where: `${this.b.file.path}:${at.line + 1}:${at.column + 1}`,
          });
          continue;
        }
        conditions.push({
          name: e.name.text,
          label: e.label?.value ?? null,
          severity: e.severity,
          expr: this.exprs.expectBoolean(e.expr, ctx).ir,
        });
      }
    }
    if (this.declared(s.name, s))
      this.ir.rules.push({
        name: s.name.text,
        title: s.title?.value ?? null,
        applies,
        conditions,
        source: this.src(s),
      });
  }

  private dimOf(name: string): Dimension | undefined {
    if (this.indicatorDims.has(name)) return this.indicatorDims.get(name);
    const sym = this.b.lookup(name);
    if (!sym || sym.kind !== 'indicator') return undefined;
    const node = sym.node as A.Indicator;
    const r = this.exprs.check(node.expr, { domain: 'plan', inEvent: false });
    if (r.type.t !== 'number') return undefined;
    const declared = node.unit ? unitDimension(node.unit.text) : null;
    return declared ?? r.type.dim;
  }

  private target(
    id: string,
    titleNode: A.StringLit | null,
    spec: A.TargetSpec,
    task: string | null,
    at: { range: A.Range },
  ): IRTarget | null {
    const title = titleNode?.value ?? null;
    const facts: TargetFacts = { file: this.b.file, id, title: titleNode, spec, stretches: [], stages: null };
    this.facts.targets.push(facts);
    const ind = this.b.resolve(spec.indicator, ['indicator']);
    const dim = ind ? this.dimOf(ind.name) : undefined;
    let scope: { kind: ScopeKind; filter: null | import('../ir/types.js').IRExpr } | null = null;
    const stageWindows: Array<IRWindow | null> = [];
    const stages: IRTarget['stages'] = [];
    const ops = new Set<string>();
    for (const st of spec.stages) {
      ops.add(st.op);
      const value = this.threshold(st.value, dim, spec.indicator.text);
      let stretch: number | null = null,
        stretchDisplay: string | null = null,
        by: Day | null = null;
      let window: IRWindow | null = null;
      for (const m of st.modifiers) {
        switch (m.kind) {
          case 'Stretch':
            if (stretch !== null) this.b.report('E0210', m, { what: '力争值', whatEn: 'a stretch value' });
            stretch = this.threshold(m.value, dim, spec.indicator.text);
            stretchDisplay = numberText(m.value);
            facts.stretches.push({ node: m, stage: st, value, stretch });
            break;
          case 'By': {
            if (by !== null) this.b.report('E0210', m, { what: '截止日期', whatEn: 'a deadline' });
            by = this.date(m.date);
            if (by !== null) this.facts.deadlines.push({ file: this.b.file, node: m.date, day: by, of: 'target' });
            break;
          }
          case 'Scope':
            if (scope) this.b.report('E0210', m, { what: '范围', whatEn: 'a scope' });
            scope = { kind: m.scope, filter: m.filter ? this.courtFilter(m.filter) : null };
            break;
          case 'Window':
            if (window) this.b.report('E0210', m, { what: '统计期间', whatEn: 'a window' });
            if (m.window === 'yearly') window = { kind: 'yearly', from: null, to: null };
            else {
              const f = this.date(m.from!),
                t = this.date(m.to!);
              if (f !== null && t !== null) this.facts.ranges.push({ file: this.b.file, node: m, from: f, to: t });
              window = { kind: 'period', from: f === null ? null : formatDay(f), to: t === null ? null : formatDay(t) };
            }
            break;
        }
      }
      stageWindows.push(window);
      if (value !== null)
        stages.push({
          value,
          display: numberText(st.value),
          stretch,
          stretchDisplay,
          by: by === null ? null : formatDay(by),
          window: null,
        });
    }
    // One window in the whole target is the target's (every stage is measured over it); when several
    // stages give one, each stage is measured over its own, and a stage that gives none over the plan's period.
    const given = stageWindows.filter((w): w is IRWindow => w !== null);
    const window: IRWindow | null = given.length === 1 ? given[0]! : null;
    if (given.length > 1 && stages.length === spec.stages.length)
      stageWindows.forEach((w, k) => {
        if (w) stages[k]!.window = w;
      });
    if (ops.size > 1)
      this.b.report('E0209', spec, {
        zh: '分阶段目标的各阶段应使用同一比较方向',
        en: 'the stages of a target must compare in the same direction',
      });
    const op = spec.stages[0]!.op;
    if (op === '=' || op === '!=') {
      this.b.report('E0209', spec.stages[0]!, {
        zh: '目标应使用 >=、>、<= 或 <',
        en: 'a target compares with >=, >, <= or <',
      });
      return null;
    }
    facts.stages = stages;
    if (!ind || dim === undefined || stages.length !== spec.stages.length) return null;
    void at;
    return {
      id,
      title,
      indicator: ind.name,
      op,
      stages,
      scope: scope ?? { kind: 'overall', filter: null },
      window: window ?? { kind: 'plan', from: null, to: null },
      task,
      source: this.src(spec),
    };
  }

  /** A scope filter over courts: `每个法院 其中 层级 = 基层` (层级 = level) — courts are filtered by their declaration. */
  private courtFilter(e: A.Expr): import('../ir/types.js').IRExpr | null {
    return this.exprs.expectBoolean(e, { domain: 'case', inEvent: false }).ir;
  }

  threshold(n: A.NumberLit, dim: Dimension | undefined, indicator: string): number | null {
    const u = unitValue(n.value, n.unit?.text ?? null);
    // Calendar days by their unit, not by a non-zero count: `0日` is a number of days like `1日`.
    const valueDim: Dimension | 'duration' = u.kind === 'duration' ? (isDayUnit(u.unit) ? 'days' : 'duration') : u.dim;
    const value = u.kind === 'duration' ? u.value.days : u.value;
    if (dim === undefined) return value;
    const fits =
      valueDim === dim || (valueDim === 'number' && dim !== 'ratio') || (dim === 'number' && valueDim !== 'duration');
    if (!fits) {
      this.b.report('E0206', n, {
        indicator,
        unit: DIMENSION_NAMES[dim].zh,
        unitEn: DIMENSION_NAMES[dim].en,
        value: numberText(n),
      });
      return null;
    }
    if (dim === 'ratio' && valueDim === 'number' && value > 1) {
      this.b.report('E0206', n, {
        indicator,
        unit: DIMENSION_NAMES[dim].zh,
        unitEn: DIMENSION_NAMES[dim].en,
        value: numberText(n),
      });
      return null;
    }
    if (dim === 'ratio' && value > 1) this.b.report('W0306', n, { value: numberText(n) });
    return value;
  }

  /** A role, held plan-wide or per court (`每个法院 = 吕宇 @ 市中院, 张三 @ 北仑`: each holder with its court). */
  private role(s: A.Role): void {
    const holders: string[] = [];
    const byCourt: Array<{ court: string; holders: string[] }> = [];
    s.holders.forEach((h, k) => {
      const court = s.holderCourts[k] ?? null;
      if (s.perCourt && !court) {
        this.b.report('E0217', h, {
          zh: `角色“${s.name.text}”按法院担任：写出“${h.text}”所在的法院，如 ${h.text} @ 法院`,
          en: `role "${s.name.text}" is held per court: give ${h.text}'s court, e.g. ${h.text} @ COURT`,
        });
      } else if (!s.perCourt && court) {
        this.b.report('E0217', court, {
          zh: `角色“${s.name.text}”未按法院担任：在角色名后写“每个法院”`,
          en: `role "${s.name.text}" is not held per court: write 每个法院 (each court) after its name`,
        });
      }
      const person = this.b.resolve(h, ['person']);
      const courtSym = court ? this.b.resolve(court, ['court']) : null;
      if (!person) return;
      holders.push(person.name); // by the person's own name when the plan wrote an other name (别名)
      if (s.perCourt && courtSym) {
        const entry = byCourt.find((c) => c.court === courtSym.name);
        if (entry) entry.holders.push(person.name);
        else byCourt.push({ court: courtSym.name, holders: [person.name] });
      }
    });
    // Holders of the configured people file, in the courts the plan names none in (the plan's own win).
    if (s.perCourt && this.people && !this.b.file.library) {
      for (const h of this.people.holders(s.name.text, this.writtenCourts(s), this.peopleView(), true)) {
        holders.push(h.person);
        const entry = byCourt.find((c) => c.court === h.court);
        if (entry) entry.holders.push(h.person);
        else byCourt.push({ court: h.court, holders: [h.person] });
      }
    }
    this.facts.roles.push({ file: this.b.file, node: s, byCourt, holders: holders.length });
    this.ir.roles.push({ name: s.name.text, holders, byCourt });
  }

  private owners(names: A.Name[]): IROwner[] {
    const out: IROwner[] = [];
    for (const n of names) {
      const sym = this.b.resolve(n, ['person', 'role']);
      if (!sym) continue;
      const role = sym.kind === 'role' ? (sym.node as A.Role) : null;
      const fromFile =
        role?.perCourt && this.people
          ? this.people.holders(role.name.text, this.writtenCourts(role), this.peopleView(), false).map((h) => h.person)
          : [];
      const holders = role
        ? [...role.holders.map((h) => this.b.lookup(h.text)?.name ?? h.text), ...fromFile]
        : [sym.name];
      out.push({ name: sym.name, kind: sym.kind as 'person' | 'role', holders });
    }
    return out;
  }

  private due(d: A.DueValue): { day: Day | null; kind: 'date' | 'ongoing'; text: string } {
    if (d.kind === 'Ongoing') return { day: this.period?.to ?? null, kind: 'ongoing', text: '持续' };
    const day = this.date(d);
    if (day !== null) this.facts.deadlines.push({ file: this.b.file, node: d, day, of: 'task' });
    return { day, kind: 'date', text: d.text };
  }

  private task(s: A.Task): void {
    const id = s.id.text;
    const first = this.tasksById.get(id);
    if (first) {
      this.b.report('E0405', s.id, { id, where: `${first.source.file}:${first.source.line}` });
      return;
    }
    const task: IRTask = {
      id,
      title: s.title.value,
      text: null,
      owners: [],
      joint: false,
      departments: [],
      due: null,
      dueKind: 'date',
      dueText: null,
      milestones: [],
      recurring: [],
      irregular: [],
      targets: [],
      checks: [],
      phase: null,
      notes: [],
      source: this.src(s),
    };
    let hasOwnerEntry = false,
      dueDay: Day | null = null,
      hasDue = false;
    let targetIndex = 0;
    const milestoneDays: Array<{ node: A.Milestone; day: Day }> = [];
    for (const e of items(s.entries)) {
      switch (e.kind) {
        case 'TaskText':
          task.text = task.text === null ? e.text.value : `${task.text}\n${e.text.value}`;
          break;
        case 'Owners':
          hasOwnerEntry = true;
          task.owners.push(...this.owners(e.owners));
          if (e.joint) task.joint = true;
          break;
        case 'Departments':
          for (const d of e.departments) if (this.b.resolve(d, ['department'])) task.departments.push(d.text);
          break;
        case 'Due': {
          if (hasDue) this.b.report('E0210', e, { what: '完成时间', whatEn: 'a deadline' });
          hasDue = true;
          const d = this.due(e.due);
          dueDay = d.day;
          task.due = d.day === null ? null : formatDay(d.day);
          task.dueKind = d.kind;
          task.dueText = d.text;
          break;
        }
        case 'Milestone': {
          const d = this.due(e.due);
          const owners = this.owners(e.owners);
          let condition: IRMilestone['condition'] = null;
          if (e.condition) {
            const c = this.exprs.expectBoolean(e.condition.expr, { domain: 'plan', inEvent: false });
            if (c.type.t !== 'error') condition = { expr: c.ir, scope: e.condition.scope };
          }
          const mid = `${id}/${task.milestones.length + 1}`;
          if (d.day !== null) {
            task.milestones.push({
              id: mid,
              name: e.name?.text ?? null,
              text: e.text.value,
              due: formatDay(d.day),
              dueText: d.text,
              owners,
              condition,
              source: this.src(e),
            });
            if (d.kind === 'date') milestoneDays.push({ node: e, day: d.day });
          }
          break;
        }
        case 'Recurring':
          task.recurring.push({ every: e.every, day: e.day, during: e.during?.text ?? null, text: e.text.value });
          break;
        case 'Irregular':
          task.irregular.push(e.text.value);
          break;
        case 'TaskTarget': {
          targetIndex++;
          if (e.ref) {
            const sym = this.b.resolve(e.ref, ['target', 'indicator']);
            if (sym?.kind === 'target') task.targets.push(sym.name);
            else if (sym?.kind === 'indicator')
              this.b.report('E0209', e.ref, {
                zh: `“${sym.name}”是指标：写出目标值，如 目标 ${sym.name} >= 90%`,
                en: `"${sym.name}" is an indicator: give a threshold, e.g. target ${sym.name} >= 90%`,
              });
          } else if (e.spec) {
            const tid = e.name?.text ?? `${id}#${targetIndex}`;
            const t = this.target(tid, e.title, e.spec, id, e);
            if (t && (!e.name || this.declared(e.name, e))) {
              this.ir.targets.push(t);
              task.targets.push(tid);
            }
          }
          break;
        }
        case 'Check': {
          const sym = this.b.resolve(e.rule, ['rule']);
          const applies = e.applies ? this.exprs.expectBoolean(e.applies, { domain: 'case', inEvent: false }).ir : null;
          if (sym) task.checks.push({ rule: sym.name, applies });
          break;
        }
        case 'TaskPhase':
          if (this.b.resolve(e.phase, ['phase'])) task.phase = e.phase.text;
          break;
        case 'Note':
          task.notes.push(e.text.value);
          break;
      }
    }
    // An entry that did not parse may be the owner or the deadline: say nothing of what may be there.
    const unreadable = s.entries.items.some((i) => (i as { kind: string }).kind === 'Error');
    this.facts.tasks.push({
      file: this.b.file,
      node: s,
      hasOwner: hasOwnerEntry,
      hasDue,
      due: dueDay,
      dueKind: task.dueKind,
      milestones: milestoneDays,
      unreadable,
    });
    // Milestones whose dates are wrong (E0101) still say the task is dated by its milestones.
    if (!hasDue && items(s.entries).some((e) => e.kind === 'Milestone')) {
      task.dueKind = 'milestones';
      task.due =
        task.milestones
          .map((m) => m.due)
          .sort()
          .at(-1) ?? null;
    }
    this.ir.tasks.push(task);
    this.tasksById.set(id, task);
  }

  private fact(s: A.Fact): void {
    let value: number | string | null = null,
      unit: string | null = null;
    if (s.value) {
      if (s.value.kind === 'Number') {
        const u = unitValue(s.value.value, s.value.unit?.text ?? null);
        value = u.kind === 'duration' ? s.value.value : u.value;
        unit = s.value.unit?.text ?? null;
      } else if (s.value.kind === 'Date') {
        const d = this.date(s.value);
        value = d === null ? null : formatDay(d);
      } else value = s.value.value;
    }
    let court: string | null = null,
      window: IRWindow | null = null,
      by: string | null = null;
    for (const m of s.modifiers) {
      if (m.kind === 'FactCourt') {
        if (this.b.resolve(m.court, ['court'])) court = m.court.text;
      } else if (m.kind === 'Window') {
        const f = m.from ? this.date(m.from) : null,
          t = m.to ? this.date(m.to) : null;
        window = { kind: 'period', from: f === null ? null : formatDay(f), to: t === null ? null : formatDay(t) };
      } else if (m.kind === 'By') {
        const d = this.date(m.date);
        by = d === null ? null : formatDay(d);
      }
    }
    this.ir.facts.push({ name: s.name.text, value, unit, court, window, by, note: s.note?.value ?? null });
  }
}
