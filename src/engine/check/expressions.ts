// Expression checking: resolves names, infers types and dimensions, and lowers AST expressions to IR.
// Derived fields (字段), sets (集合) and indicators referenced inside an expression are inlined, so the IR
// needs no symbol table. Errors produce an `error` type that silences follow-on diagnostics.
import type * as A from '../syntax/ast.js';
import type { Dimension, Duration, IRExpr, IRSet } from '../ir/types.js';
import {
  CASE_FIELD_BY_WORD,
  CASE_TYPES,
  CLOSURE_ALIASES,
  CLOSURES,
  EVENT_FIELD_BY_WORD,
  STAFFING_FIELD_BY_WORD,
  STAFFING_SET,
  WINDOW_WORDS,
  type ValueType,
} from '../domain/vocabulary.js';
import { DIMENSION_NAMES, unitValue } from './units.js';
import type { Binder, Sym } from './symbols.js';
import type { FunctionParamType, FunctionReturnType } from './functions.js';

export type Type =
  | { t: 'number'; dim: Dimension }
  | { t: 'date' }
  | { t: 'duration' }
  | { t: 'string' }
  | { t: 'boolean' }
  | { t: 'enum'; of: 'closure' | 'caseType' | 'eventType' | 'court' }
  | { t: 'tags' }
  | { t: 'set'; domain: 'case' | 'event' | 'staffing' }
  | { t: 'null' }
  | { t: 'error' };

/** How many definitions (字段/集合/指标) may be inlined one inside another. */
const MAX_DEFINITION_DEPTH = 64;

export type Domain = 'plan' | 'case' | 'event' | 'staffing';

export interface Typed {
  ir: IRExpr;
  type: Type;
  aggregate: boolean;
}

const ERR: Typed = { ir: { op: 'lit', type: 'null', value: null }, type: { t: 'error' }, aggregate: false };

const TYPE_NAMES: Record<Type['t'], [string, string]> = {
  number: ['数值', 'a number'],
  date: ['日期', 'a date'],
  duration: ['时长', 'a duration'],
  string: ['文本', 'text'],
  boolean: ['条件（真/假）', 'a condition (true/false)'],
  enum: ['取值', 'a value'],
  tags: ['标签', 'tags'],
  set: ['集合', 'a set'],
  null: ['空', 'null'],
  error: ['错误', 'an error'],
};

function fieldType(t: ValueType): Type {
  switch (t) {
    case 'date':
      return { t: 'date' };
    case 'money':
      return { t: 'number', dim: 'money' };
    case 'number':
      return { t: 'number', dim: 'count' };
    case 'boolean':
      return { t: 'boolean' };
    case 'tags':
      return { t: 'tags' };
    case 'closure':
    case 'caseType':
    case 'eventType':
    case 'court':
      return { t: 'enum', of: t };
    default:
      return { t: 'string' };
  }
}

export interface ExprContext {
  domain: Domain;
  /** Inside an event predicate (after 有/无/事件数 or over an event set): the event's own fields. */
  inEvent: boolean;
}

/** Lowers and type-checks expressions; reports through the binder. */
export class ExpressionChecker {
  /** Definitions being inlined right now, to catch cycles (字段 a = b, 字段 b = a). */
  private readonly resolving: Sym[] = [];
  /**
   * A definition checks the same wherever it is used (its own context is fixed), so its result is kept:
   * a chain of definitions each using the one before is checked once, not once per use.
   */
  private readonly definitions = new Map<Sym, Typed>();
  /**
   * How many definitions deep each checked definition's IR is (1: it uses none). Inlining nests them, so the
   * depth limit holds whichever order they are declared in — a chain declared first-to-last never recurses
   * here, yet would lower to IR thousands of levels deep.
   */
  private readonly depths = new Map<Sym, number>();
  /** The deepest definition used so far by each definition in `resolving`. */
  private readonly deepest: number[] = [];

  constructor(private readonly b: Binder) {}

  private typeError(node: A.Expr | A.Name, zh: string, en: string): Typed {
    this.b.report('E0209', node, { zh, en });
    return ERR;
  }

  private describe(t: Type): [string, string] {
    // A number says what it counts: "cannot compare money with a count", not "a number with a number".
    if (t.t === 'number' && t.dim !== 'number') return [DIMENSION_NAMES[t.dim].zh, DIMENSION_NAMES[t.dim].en];
    return TYPE_NAMES[t.t];
  }

  expectBoolean(e: A.Expr, ctx: ExprContext): Typed {
    const r = this.check(e, ctx);
    if (r.type.t !== 'boolean' && r.type.t !== 'error') {
      const [zh, en] = this.describe(r.type);
      return this.typeError(
        e,
        `此处需要条件（真/假），但这是${zh}`,
        `a condition (true/false) is needed here, but this is ${en}`,
      );
    }
    return r;
  }

  expectSet(e: A.Expr, ctx: ExprContext): { set: IRSet; domain: 'case' | 'event' | 'staffing' } | null {
    const r = this.check(e, ctx);
    if (r.type.t === 'error') return null;
    if (r.type.t !== 'set') {
      const [zh, en] = this.describe(r.type);
      this.typeError(
        e,
        `此处需要案件或事件的集合，但这是${zh}`,
        `a set of cases or events is needed here, but this is ${en}`,
      );
      return null;
    }
    return { set: (r.ir as unknown as { set: IRSet }).set, domain: r.type.domain };
  }

  check(e: A.Expr, ctx: ExprContext): Typed {
    switch (e.kind) {
      case 'Number': {
        const u = unitValue(e.value, e.unit?.text ?? null);
        if (u.kind === 'duration')
          return { ir: { op: 'duration', value: u.value }, type: { t: 'duration' }, aggregate: false };
        return {
          ir: { op: 'lit', type: 'number', value: u.value },
          type: { t: 'number', dim: u.dim },
          aggregate: false,
        };
      }
      case 'String':
        return { ir: { op: 'lit', type: 'string', value: e.value }, type: { t: 'string' }, aggregate: false };
      case 'Boolean':
        return { ir: { op: 'lit', type: 'boolean', value: e.value }, type: { t: 'boolean' }, aggregate: false };
      case 'Null':
        return { ir: { op: 'lit', type: 'null', value: null }, type: { t: 'null' }, aggregate: false };
      case 'Date': {
        const day = this.b.dateValue(e);
        if (day === null) return ERR;
        return { ir: { op: 'lit', type: 'date', value: day }, type: { t: 'date' }, aggregate: false };
      }
      case 'Name':
        return this.name(e, ctx);
      case 'Cases':
        return this.setValue({ domain: 'case', where: [] }, 'case');
      case 'Events': {
        const types = this.eventTypes(e.types);
        return this.setValue({ domain: 'event', types, where: [] }, 'event');
      }
      case 'Where':
        return this.where(e, ctx);
      case 'Call':
        return e.fn === 'call'
          ? this.functionCall(e, ctx)
          : this.call(e as A.Call & { fn: 'count' | 'sum' | 'mean' }, ctx);
      case 'Binary':
        return this.binary(e, ctx);
      case 'Unary': {
        if (e.op === 'not') {
          const r = this.expectBoolean(e.operand, ctx);
          return {
            ir: { op: 'not', arg: r.ir },
            type: r.type.t === 'error' ? r.type : { t: 'boolean' },
            aggregate: r.aggregate,
          };
        }
        const r = this.check(e.operand, ctx);
        if (r.type.t !== 'number' && r.type.t !== 'error')
          return this.typeError(e, '只有数值可以取负', 'only numbers can be negated');
        return { ir: { op: 'neg', arg: r.ir }, type: r.type, aggregate: r.aggregate };
      }
      case 'InWindow': {
        const s = this.check(e.subject, ctx);
        if (s.type.t !== 'date' && s.type.t !== 'error')
          return this.typeError(e.subject, '“在 窗口”前面应是日期', '"in window" needs a date before it');
        return { ir: { op: 'inWindow', subject: s.ir }, type: { t: 'boolean' }, aggregate: s.aggregate };
      }
      case 'InRange': {
        const s = this.check(e.subject, ctx),
          f = this.check(e.from, ctx),
          t = this.check(e.to, ctx);
        for (const [x, n] of [
          [s, e.subject],
          [f, e.from],
          [t, e.to],
        ] as const) {
          if (x.type.t !== 'date' && x.type.t !== 'number' && x.type.t !== 'error')
            return this.typeError(n, '范围的两端与比较对象应为日期或数值', 'a range compares dates or numbers');
        }
        return {
          ir: { op: 'inRange', subject: s.ir, from: f.ir, to: t.ir },
          type: { t: 'boolean' },
          aggregate: s.aggregate,
        };
      }
      case 'OneOf': {
        const s = this.check(e.subject, ctx);
        const options = e.options.map((o) => this.valueFor(o, s.type, ctx).ir);
        return { ir: { op: 'oneOf', subject: s.ir, options }, type: { t: 'boolean' }, aggregate: s.aggregate };
      }
      case 'IsNull': {
        const s = this.check(e.subject, ctx);
        return {
          ir: { op: 'isNull', subject: s.ir, negated: e.negated },
          type: { t: 'boolean' },
          aggregate: s.aggregate,
        };
      }
      case 'Contains': {
        const s = this.check(e.subject, ctx);
        if (s.type.t !== 'tags' && s.type.t !== 'error')
          return this.typeError(e.subject, '“包含”用于标签', '"contains" applies to tags');
        const item =
          e.item.kind === 'Name'
            ? { ir: { op: 'lit', type: 'string', value: e.item.text } as IRExpr, type: { t: 'string' } as Type }
            : this.check(e.item, ctx);
        if (item.type.t !== 'string' && item.type.t !== 'error')
          return this.typeError(
            e.item,
            '“包含”后面应是标签，如 标签 包含 涉民生',
            '"contains" needs a tag after it, e.g. tags contains 涉民生',
          );
        return { ir: { op: 'contains', subject: s.ir, item: item.ir }, type: { t: 'boolean' }, aggregate: false };
      }
      case 'Has': {
        if (!this.needCase(e, ctx, '有/无')) return ERR;
        const types = this.eventTypes(e.types);
        const where = e.predicate ? this.expectBoolean(e.predicate, { domain: ctx.domain, inEvent: true }).ir : null;
        return { ir: { op: 'has', negated: e.negated, types, where }, type: { t: 'boolean' }, aggregate: false };
      }
      case 'EventCount': {
        if (!this.needCase(e, ctx, '事件数')) return ERR;
        const types = this.eventTypes(e.types);
        const where = e.predicate ? this.expectBoolean(e.predicate, { domain: ctx.domain, inEvent: true }).ir : null;
        return { ir: { op: 'eventCount', types, where }, type: { t: 'number', dim: 'count' }, aggregate: false };
      }
      case 'First': {
        if (!this.needCase(e, ctx, '首次')) return ERR;
        const [type] = this.eventTypes([e.type]);
        return { ir: { op: 'first', type: type! }, type: { t: 'date' }, aggregate: false };
      }
      case 'FollowedBy': {
        if (!ctx.inEvent)
          return this.typeError(
            e,
            '“之后有”只能用于事件条件中',
            '"followedby" can only be used in a condition on events',
          );
        const types = this.eventTypes(e.types);
        let within: Duration | null = null;
        if (e.within) {
          const u = unitValue(e.within.value, e.within.unit?.text ?? null);
          if (u.kind !== 'duration')
            return this.typeError(e.within, '“在 … 内”需要时长，如 30日', '"within" needs a duration such as 30 days');
          within = u.value;
        }
        return { ir: { op: 'followedBy', types, within }, type: { t: 'boolean' }, aggregate: false };
      }
      case 'Passes': {
        if (!this.needCase(e, ctx, '符合')) return ERR;
        const sym = this.b.resolve(e.rule, ['rule']);
        if (!sym) return ERR;
        return { ir: { op: 'passes', rule: sym.name }, type: { t: 'boolean' }, aggregate: false };
      }
    }
  }

  private needCase(e: A.Expr, ctx: ExprContext, word: string): boolean {
    if (ctx.domain === 'case' || ctx.domain === 'event') return true;
    this.typeError(
      e,
      `“${word}”描述单个案件，只能用在案件集合的条件中（如 计数(受理 其中 …)）`,
      `"${word}" describes one case and can only be used in a condition on cases (e.g. count(cases where …))`,
    );
    return false;
  }

  private setValue(set: IRSet, domain: 'case' | 'event' | 'staffing'): Typed {
    // A set is carried as a pseudo-expression until an aggregate consumes it.
    return { ir: { op: 'count', set } as IRExpr & { set: IRSet }, type: { t: 'set', domain }, aggregate: false };
  }

  eventTypes(names: A.Name[]): string[] {
    return names.map((n) => this.b.eventType(n));
  }

  /** Resolves a bare name in an expression: a field, a window word, a definition, or a domain constant. */
  private name(n: A.Name, ctx: ExprContext): Typed {
    const w = n.text;
    if (ctx.inEvent) {
      const ef = EVENT_FIELD_BY_WORD.get(w);
      if (ef) return { ir: { op: 'eventField', name: ef.name }, type: fieldType(ef.type), aggregate: false };
    }
    if (ctx.domain === 'staffing') {
      const sf = STAFFING_FIELD_BY_WORD.get(w);
      if (sf) return { ir: { op: 'staffingField', name: sf.name }, type: fieldType(sf.type), aggregate: false };
    }
    if (ctx.domain === 'case' || ctx.domain === 'event') {
      const cf = CASE_FIELD_BY_WORD.get(w);
      if (cf) return { ir: { op: 'field', name: cf.name }, type: fieldType(cf.type), aggregate: false };
    }
    if ((w === '层级' || w === 'level') && ctx.domain === 'case') {
      return { ir: { op: 'field', name: 'courtLevel' }, type: { t: 'string' }, aggregate: false };
    }
    const win = WINDOW_WORDS[w];
    if (win) return { ir: { op: 'window', which: win }, type: { t: 'date' }, aggregate: false };
    if (w === STAFFING_SET.zh || w === STAFFING_SET.en)
      return this.setValue({ domain: 'staffing', where: [] }, 'staffing');
    const sym = this.b.lookup(w);
    if (sym) return this.definition(sym, n, ctx);
    const constant = this.constant(w);
    if (constant) return constant;
    const wantsCaseField = ctx.domain === 'plan' && (CASE_FIELD_BY_WORD.has(w) || EVENT_FIELD_BY_WORD.has(w));
    if (wantsCaseField) {
      return this.typeError(
        n,
        `“${w}”是案件的字段，只能用在案件集合的条件中（如 受理 其中 ${w} …）`,
        `"${w}" is a case field and can only be used in a condition on cases (e.g. cases where ${w} …)`,
      );
    }
    this.b.unknown(n, ['field', 'set', 'indicator'], this.vocabularyWords(ctx));
    return ERR;
  }

  private vocabularyWords(ctx: ExprContext): string[] {
    const words: string[] = [...Object.keys(WINDOW_WORDS), ...CASE_TYPES, ...CLOSURES, ...Object.keys(CLOSURE_ALIASES)];
    if (ctx.domain !== 'plan') for (const k of CASE_FIELD_BY_WORD.keys()) words.push(k);
    if (ctx.inEvent) for (const k of EVENT_FIELD_BY_WORD.keys()) words.push(k);
    return words;
  }

  /** Case types, closure kinds, event types and court names stand for themselves. */
  private constant(w: string): Typed | null {
    const closure = CLOSURE_ALIASES[w] ?? ((CLOSURES as readonly string[]).includes(w) ? w : null);
    if (closure)
      return {
        ir: { op: 'lit', type: 'string', value: closure },
        type: { t: 'enum', of: 'closure' },
        aggregate: false,
      };
    if ((CASE_TYPES as readonly string[]).includes(w))
      return { ir: { op: 'lit', type: 'string', value: w }, type: { t: 'enum', of: 'caseType' }, aggregate: false };
    if (this.b.isEventType(w))
      return { ir: { op: 'lit', type: 'string', value: w }, type: { t: 'enum', of: 'eventType' }, aggregate: false };
    return null;
  }

  private definition(sym: Sym, n: A.Name, ctx: ExprContext): Typed {
    sym.used = true;
    if (sym.kind === 'court') {
      return {
        ir: { op: 'lit', type: 'string', value: this.b.courtFullName(sym) },
        type: { t: 'enum', of: 'court' },
        aggregate: false,
      };
    }
    if (sym.kind !== 'field' && sym.kind !== 'set' && sym.kind !== 'indicator') {
      this.b.report('E0203', n, {
        name: n.text,
        actual: this.b.kindName(sym.kind).zh,
        actualEn: this.b.kindName(sym.kind).en,
        expected: '字段、集合或指标',
        expectedEn: 'a field, set or indicator',
      });
      return ERR;
    }
    if (this.resolving.includes(sym)) {
      const cycle = [...this.resolving.slice(this.resolving.indexOf(sym)), sym].map((s) => s.name).join(' → ');
      this.b.report('E0214', n, { cycle });
      return ERR;
    }
    if (sym.kind === 'field' && ctx.domain === 'plan') {
      return this.typeError(
        n,
        `“${sym.name}”是案件的字段，只能用在案件集合的条件中`,
        `"${sym.name}" is a case field and can only be used in a condition on cases`,
      );
    }
    const known = this.definitions.get(sym);
    if (known) return this.nested(sym, known, n);
    if (this.resolving.length >= MAX_DEFINITION_DEPTH) {
      this.b.report('E0006', n, {});
      return ERR;
    }
    this.resolving.push(sym);
    this.deepest.push(0);
    let r: Typed;
    try {
      r =
        sym.kind === 'field'
          ? this.check((sym.node as A.Field).expr, { domain: 'case', inEvent: false })
          : sym.kind === 'set'
            ? this.check((sym.node as A.SetDecl).expr, { domain: 'plan', inEvent: false })
            : this.check((sym.node as A.Indicator).expr, { domain: 'plan', inEvent: false });
      this.definitions.set(sym, r);
      this.depths.set(sym, this.deepest[this.deepest.length - 1]! + 1);
    } finally {
      this.resolving.pop();
      this.deepest.pop();
    }
    return this.nested(sym, r, n);
  }

  /** A checked definition used at `n`: E0006 where inlining it would nest definitions past the limit. */
  private nested(sym: Sym, r: Typed, n: A.Name): Typed {
    const depth = this.depths.get(sym) ?? 1;
    if (depth >= MAX_DEFINITION_DEPTH && this.resolving.length > 0 && r.type.t !== 'error') {
      this.b.report('E0006', n, {});
      return ERR;
    }
    const top = this.deepest.length - 1;
    if (top >= 0) this.deepest[top] = Math.max(this.deepest[top]!, depth);
    return r;
  }

  private where(e: A.Where, ctx: ExprContext): Typed {
    const src = this.check(e.source, ctx);
    if (src.type.t === 'error') return ERR;
    if (src.type.t !== 'set') {
      const [zh, en] = this.describe(src.type);
      return this.typeError(
        e.source,
        `“其中”前面应是案件或事件的集合，但这是${zh}`,
        `"where" needs a set of cases or events before it, but this is ${en}`,
      );
    }
    const domain = src.type.domain;
    const inner: ExprContext = domain === 'event' ? { domain: 'event', inEvent: true } : { domain, inEvent: false };
    const pred = this.expectBoolean(e.predicate, inner);
    const set = (src.ir as unknown as { set: IRSet }).set;
    const where = pred.type.t === 'error' ? set.where : [...set.where, ...flattenAnd(pred.ir)];
    return this.setValue({ ...set, where } as IRSet, domain);
  }

  /** A plugin's function: resolved against the registered signatures, arguments checked against its parameters. */
  private functionCall(e: A.Call, ctx: ExprContext): Typed {
    const name = e.name!;
    const sig = this.b.functions.get(name.text);
    if (!sig) {
      this.b.unknown(name, ['function'], [...this.b.functions.keys()]);
      for (const a of e.args) if (a.kind !== 'Name') this.check(a, ctx); // still report what is wrong inside
      return ERR;
    }
    if (ctx.domain !== 'case' && ctx.domain !== 'event') {
      return this.typeError(
        e,
        `函数“${sig.name}”按案件计算，只能用在案件集合的条件中（如 计数(受理 其中 ${sig.name}(…) …)）`,
        `function "${sig.name}" is computed per case and can only be used in a condition on cases (e.g. count(cases where ${sig.name}(…) …))`,
      );
    }
    const min = sig.params.filter((p) => !p.optional).length,
      max = sig.params.length;
    if (e.args.length < min || e.args.length > max) {
      const want = min === max ? `${min}` : `${min}–${max}`;
      return this.typeError(
        e,
        `函数“${sig.name}”需要 ${want} 个参数，这里有 ${e.args.length} 个`,
        `function "${sig.name}" takes ${want} argument(s), here ${e.args.length}`,
      );
    }
    const args: IRExpr[] = [];
    let failed = false;
    e.args.forEach((a, k) => {
      const p = sig.params[k]!;
      const r = this.functionArg(a, p.type, ctx);
      if (r.type.t === 'error') {
        failed = true;
        return;
      }
      if (r.aggregate) {
        failed = true;
        this.typeError(
          a,
          `函数“${sig.name}”的参数按案件计算，不能是计数、求和或平均`,
          `the arguments of "${sig.name}" are per-case values, not counts, sums or means`,
        );
        return;
      }
      if (!acceptsArg(p.type, r.type)) {
        failed = true;
        const [zh, en] = this.describe(r.type);
        this.typeError(
          a,
          `函数“${sig.name}”的参数“${p.name}”应为${PARAM_NAMES[p.type][0]}，但这是${zh}`,
          `parameter "${p.name}" of "${sig.name}" takes ${PARAM_NAMES[p.type][1]}, but this is ${en}`,
        );
        return;
      }
      const ir = r.type.t === 'duration' ? durationAsDays(r.ir) : r.ir;
      if (ir.op === 'duration') {
        failed = true;
        this.typeError(
          a,
          `函数“${sig.name}”的参数“${p.name}”应为天数（如 15日），不能是月或工作日`,
          `parameter "${p.name}" of "${sig.name}" takes days (e.g. 15 days), not months or workdays`,
        );
        return;
      }
      args.push(ir);
    });
    if (failed) return ERR;
    return { ir: { op: 'call', fn: sig.name, args }, type: returnType(sig.returns), aggregate: false };
  }

  private functionArg(a: A.Expr, type: FunctionParamType, ctx: ExprContext): Typed {
    if (type === 'eventType' && a.kind === 'Name') {
      const t = this.b.eventType(a);
      return { ir: { op: 'lit', type: 'string', value: t }, type: { t: 'enum', of: 'eventType' }, aggregate: false };
    }
    return this.check(a, ctx);
  }

  private call(e: A.Call & { fn: 'count' | 'sum' | 'mean' }, ctx: ExprContext): Typed {
    const want = e.fn === 'count' ? 1 : 2;
    const names = { count: '计数(集合)', sum: '求和(集合, 值)', mean: '平均(集合, 值)' } as const;
    if (e.args.length !== want) {
      return this.typeError(
        e,
        `${names[e.fn]} 需要 ${want} 个参数，这里有 ${e.args.length} 个`,
        `${e.fn} takes ${want} argument(s), here ${e.args.length}`,
      );
    }
    const s = this.expectSet(e.args[0]!, ctx);
    if (!s) return ERR;
    if (e.fn === 'count')
      return { ir: { op: 'count', set: s.set }, type: { t: 'number', dim: 'count' }, aggregate: true };
    const inner: ExprContext =
      s.domain === 'event' ? { domain: 'event', inEvent: true } : { domain: s.domain, inEvent: false };
    const v = this.check(e.args[1]!, inner);
    if (v.type.t === 'error') return ERR;
    if (v.type.t !== 'number') {
      const [zh, en] = this.describe(v.type);
      return this.typeError(
        e.args[1]!,
        `求和与平均需要数值，但这是${zh}`,
        `sum and mean need a number, but this is ${en}`,
      );
    }
    return { ir: { op: e.fn, set: s.set, value: v.ir }, type: { t: 'number', dim: v.type.dim }, aggregate: true };
  }

  /** Checks `o` as a value comparable with `like` (so `结案方式 = 终本` resolves 终本 as a closure kind). */
  private valueFor(o: A.Expr, like: Type, ctx: ExprContext): Typed {
    // `结案方式 = 终本`: a word of the subject's vocabulary means the word, even when the plan also
    // declares something of that name (目标 终本 …) — otherwise one plan's name would break the library.
    if (o.kind === 'Name' && like.t === 'enum' && like.of !== 'court') {
      const c = this.constant(o.text);
      if (c && c.type.t === 'enum' && c.type.of === like.of) return c;
    }
    if (o.kind === 'Name' && like.t === 'string') {
      return {
        ir: { op: 'lit', type: 'string', value: COURT_LEVELS[o.text] ?? o.text },
        type: { t: 'string' },
        aggregate: false,
      };
    }
    const r = this.check(o, ctx);
    if (like.t === 'enum' && r.type.t === 'enum' && like.of !== r.type.of) {
      return this.typeError(
        o,
        `“${o.kind === 'Name' ? o.text : '此值'}”不是${ENUM_NAMES[like.of][0]}`,
        `"${o.kind === 'Name' ? o.text : 'this value'}" is not ${ENUM_NAMES[like.of][1]}`,
      );
    }
    if (like.t === 'enum' && r.type.t === 'string' && like.of !== 'court') {
      const v = String((r.ir as { value: unknown }).value);
      const ok =
        like.of === 'closure'
          ? (CLOSURES as readonly string[]).includes(CLOSURE_ALIASES[v] ?? v)
          : like.of === 'caseType'
            ? (CASE_TYPES as readonly string[]).includes(v)
            : this.b.isEventType(v);
      if (!ok)
        return this.typeError(o, `“${v}”不是${ENUM_NAMES[like.of][0]}`, `"${v}" is not ${ENUM_NAMES[like.of][1]}`);
      return { ir: { op: 'lit', type: 'string', value: CLOSURE_ALIASES[v] ?? v }, type: like, aggregate: false };
    }
    return r;
  }

  private binary(e: A.Binary, ctx: ExprContext): Typed {
    if (e.op === 'and' || e.op === 'or') {
      const l = this.expectBoolean(e.left, ctx),
        r = this.expectBoolean(e.right, ctx);
      if (l.type.t === 'error' || r.type.t === 'error') return ERR;
      const args = [...(l.ir.op === e.op ? l.ir.args : [l.ir]), ...(r.ir.op === e.op ? r.ir.args : [r.ir])];
      return { ir: { op: e.op, args }, type: { t: 'boolean' }, aggregate: l.aggregate || r.aggregate };
    }
    if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') return this.arith(e, ctx);
    // comparison
    const l = this.check(e.left, ctx);
    const r = this.valueFor(e.right, l.type, ctx);
    if (l.type.t === 'error' || r.type.t === 'error') return ERR;
    if (!comparable(l.type, r.type)) {
      const [lz, le] = this.describe(l.type),
        [rz, re] = this.describe(r.type);
      return this.typeError(e, `无法比较${lz}与${rz}`, `cannot compare ${le} with ${re}`);
    }
    const ordered = e.op !== '=' && e.op !== '!=';
    if (ordered && (l.type.t === 'enum' || l.type.t === 'string' || l.type.t === 'boolean')) {
      return this.typeError(e, '大小比较只适用于数值和日期', 'ordering comparisons apply to numbers and dates');
    }
    const left = l.type.t === 'duration' ? durationAsDays(l.ir) : l.ir;
    const right = r.type.t === 'duration' ? durationAsDays(r.ir) : r.ir;
    return {
      ir: { op: 'cmp', cmp: e.op as '=', left, right },
      type: { t: 'boolean' },
      aggregate: l.aggregate || r.aggregate,
    };
  }

  private arith(e: A.Binary, ctx: ExprContext): Typed {
    const l = this.check(e.left, ctx),
      r = this.check(e.right, ctx);
    if (l.type.t === 'error' || r.type.t === 'error') return ERR;
    const op = e.op as '+' | '-' | '*' | '/';
    const ir: IRExpr = { op: 'arith', arith: op, left: l.ir, right: r.ir };
    const agg = l.aggregate || r.aggregate;
    const lt = l.type,
      rt = r.type;
    const num = (dim: Dimension): Typed => ({ ir, type: { t: 'number', dim }, aggregate: agg });
    if (lt.t === 'date' && rt.t === 'duration' && (op === '+' || op === '-'))
      return { ir, type: { t: 'date' }, aggregate: agg };
    if (lt.t === 'date' && rt.t === 'date' && op === '-') return num('days');
    if (lt.t === 'duration' && rt.t === 'duration' && (op === '+' || op === '-'))
      return { ir, type: { t: 'duration' }, aggregate: agg };
    if (lt.t === 'duration' && rt.t === 'number' && op === '*') return { ir, type: { t: 'duration' }, aggregate: agg };
    if (lt.t === 'number' && rt.t === 'duration' && op === '*')
      return { ir: { ...ir, left: r.ir, right: l.ir } as IRExpr, type: { t: 'duration' }, aggregate: agg };
    if (lt.t === 'number' && rt.t === 'number') {
      if (op === '/') {
        // count / count and money / money are ratios; anything / plain number keeps its dimension.
        if (lt.dim === rt.dim && lt.dim !== 'number') return num('ratio');
        if (rt.dim === 'number') return num(lt.dim);
        return num('number');
      }
      if (op === '*') return num(lt.dim === 'number' ? rt.dim : lt.dim);
      if (lt.dim !== rt.dim && lt.dim !== 'number' && rt.dim !== 'number') {
        return this.typeError(e, '不能相加减不同单位的数值', 'cannot add or subtract numbers of different units');
      }
      return num(lt.dim === 'number' ? rt.dim : lt.dim);
    }
    const [lz, le] = this.describe(lt),
      [rz, re] = this.describe(rt);
    return this.typeError(e, `无法计算：${lz} ${op} ${rz}`, `cannot compute ${le} ${op} ${re}`);
  }
}

const PARAM_NAMES: Record<FunctionParamType, [string, string]> = {
  number: ['数值', 'a number'],
  count: ['件数', 'a count'],
  money: ['金额', 'money'],
  days: ['天数', 'days'],
  ratio: ['比率', 'a ratio'],
  date: ['日期', 'a date'],
  boolean: ['条件（真/假）', 'a condition (true/false)'],
  string: ['文本', 'text'],
  eventType: ['事件类型', 'an event type'],
};

function acceptsArg(p: FunctionParamType, t: Type): boolean {
  if (t.t === 'null') return true;
  switch (p) {
    case 'number':
      return t.t === 'number';
    case 'count':
    case 'money':
    case 'ratio':
      return t.t === 'number' && (t.dim === p || t.dim === 'number');
    case 'days':
      return (t.t === 'number' && (t.dim === 'days' || t.dim === 'number')) || t.t === 'duration';
    case 'date':
      return t.t === 'date';
    case 'boolean':
      return t.t === 'boolean';
    case 'string':
      return t.t === 'string' || t.t === 'enum';
    case 'eventType':
      return (t.t === 'enum' && t.of === 'eventType') || t.t === 'string';
  }
}

function returnType(r: FunctionReturnType): Type {
  switch (r) {
    case 'date':
      return { t: 'date' };
    case 'boolean':
      return { t: 'boolean' };
    case 'string':
      return { t: 'string' };
    default:
      return { t: 'number', dim: r };
  }
}

/** Court levels as written (层级 = 基层) and as stored in the IR. */
const COURT_LEVELS: Record<string, string> = { 高院: 'high', 中院: 'intermediate', 基层: 'basic' };

const ENUM_NAMES: Record<'closure' | 'caseType' | 'eventType' | 'court', [string, string]> = {
  closure: ['结案方式（执行完毕、终本、终结执行、销案、不予执行、驳回申请）', 'a closure kind'],
  caseType: ['案件类型（首执、恢复执行、执行保全）', 'a case type'],
  eventType: ['事件类型', 'an event type'],
  court: ['法院', 'a court'],
};

function comparable(a: Type, b: Type): boolean {
  if (a.t === 'null' || b.t === 'null') return true;
  if (a.t === 'number' && b.t === 'number') return a.dim === b.dim || a.dim === 'number' || b.dim === 'number';
  if ((a.t === 'number' && b.t === 'duration') || (a.t === 'duration' && b.t === 'number')) return true;
  if (a.t === 'enum' && (b.t === 'enum' || b.t === 'string')) return b.t === 'string' || a.of === b.of;
  if (a.t === 'string' && (b.t === 'string' || b.t === 'enum')) return true;
  return a.t === b.t;
}

/** A pure-days duration compares as a number of days (`结案日期 - 立案日期 <= 90日`). */
function durationAsDays(ir: IRExpr): IRExpr {
  if (ir.op === 'duration' && !ir.value.months && !ir.value.workdays)
    return { op: 'lit', type: 'number', value: ir.value.days };
  return ir;
}

export function flattenAnd(ir: IRExpr): IRExpr[] {
  return ir.op === 'and' ? ir.args.flatMap(flattenAnd) : [ir];
}
