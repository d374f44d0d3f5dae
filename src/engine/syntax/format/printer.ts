// The formatter's printer: every statement, entry and expression, its keywords as the author spelled them.
import type * as A from '../ast.js';
import { INDENT, Writer, type Blank } from './writer.js';
import { CLOSE_PAREN, OPEN_PAREN, Source, type GapToken } from './source.js';
import { Level, SAFE, barePredicateFits, level, operandLevels } from './precedence.js';
import { printScheme, type SchemePrinter } from '../../scoring/format.js';

type Entry = { range: A.Range; kind: string };

export class Printer {
  constructor(
    private readonly src: Source,
    private readonly w: Writer,
    private readonly keepSemicolons: boolean,
  ) {}

  program(p: A.Program): string {
    let prev: A.Statement | null = null;
    for (const item of p.items) {
      if (item.kind === 'Error') throw new Error('syntax error node');
      this.w.boundary(0, prev === null ? 'none' : blankBetween(prev, item));
      this.statement(item);
      prev = item;
    }
    this.w.boundary(0, 'preserve');
    return this.w.finish();
  }

  // ------------------------------------------------------------ tokens

  private tok(text: string, at: number, end: number, space = true): void {
    this.w.token(text, at, end, space);
  }

  /** A node printed exactly as written (names, literals, keyword nodes). */
  private lit(n: { range: A.Range }): void {
    this.tok(this.src.text.slice(n.range[0], n.range[1]), n.range[0], n.range[1]);
  }

  private opt(n: { range: A.Range } | null): void {
    if (n) this.lit(n);
  }

  /** The keyword that opens [from, to) (its first word), as the author spelled it. */
  private kw(from: number, to: number): void {
    const w = this.src.words(from, to)[0];
    if (!w) throw new Error(`no keyword at ${from}`);
    this.tok(w.text, w.start, w.end);
  }

  /** A keyword of several words (`each court`, `is not null`): its words joined by one space. */
  private kwWords(words: GapToken[]): void {
    if (words.length === 0) throw new Error('no keyword');
    this.tok(words.map((x) => x.text).join(' '), words[0]!.start, words[words.length - 1]!.end);
  }

  /** Punctuation in [from, to), printed in its canonical spelling (at `from` when the source has none there). */
  private punct(canon: string, texts: string[], from: number, to: number, space: boolean): void {
    const t = this.src.find(from, to, texts);
    const at = t ? t.start : from;
    this.tok(canon, at, t ? t.end : at, space);
  }

  private open(): void {
    this.w.openParen(true);
  }

  private close(): void {
    this.w.closeParen();
  }

  private equals(from: number, to: number): void {
    this.punct('=', ['=', '＝'], from, to, true);
  }

  private colon(from: number, to: number): void {
    this.punct(':', [':', '：'], from, to, true);
  }

  /** Items separated by `, ` whatever separator the source used (`,` `，` `、`). */
  private list<T extends { range: A.Range }>(items: T[], print: (x: T) => void): void {
    items.forEach((x, i) => {
      if (i > 0) this.punct(',', [',', '，', '、'], items[i - 1]!.range[1], x.range[0], false);
      print(x);
    });
  }

  /** `又称 执结率、实际执结率` (`aka …`) after a declaration's name and title, when it has other names. */
  private aka(from: number, aliases: A.Name[]): void {
    if (aliases.length === 0) return;
    this.kw(from, aliases[0]!.range[0]);
    this.list(aliases, (a) => this.lit(a));
  }

  /** Event types: `、` stays glued (`执行通知、报告财产令`), `|` stands between spaces. */
  private typeList(types: A.Name[]): void {
    types.forEach((t, i) => {
      if (i > 0) {
        const sep = this.src.find(types[i - 1]!.range[1], t.range[0], ['、', '|']);
        const at = sep ? sep.start : t.range[0];
        if (sep?.text === '|') this.tok('|', at, at + 1);
        else {
          this.tok('、', at, at + 1, false);
          this.w.glueNext();
        }
      }
      this.lit(t);
    });
  }

  // ------------------------------------------------------------ statements

  private statement(s: A.Statement): void {
    const [start] = s.range;
    switch (s.kind) {
      case 'Import':
        this.kw(start, s.path.range[0]);
        this.lit(s.path);
        return;
      case 'Use':
        this.kw(start, s.lib.range[0]);
        this.lit(s.lib);
        return;
      case 'Note':
        this.kw(start, s.text.range[0]);
        this.lit(s.text);
        return;
      case 'Plan':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.block(s.entries, 0, (e) => this.planEntry(e));
        return;
      case 'Court':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.equals(s.name.range[1], s.fullName.range[0]);
        this.lit(s.fullName);
        this.opt(s.level);
        if (s.parent) {
          this.kw((s.level ?? s.fullName).range[1], s.parent.range[0]);
          this.lit(s.parent);
        }
        if (s.aliases.length) {
          this.kw((s.parent ?? s.level ?? s.fullName).range[1], s.aliases[0]!.range[0]);
          this.list(s.aliases, (a) => this.lit(a));
        }
        return;
      case 'Person':
        this.kw(start, s.people[0]!.range[0]);
        this.list(s.people, (p) => this.personDecl(p));
        return;
      case 'Group':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.opt(s.title);
        this.block(s.entries, 0, (e) => this.groupEntry(e));
        return;
      case 'Role': {
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        const rest = s.holders[0]?.range[0] ?? s.range[1];
        // `每个法院` / `each court`: the words between the name and `=` (or the end).
        if (s.perCourt) this.kwWords(this.src.words(s.name.range[1], rest));
        if (s.holders.length > 0) {
          this.equals(s.name.range[1], rest);
          this.list(s.holders, (h) => {
            this.lit(h);
            const court = s.holderCourts[s.holders.indexOf(h)];
            if (court) {
              this.punct('@', ['@', '＠'], h.range[1], court.range[0], true);
              this.lit(court);
            }
          });
        }
        return;
      }
      case 'Department':
        this.kw(start, s.departments[0]!.range[0]);
        this.list(s.departments, (d) => {
          this.lit(d.name);
          this.opt(d.fullName);
        });
        return;
      case 'Phase':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.period(s.from, s.to);
        this.opt(s.description);
        return;
      case 'Field':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.opt(s.type);
        this.equals((s.type ?? s.name).range[1], s.expr.range[0]);
        this.expr(s.expr, Level.Where, SAFE);
        return;
      case 'SetDecl':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.opt(s.title);
        this.aka((s.title ?? s.name).range[1], s.aliases);
        this.equals((s.aliases.at(-1) ?? s.title ?? s.name).range[1], s.expr.range[0]);
        this.expr(s.expr, Level.Where, SAFE);
        return;
      case 'Indicator': {
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.opt(s.title);
        this.aka((s.title ?? s.name).range[1], s.aliases);
        let before = (s.aliases.at(-1) ?? s.title ?? s.name).range[1];
        if (s.unit) {
          this.punct('(', OPEN_PAREN, before, s.unit.range[0], true);
          this.w.glueNext();
          this.lit(s.unit);
          this.punct(')', CLOSE_PAREN, s.unit.range[1], s.expr.range[0], false);
          before = s.unit.range[1];
        }
        this.equals(before, s.expr.range[0]);
        this.expr(s.expr, Level.Where, SAFE);
        this.opt(s.description);
        return;
      }
      case 'Rule':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.opt(s.title);
        this.block(s.entries, 0, (e) => this.ruleEntry(e));
        return;
      case 'Target':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.opt(s.title);
        this.colon((s.title ?? s.name).range[1], s.spec.range[0]);
        this.targetSpec(s.spec);
        return;
      case 'Task':
        this.kw(start, s.id.range[0]);
        this.lit(s.id);
        this.lit(s.title);
        this.block(s.entries, 0, (e, gapStart) => this.taskEntry(e, gapStart));
        return;
      case 'Scheme':
        printScheme(s, this.schemePrinter());
        return;
      case 'Fact':
        this.kw(start, s.name.range[0]);
        this.lit(s.name);
        this.opt(s.value);
        for (const m of s.modifiers) {
          if (m.kind === 'FactCourt') {
            this.kw(m.range[0], m.court.range[0]);
            this.lit(m.court);
          } else this.modifier(m);
        }
        this.opt(s.note);
        return;
    }
  }

  /** `{ entries }`: `{` on the header line, one entry per line one level in, `}` on its own line. */
  /** A person with its title and other names (`吕宇 "局长" 别名 "吕院长"`). */
  private personDecl(p: A.PersonDecl): void {
    this.lit(p.name);
    this.opt(p.title);
    if (p.aliases.length) {
      this.kw((p.title ?? p.name).range[1], p.aliases[0]!.range[0]);
      this.list(p.aliases, (a) => this.lit(a));
    }
  }

  /** What the scheme part (scoring/format.ts) prints with. */
  private schemePrinter(): SchemePrinter {
    return {
      kw: (from, to, n = 0) => {
        const w = this.src.words(from, to)[n];
        if (!w) throw new Error(`no keyword at ${from}`);
        this.tok(w.text, w.start, w.end);
      },
      kwWords: (from, to) => this.kwWords(this.src.words(from, to)),
      lit: (n) => this.lit(n),
      colon: (from, to) => this.colon(from, to),
      op: (from, to) => {
        const op = this.src.tokens(from, to).find((x) => x.kind === 'op');
        if (!op) throw new Error('no comparison');
        this.tok(op.text, op.start, op.end);
      },
      block: (b, indent, print) => this.block(b, indent, (e) => print(e)),
      note: (n) => this.statement(n),
    };
  }

  private block<E extends Entry>(b: A.Block<E>, indent: number, print: (e: E, gapStart: number) => void): void {
    const open = b.range[0];
    const close = b.range[1] - 1;
    this.w.token('{', open, open + 1, true, false);
    const inner = indent + INDENT;
    this.w.boundary(inner, 'none');
    let gapStart = open + 1;
    b.items.forEach((e, i) => {
      if (e.kind === 'Error') throw new Error('syntax error node');
      if (i > 0) this.w.boundary(inner, 'preserve');
      print(e as E, gapStart);
      gapStart = e.range[1];
      if (this.keepSemicolons) {
        const nextStart = i + 1 < b.items.length ? b.items[i + 1]!.range[0] : close;
        const first = this.src.tokens(e.range[1], nextStart)[0];
        if (first && (first.text === ';' || first.text === '；')) {
          this.tok(';', first.start, first.end, false);
          gapStart = first.end;
        }
      }
    });
    if (b.items.length > 0) this.w.boundary(inner, 'preserve');
    this.w.flush(close);
    this.w.boundary(indent, 'none');
    this.w.token('}', close, close + 1, true, false);
  }

  private planEntry(e: A.PlanEntry): void {
    const [start] = e.range;
    switch (e.kind) {
      case 'PlanField':
        this.kw(start, e.value.range[0]);
        this.lit(e.value);
        return;
      case 'Period':
        this.kw(start, e.from.range[0]);
        this.period(e.from, e.to);
        return;
      case 'PlanCourts':
        this.kw(start, e.courts[0]!.range[0]);
        this.list(e.courts, (c) => this.lit(c));
        return;
      case 'Use':
      case 'Note':
        this.statement(e);
        return;
    }
  }

  private groupEntry(e: A.GroupEntry): void {
    if (e.kind === 'Note') {
      this.statement(e);
      return;
    }
    this.kw(e.range[0], e.members[0]!.range[0]);
    this.list(e.members, (m) => {
      if (m.kind === 'String') this.lit(m);
      else this.personDecl(m);
    });
  }

  private ruleEntry(e: A.RuleEntry): void {
    const [start] = e.range;
    switch (e.kind) {
      case 'RuleApplies':
        this.kw(start, e.expr.range[0]);
        this.expr(e.expr, Level.Where, SAFE);
        return;
      case 'RuleCondition':
        this.kw(start, e.name.range[0]);
        this.lit(e.name);
        this.opt(e.label);
        this.colon((e.label ?? e.name).range[1], e.expr.range[0]);
        this.expr(e.expr, Level.Where, SAFE);
        return;
      case 'Note':
        this.statement(e);
        return;
    }
  }

  private taskEntry(e: A.TaskEntry, gapStart: number): void {
    const [start] = e.range;
    switch (e.kind) {
      case 'TaskText':
      case 'Irregular':
        this.kw(start, e.text.range[0]);
        this.lit(e.text);
        return;
      case 'Owners':
        this.kw(start, e.owners[0]!.range[0]);
        this.list(e.owners, (o) => this.lit(o));
        if (e.joint) this.kw(e.owners[e.owners.length - 1]!.range[1], e.range[1]);
        return;
      case 'Departments':
        this.kw(start, e.departments[0]!.range[0]);
        this.list(e.departments, (d) => this.lit(d));
        return;
      case 'Due':
        this.kw(start, e.due.range[0]);
        this.lit(e.due);
        return;
      case 'Milestone': {
        this.kw(start, (e.name ?? e.text).range[0]);
        this.opt(e.name);
        this.lit(e.text);
        this.kw(e.text.range[1], e.due.range[0]);
        this.lit(e.due);
        let last: { range: A.Range } = e.due;
        if (e.owners.length > 0) {
          this.kw(e.due.range[1], e.owners[0]!.range[0]);
          this.list(e.owners, (o) => this.lit(o));
          last = e.owners[e.owners.length - 1]!;
        }
        if (e.condition) {
          const c = e.condition;
          this.kw(last.range[1], c.range[0]);
          this.expr(c.expr, Level.Or, SAFE);
          if (c.scope !== 'overall') this.kwWords(this.src.words(c.expr.range[1], c.range[1]));
        }
        return;
      }
      case 'Recurring':
        this.kwWords(this.src.words(start, (e.during ?? e.text).range[0]));
        this.opt(e.during);
        this.lit(e.text);
        return;
      case 'TaskTarget': {
        // The grammar leaves `目标` out of this node's range: it is the last word before the node.
        const words = this.src.words(gapStart, start);
        const k = words[words.length - 1];
        if (!k) throw new Error('no target keyword');
        this.tok(k.text, k.start, k.end);
        if (e.ref) {
          this.lit(e.ref);
          return;
        }
        if (e.name) {
          this.lit(e.name);
          this.opt(e.title);
          this.colon((e.title ?? e.name).range[1], e.spec!.range[0]);
        }
        this.targetSpec(e.spec!);
        return;
      }
      case 'Check':
        this.kw(start, e.rule.range[0]);
        this.lit(e.rule);
        if (e.applies) {
          this.kw(e.rule.range[1], e.applies.range[0]);
          this.expr(e.applies, Level.Where, SAFE);
        }
        return;
      case 'TaskPhase':
        this.kw(start, e.phase.range[0]);
        this.lit(e.phase);
        return;
      case 'Note':
        this.statement(e);
        return;
    }
  }

  private period(from: A.DateLit, to: A.DateLit): void {
    this.lit(from);
    this.kw(from.range[1], to.range[0]);
    this.lit(to);
  }

  private targetSpec(spec: A.TargetSpec): void {
    this.lit(spec.indicator);
    this.list(spec.stages, (st) => {
      const op = this.src.tokens(st.range[0], st.value.range[0]).find((x) => x.kind === 'op');
      if (!op) throw new Error('no comparison in target');
      this.tok(op.text, op.start, op.end);
      this.lit(st.value);
      for (const m of st.modifiers) this.modifier(m);
    });
  }

  private modifier(m: A.TargetModifier): void {
    const [start, end] = m.range;
    switch (m.kind) {
      case 'Stretch':
        this.kw(start, m.value.range[0]);
        this.lit(m.value);
        return;
      case 'By':
        this.kw(start, m.date.range[0]);
        this.lit(m.date);
        return;
      case 'Scope': {
        if (!m.filter) {
          this.kwWords(this.src.words(start, end));
          return;
        }
        const words = this.src.words(start, m.filter.range[0]);
        const where = words.pop();
        if (!where) throw new Error('no where in scope');
        this.kwWords(words);
        this.tok(where.text, where.start, where.end);
        this.expr(m.filter, Level.Compare, SAFE);
        return;
      }
      case 'Window':
        if (m.window === 'yearly' || !m.from || !m.to) {
          this.kwWords(this.src.words(start, end));
          return;
        }
        this.kw(start, m.from.range[0]);
        this.period(m.from, m.to);
        return;
    }
  }

  // ------------------------------------------------------------ expressions

  /**
   * Prints `e` where the grammar needs at least `min` (a Level), with parentheses when it binds looser.
   * `tail`: the level of the operator printed right after `e` (SAFE when nothing that could extend it follows).
   */
  private expr(e: A.Expr, min: number, tail: number): void {
    const hazard =
      (e.kind === 'Has' && e.predicate === null && tail === Level.Where) || // `有 T 其中 …` would take the 其中
      (e.kind === 'FollowedBy' && e.within === null && tail === Level.Compare); // `之后有 T 在 …`
    if (level(e) < min || hazard) {
      this.open();
      this.exprInner(e, SAFE);
      this.close();
    } else {
      this.exprInner(e, tail);
    }
  }

  private exprInner(e: A.Expr, tail: number): void {
    const [start, end] = e.range;
    switch (e.kind) {
      case 'Binary': {
        const [lmin, rmin] = operandLevels(e);
        this.expr(e.left, lmin, level(e));
        const gap = this.src.tokens(e.left.range[1], e.right.range[0]);
        const op =
          e.op === 'and' || e.op === 'or' ? gap.find((x) => x.kind === 'word') : gap.find((x) => x.kind === 'op');
        if (!op) throw new Error(`no operator at ${e.left.range[1]}`);
        this.tok(op.text, op.start, op.end);
        this.expr(e.right, rmin, tail);
        return;
      }
      case 'Unary':
        if (e.op === 'not') {
          this.kw(start, e.operand.range[0]);
          this.expr(e.operand, Level.Not, tail);
        } else {
          this.tok('-', start, start + 1);
          this.w.glueNext();
          this.expr(e.operand, Level.Unary, tail);
        }
        return;
      case 'Where':
        this.expr(e.source, Level.Or, Level.Where);
        this.kw(e.source.range[1], e.predicate.range[0]);
        this.expr(e.predicate, Level.Where, tail);
        return;
      case 'InWindow':
        this.expr(e.subject, Level.Add, Level.Compare);
        for (const w of this.src.words(e.subject.range[1], end)) this.tok(w.text, w.start, w.end);
        return;
      case 'InRange':
        this.expr(e.subject, Level.Add, Level.Compare);
        this.kw(e.subject.range[1], e.from.range[0]);
        this.expr(e.from, Level.Add, SAFE);
        this.kw(e.from.range[1], e.to.range[0]);
        this.expr(e.to, Level.Add, tail);
        return;
      case 'OneOf': {
        this.expr(e.subject, Level.Add, Level.Compare);
        const first = e.options[0]!;
        const k = this.src.words(e.subject.range[1], first.range[0])[0];
        if (!k) throw new Error('no oneof keyword');
        this.tok(k.text, k.start, k.end);
        this.punct('(', OPEN_PAREN, k.end, first.range[0], true);
        this.w.glueNext();
        this.list(e.options, (o) => this.expr(o, Level.Add, SAFE));
        this.tok(')', end - 1, end, false);
        return;
      }
      case 'IsNull':
        this.expr(e.subject, Level.Add, Level.Compare);
        this.kwWords(this.src.words(e.subject.range[1], end));
        return;
      case 'Contains':
        this.expr(e.subject, Level.Add, Level.Compare);
        this.kw(e.subject.range[1], e.item.range[0]);
        this.expr(e.item, Level.Add, tail);
        return;
      case 'Call': {
        const first = e.args[0]!;
        this.callOpen(start, first.range[0]);
        this.list(e.args, (a) => this.expr(a, Level.Where, SAFE));
        this.tok(')', end - 1, end, false);
        return;
      }
      case 'EventCount': {
        this.callOpen(start, e.types[0]!.range[0]);
        this.typeList(e.types);
        if (e.predicate) {
          this.kw(e.types[e.types.length - 1]!.range[1], e.predicate.range[0]);
          this.expr(e.predicate, Level.Where, SAFE);
        }
        this.tok(')', end - 1, end, false);
        return;
      }
      case 'First':
        this.callOpen(start, e.type.range[0]);
        this.lit(e.type);
        this.tok(')', end - 1, end, false);
        return;
      case 'Has': {
        this.kw(start, e.types[0]!.range[0]);
        this.typeList(e.types);
        const p = e.predicate;
        if (!p) return;
        this.kw(e.types[e.types.length - 1]!.range[1], p.range[0]);
        if (barePredicateFits(p, tail)) this.expr(p, Level.Compare, tail);
        else {
          this.open();
          this.exprInner(p, SAFE);
          this.close();
        }
        return;
      }
      case 'FollowedBy':
        this.kw(start, e.types[0]!.range[0]);
        this.typeList(e.types);
        if (e.within) {
          // `在 30日 内` has a word on each side of the number; English `within 30 days` only before it.
          this.kw(e.types[e.types.length - 1]!.range[1], e.within.range[0]);
          this.lit(e.within);
          if (this.src.words(e.within.range[1], end).length > 0) this.kw(e.within.range[1], end);
        }
        return;
      case 'Passes':
        this.kw(start, e.rule.range[0]);
        this.lit(e.rule);
        return;
      case 'Events':
        this.kw(start, e.types[0]!.range[0]);
        this.typeList(e.types);
        return;
      case 'Cases':
      case 'Date':
      case 'Number':
      case 'String':
      case 'Boolean':
      case 'Null':
      case 'Name':
        this.lit(e);
        return;
    }
  }

  /** `计数(`, `事件数(`, `首次(`: the function word and its parenthesis, glued. */
  private callOpen(start: number, firstArg: number): void {
    const k = this.src.words(start, firstArg)[0];
    if (!k) throw new Error('no function name');
    this.tok(k.text, k.start, k.end);
    this.punct('(', OPEN_PAREN, k.end, firstArg, false);
    this.w.glueNext();
  }
}

/** Statements grouped without a blank line when the author wrote them so. */
function group(s: A.Statement): string | null {
  switch (s.kind) {
    case 'Import':
    case 'Use':
      return 'import';
    // A set is usually declared right above the indicator that counts it: definitions group together.
    case 'Field':
    case 'SetDecl':
    case 'Indicator':
      return 'definition';
    case 'Plan':
    case 'Group':
    case 'Rule':
    case 'Task':
    case 'Scheme':
      return null;
    default:
      return s.kind;
  }
}

/** One blank line between statements; consecutive one-line declarations of a kind keep the author's grouping. */
function blankBetween(a: A.Statement, b: A.Statement): Blank {
  const g = group(a);
  return g !== null && g === group(b) ? 'preserve' : 'one';
}
