// The binder: one namespace for all files of a compilation (the plan, its imports, the library), the
// symbols declared in it, and the reporting of diagnostics against the right file.
import type * as A from '../syntax/ast.js';
import type { Diagnostic, Fix, LineMap } from '../diagnostics/diagnostic.js';
import { diagnostic, type Code } from '../diagnostics/codes.js';
import { EVENT_TYPES } from '../domain/vocabulary.js';
import { dayOf, daysInMonth, endOfMonth, endOfYear, formatDay, isValidDate, type Day } from '../time/calendar.js';
import { closest } from './suggest.js';
import type { FunctionSignature } from './functions.js';

export type SymbolKind =
  | 'court'
  | 'person'
  | 'role'
  | 'department'
  | 'group'
  | 'phase'
  | 'field'
  | 'set'
  | 'indicator'
  | 'rule'
  | 'target'
  | 'fact'
  | 'scheme';

export interface Sym {
  kind: SymbolKind;
  name: string;
  file: string;
  node: A.Statement | A.PersonDecl | A.DepartmentDecl | A.TaskTarget;
  nameNode: A.Name;
  library: boolean;
  used: boolean;
}

const KIND_NAMES: Record<SymbolKind, { zh: string; en: string }> = {
  court: { zh: '法院', en: 'court' },
  person: { zh: '人员', en: 'person' },
  role: { zh: '角色', en: 'role' },
  department: { zh: '部门', en: 'department' },
  group: { zh: '小组', en: 'group' },
  phase: { zh: '阶段', en: 'phase' },
  field: { zh: '字段', en: 'field' },
  set: { zh: '集合', en: 'set' },
  indicator: { zh: '指标', en: 'indicator' },
  rule: { zh: '规则', en: 'rule' },
  target: { zh: '目标', en: 'target' },
  fact: { zh: '事实', en: 'fact' },
  scheme: { zh: '考核', en: 'scoring scheme' },
};

export interface SourceFile {
  path: string;
  lines: LineMap;
  library: boolean;
  program: A.Program;
}

export class Binder {
  readonly symbols = new Map<string, Sym>();
  readonly diagnostics: Diagnostic[] = [];
  /** Event types beyond the standard vocabulary (from plugins). */
  readonly extraEventTypes = new Set<string>();
  /** Functions a plan may call (from plugins), by name. */
  readonly functions = new Map<string, FunctionSignature>();
  private current!: SourceFile;

  setFile(f: SourceFile): void {
    this.current = f;
  }

  get file(): SourceFile {
    return this.current;
  }

  report(code: Code, node: { range: A.Range }, params: Record<string, string | number>, fix?: Fix): void {
    this.diagnostics.push(diagnostic(code, this.current.path, this.current.lines.range(node.range), params, fix));
  }

  where(sym: Sym): string {
    const p = this.fileOf(sym)?.lines.position(sym.nameNode.range[0]);
    return p ? `${sym.file}:${p.line + 1}:${p.column + 1}` : sym.file;
  }

  private readonly files = new Map<string, SourceFile>();
  addFile(f: SourceFile): void {
    this.files.set(f.path, f);
  }
  fileOf(sym: Sym): SourceFile | undefined {
    return this.files.get(sym.file);
  }

  kindName(kind: SymbolKind): { zh: string; en: string } {
    return KIND_NAMES[kind];
  }

  declare(kind: SymbolKind, nameNode: A.Name, node: Sym['node']): Sym | null {
    const name = nameNode.text;
    const prev = this.symbols.get(name);
    const sym: Sym = {
      kind,
      name,
      file: this.current.path,
      node,
      nameNode,
      library: this.current.library,
      used: false,
    };
    if (prev) {
      // A plan may redefine what the library defines (that is how a court adapts the standard reading).
      if (prev.library && !sym.library && prev.kind === kind) {
        this.symbols.set(name, sym);
        return sym;
      }
      // A person may be named again (in a group, with or without a title): the same person.
      if (prev.kind === 'person' && kind === 'person') return prev;
      // Name what is already there: `角色 院长` then `组长 院长` clashes with the role, not with a person.
      this.report('E0202', nameNode, {
        what: KIND_NAMES[prev.kind].zh,
        whatEn: KIND_NAMES[prev.kind].en,
        name,
        where: this.where(prev),
      });
      return null;
    }
    const alias = this.aliases.get(name);
    if (alias && !alias.library && !sym.library) {
      this.report('E0202', nameNode, { what: '别称', whatEn: 'other name', name, where: this.aliasWhere(alias) });
      return null;
    }
    this.symbols.set(name, sym);
    return sym;
  }

  /** Other names (`又称 执结率`): alias → the name it stands for, and where it was declared. */
  readonly aliases = new Map<string, { target: string; node: A.Name; library: boolean; file: string }>();

  /**
   * Declares `alias` as another name of `sym`. A plan's own declaration of that name wins over a library
   * alias; two declarations of one name in the plan clash (E0202).
   */
  declareAlias(alias: A.Name, sym: Sym): void {
    const name = alias.text;
    const library = this.current.library;
    const entry = { target: sym.name, node: alias, library, file: this.current.path };
    const prevSym = this.symbols.get(name);
    if (prevSym) {
      if (library && !prevSym.library) return;
      this.report('E0202', alias, {
        what: KIND_NAMES[prevSym.kind].zh,
        whatEn: KIND_NAMES[prevSym.kind].en,
        name,
        where: this.where(prevSym),
      });
      return;
    }
    const prev = this.aliases.get(name);
    if (prev && !(prev.library && !library) && prev.target !== sym.name) {
      this.report('E0202', alias, { what: '别称', whatEn: 'other name', name, where: this.aliasWhere(prev) });
      return;
    }
    this.aliases.set(name, entry);
  }

  /** The other names that stand for `name` (a library's included, those a declared name shadows not), sorted. */
  aliasesOf(name: string): string[] {
    return [...this.aliases]
      .filter(([alias, a]) => a.target === name && !this.symbols.has(alias))
      .map(([alias]) => alias)
      .sort();
  }

  private aliasWhere(a: { node: A.Name; file: string }): string {
    const p = this.files.get(a.file)?.lines.position(a.node.range[0]);
    return p ? `${a.file}:${p.line + 1}:${p.column + 1}` : a.file;
  }

  /** A declared name, or the declaration an alias stands for (a declared name wins over an alias). */
  lookup(name: string): Sym | undefined {
    const sym = this.symbols.get(name);
    if (sym) return sym;
    const alias = this.aliases.get(name);
    return alias ? this.symbols.get(alias.target) : undefined;
  }

  /** Resolves a reference that must be one of `kinds`; reports unknown or wrong-kind names. */
  resolve(n: A.Name, kinds: SymbolKind[]): Sym | null {
    const sym = this.lookup(n.text);
    if (sym && kinds.includes(sym.kind)) {
      sym.used = true;
      return sym;
    }
    if (sym) {
      const expected = kinds.map((k) => KIND_NAMES[k]);
      this.report('E0203', n, {
        name: n.text,
        actual: KIND_NAMES[sym.kind].zh,
        actualEn: `a ${KIND_NAMES[sym.kind].en}`,
        expected: expected.map((e) => e.zh).join('或'),
        expectedEn: expected.map((e) => `a ${e.en}`).join(' or '),
      });
      return null;
    }
    this.unknown(n, kinds, []);
    return null;
  }

  unknown(n: A.Name, kinds: Array<SymbolKind | 'field' | 'function'>, extra: string[]): void {
    const hint = this.suggestion(n.text, kinds, extra);
    const what = kinds.map((k) => (k === 'function' ? '函数' : (KIND_NAMES[k as SymbolKind]?.zh ?? k)));
    const whatEn = kinds.map((k) => KIND_NAMES[k as SymbolKind]?.en ?? k);
    const fix: Fix | undefined = hint
      ? { title: `改为“${hint}”`, titleEn: `change to "${hint}"`, edits: [{ range: n.range, text: hint }] }
      : undefined;
    this.report('E0201', n, { what: what.join('/'), whatEn: whatEn.join('/'), name: n.text, hint: hint ?? '' }, fix);
  }

  /**
   * The name to suggest for an unknown `word`: a close name or alias, or the declaration whose title names
   * it (`执结率` → 结案率, titled “结案率（执结率）”) — each part of a title, split at its parentheses, counts.
   */
  private suggestion(word: string, kinds: Array<SymbolKind | 'field' | 'function'>, extra: string[]): string | null {
    const wanted = (k: SymbolKind): boolean => (kinds as string[]).includes(k);
    const stands = new Map<string, string>(extra.map((w) => [w, w]));
    const titled = new Map<string, string>();
    for (const s of this.symbols.values()) {
      if (!wanted(s.kind)) continue;
      stands.set(s.name, s.name);
      const title = (s.node as { title?: A.StringLit | null }).title?.value;
      if (title)
        for (const part of title
          .split(/[（）()]/)
          .map((x) => x.trim())
          .filter(Boolean))
          if (!titled.has(part)) titled.set(part, s.name);
    }
    for (const [alias, a] of this.aliases) {
      const s = this.symbols.get(a.target);
      if (s && wanted(s.kind)) stands.set(alias, alias);
    }
    const exact = titled.get(word);
    if (exact !== undefined && exact !== word) return exact;
    for (const [part, name] of titled) if (!stands.has(part)) stands.set(part, name);
    const hint = closest(word, stands.keys());
    return hint === null ? null : stands.get(hint)!;
  }

  isEventType(w: string): boolean {
    return (EVENT_TYPES as readonly string[]).includes(w) || this.extraEventTypes.has(w);
  }

  /** An event type named in a plan: unknown types are kept (plugins may add them) with a warning. */
  eventType(n: A.Name): string {
    if (!this.isEventType(n.text)) {
      const hint = closest(n.text, [...EVENT_TYPES, ...this.extraEventTypes]);
      const fix: Fix | undefined = hint
        ? { title: `改为“${hint}”`, titleEn: `change to "${hint}"`, edits: [{ range: n.range, text: hint }] }
        : undefined;
      this.report('W0302', n, { name: n.text, hint: hint ?? '' }, fix);
    }
    return n.text;
  }

  courtFullName(sym: Sym): string {
    return (sym.node as A.Court).fullName.value;
  }

  /**
   * The day a date literal stands for: a month or year precision date means its last day (a deadline
   * "2016年12月" is met by the end of 2016-12-31). Impossible dates are reported and give null.
   */
  dateValue(d: A.DateLit): Day | null {
    const { y } = d;
    if (d.m !== null && (d.m < 1 || d.m > 12)) {
      this.report('E0101', d, {
        text: d.text,
        why: `月份应为 1–12，不能是 ${d.m}`,
        whyEn: `a month is 1–12, not ${d.m}`,
      });
      return null;
    }
    if (d.precision === 'year') return endOfYear(y);
    if (d.precision === 'month') return endOfMonth(y, d.m!);
    if (!isValidDate(y, d.m!, d.d!)) {
      const max = daysInMonth(y, d.m!);
      if (d.d! < 1) {
        this.report('E0101', d, {
          text: d.text,
          why: `日应为 1–${max}，不能是 ${d.d}`,
          whyEn: `a day of ${y}-${String(d.m).padStart(2, '0')} is 1–${max}, not ${d.d}`,
        });
        return null;
      }
      this.report(
        'E0101',
        d,
        {
          text: d.text,
          why: `${y}年${d.m}月只有 ${max} 天`,
          whyEn: `${y}-${String(d.m).padStart(2, '0')} has only ${max} days`,
        },
        {
          title: `改为该月最后一天（${y}年${d.m}月${max}日）`,
          titleEn: `use the month's last day (${formatDay(dayOf(y, d.m!, max))})`,
          edits: [
            {
              range: d.range,
              text: d.text.includes('年') ? `${y}年${d.m}月${max}日${d.suffix ?? ''}` : formatDay(dayOf(y, d.m!, max)),
            },
          ],
        },
      );
      return null;
    }
    return dayOf(y, d.m!, d.d!);
  }
}
