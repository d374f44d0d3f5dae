// W0305: a role, department or person declared in the plan and never named. People named only in a
// leadership group (or holding a role) are recorded, not unused.
import type { Pass } from './pass.js';

export const unused: Pass = {
  name: 'unused',
  codes: ['W0305'],
  run({ binder, ir, at }) {
    const recorded = (name: string): boolean =>
      ir.groups.some((g) => g.members.some((m) => m.person === name)) || ir.roles.some((r) => r.holders.includes(name));
    for (const sym of binder.symbols.values()) {
      if (sym.used || sym.library) continue;
      if (sym.kind !== 'role' && sym.kind !== 'department' && sym.kind !== 'person') continue;
      const f = binder.fileOf(sym);
      if (!f) continue;
      if (sym.kind === 'person' && recorded(sym.name)) continue;
      const k = binder.kindName(sym.kind);
      at(f)('W0305', sym.nameNode, { what: k.zh, whatEn: k.en, name: sym.name });
    }
  },
};
