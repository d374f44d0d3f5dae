// The declarations of a compilation by name (for go to definition, hover and completion) and the outline
// of one file — both read from the ASTs the compiler already parsed.
import type * as A from '../syntax/ast.js';
import type { LineMap } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../check/symbols.js';
import type { DocumentSymbol, Range, SymbolKindName } from './types.js';

export interface Decl {
  name: string;
  kind: SymbolKindName;
  file: string;
  library: boolean;
  nameRange: A.Range;
  range: A.Range;
  title: string | null;
}

/** [start, end) offsets → a 0-based range. */
export function rangeOf(lines: LineMap, r: readonly [number, number]): Range {
  const a = lines.position(r[0]),
    b = lines.position(r[1]);
  return { start: { line: a.line, character: a.column }, end: { line: b.line, character: b.column } };
}

interface Found {
  decl: Omit<Decl, 'file' | 'library'>;
  children: Found[];
}

function found(
  name: A.Name | A.TaskId,
  kind: SymbolKindName,
  node: { range: A.Range },
  title: string | null,
  children: Found[] = [],
): Found {
  return { decl: { name: name.text, kind, nameRange: name.range, range: node.range, title }, children };
}

function blockItems<E>(b: A.Block<E>): E[] {
  return b.items.filter((x) => (x as { kind: string }).kind !== 'Error') as E[];
}

/** The declarations of one program, nested as the outline shows them. */
function declarationsOf(program: A.Program): Found[] {
  const out: Found[] = [];
  for (const s of program.items) {
    switch (s.kind) {
      case 'Plan': {
        const title = blockItems(s.entries).find((e): e is A.PlanField => e.kind === 'PlanField' && e.key === 'title');
        out.push(found(s.name, 'plan', s, title ? (title.value as A.StringLit).value : null));
        break;
      }
      case 'Court':
        out.push(found(s.name, 'court', s, s.fullName.value));
        break;
      case 'Person':
        for (const p of s.people) out.push(found(p.name, 'person', p, p.title?.value ?? null));
        break;
      case 'Group': {
        const members: Found[] = [];
        for (const e of blockItems(s.entries)) {
          if (e.kind !== 'GroupMember') continue;
          for (const m of e.members)
            if (m.kind === 'PersonDecl') members.push(found(m.name, 'person', m, m.title?.value ?? null));
        }
        out.push(found(s.name, 'group', s, s.title?.value ?? null, members));
        break;
      }
      case 'Role':
        out.push(found(s.name, 'role', s, s.holders.map((h) => h.text).join('、') || null));
        break;
      case 'Department':
        for (const d of s.departments) out.push(found(d.name, 'department', d, d.fullName?.value ?? null));
        break;
      case 'Phase':
        out.push(found(s.name, 'phase', s, `${s.from.text} – ${s.to.text}`));
        break;
      case 'Field':
        out.push(found(s.name, 'field', s, null));
        break;
      case 'SetDecl':
        out.push(found(s.name, 'set', s, s.title?.value ?? null));
        break;
      case 'Indicator':
        out.push(found(s.name, 'indicator', s, s.title?.value ?? null));
        break;
      case 'Rule':
        out.push(found(s.name, 'rule', s, s.title?.value ?? null));
        break;
      case 'Target':
        out.push(found(s.name, 'target', s, s.title?.value ?? null));
        break;
      case 'Fact':
        out.push(found(s.name, 'fact', s, s.note?.value ?? null));
        break;
      case 'Task': {
        const children: Found[] = [];
        for (const e of blockItems(s.entries)) {
          if (e.kind === 'Milestone') {
            const label: A.Name = e.name ?? { kind: 'Name', text: e.text.value, range: e.text.range };
            children.push(found(label, 'milestone', e, e.due.kind === 'Date' ? e.due.text : null));
          } else if (e.kind === 'TaskTarget' && e.name) {
            children.push(found(e.name, 'target', e, e.title?.value ?? null));
          }
        }
        out.push(found(s.id, 'task', s, s.title.value, children));
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Every named declaration of the compilation. A plan's own declaration wins over the library's. */
export function indexDeclarations(files: readonly SourceFile[]): Map<string, Decl> {
  const index = new Map<string, Decl>();
  const add = (f: SourceFile, xs: Found[]): void => {
    for (const x of xs) {
      if (x.decl.kind !== 'milestone') {
        const prev = index.get(x.decl.name);
        const keep = prev && (prev.kind === 'person' || (!prev.library && f.library));
        if (!keep) index.set(x.decl.name, { ...x.decl, file: f.path, library: f.library });
      }
      add(f, x.children);
    }
  };
  for (const f of files) add(f, declarationsOf(f.program));
  // Other names (`又称 执结率`) lead to the declaration they stand for, unless the name is declared itself.
  for (const f of files) {
    for (const s of f.program.items) {
      if (s.kind !== 'Indicator' && s.kind !== 'SetDecl') continue;
      const target = index.get(s.name.text);
      if (target) for (const a of s.aliases) if (!index.has(a.text)) index.set(a.text, target);
    }
  }
  return index;
}

/** The outline of one file: its declarations, tasks with their milestones and inline targets. */
export function outlineOf(program: A.Program, lines: LineMap): DocumentSymbol[] {
  const conv = (x: Found): DocumentSymbol => ({
    name: x.decl.name,
    detail: x.decl.title ?? '',
    kind: x.decl.kind,
    range: rangeOf(lines, x.decl.range),
    selection: rangeOf(lines, x.decl.nameRange),
    children: x.children.map(conv),
  });
  return declarationsOf(program).map(conv);
}
