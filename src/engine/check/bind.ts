// Compile stage 2 (bind): every declaration's name into the one namespace (symbols.ts), over every file
// before anything is checked, so a reference may come before its declaration. One entry per kind of
// statement that declares names; a new kind of declaration adds its line here.
import type * as A from '../syntax/ast.js';
import type { Binder, SourceFile } from './symbols.js';

export function items<E>(b: A.Block<E>): E[] {
  return b.items.filter((i): i is E => (i as { kind: string }).kind !== 'Error');
}

type Declares<K extends A.Statement['kind']> = (b: Binder, s: Extract<A.Statement, { kind: K }>) => void;

const declareNamed = (b: Binder, s: A.SetDecl | A.Indicator): void => {
  const sym = b.declare(s.kind === 'SetDecl' ? 'set' : 'indicator', s.name, s);
  if (sym) for (const a of s.aliases) b.declareAlias(a, sym);
};

/** A person and its other names (`别名`), each a reference to the person. */
function declarePerson(b: Binder, p: A.PersonDecl): void {
  const sym = b.declare('person', p.name, p) ?? b.symbols.get(p.name.text) ?? null;
  if (sym?.kind === 'person')
    for (const a of p.aliases) b.declareAlias({ kind: 'Name', text: a.value, range: a.range }, sym);
}

/** What each kind of statement declares. Group members are bound after every role (bindDeclarations). */
export const DECLARATIONS: { [K in A.Statement['kind']]?: Declares<K> } = {
  Court: (b, s) => {
    b.declare('court', s.name, s);
  },
  Person: (b, s) => {
    for (const p of s.people) declarePerson(b, p);
  },
  Group: (b, s) => {
    b.declare('group', s.name, s);
  },
  Role: (b, s) => {
    b.declare('role', s.name, s);
  },
  Department: (b, s) => {
    for (const d of s.departments) b.declare('department', d.name, d);
  },
  Phase: (b, s) => {
    b.declare('phase', s.name, s);
  },
  Field: (b, s) => {
    b.declare('field', s.name, s);
  },
  SetDecl: declareNamed,
  Indicator: declareNamed,
  Rule: (b, s) => {
    b.declare('rule', s.name, s);
  },
  Target: (b, s) => {
    b.declare('target', s.name, s);
  },
  Fact: (b, s) => {
    b.declare('fact', s.name, s);
  },
  Scheme: (b, s) => {
    b.declare('scheme', s.name, s);
  },
  Task: (b, s) => {
    for (const e of items(s.entries)) if (e.kind === 'TaskTarget' && e.name) b.declare('target', e.name, e);
  },
};

export function bindDeclarations(b: Binder, files: readonly SourceFile[]): void {
  // A group member is a person named there, unless the name is a role (`组长 院长`: whoever holds it),
  // declared anywhere: members are bound once every role is.
  const members: Array<[SourceFile, A.PersonDecl]> = [];
  for (const f of files) {
    b.setFile(f);
    for (const s of f.program.items) {
      if (s.kind === 'Error') continue;
      const declare = DECLARATIONS[s.kind] as Declares<typeof s.kind> | undefined;
      declare?.(b, s as never);
      if (s.kind === 'Group')
        for (const e of items(s.entries))
          if (e.kind === 'GroupMember') for (const m of e.members) if (m.kind === 'PersonDecl') members.push([f, m]);
    }
  }
  for (const [f, m] of members) {
    if (b.symbols.get(m.name.text)?.kind === 'role') continue;
    b.setFile(f);
    declarePerson(b, m);
  }
}
