// W0301: a role nobody holds; W0309: a role held per court with no holder in some of the plan's courts.
import type { Pass } from './pass.js';

export const roleHolders: Pass = {
  name: 'role-holders',
  codes: ['W0301', 'W0309'],
  run({ facts, ir, at }) {
    for (const r of facts.roles) {
      if (r.file.library) continue;
      const name = r.node.name.text;
      if (r.holders === 0 && r.node.holders.length === 0) at(r.file)('W0301', r.node.name, { name });
      else if (r.node.perCourt) {
        const missing = ir.plan.courts.filter((c) => !r.byCourt.some((b) => b.court === c));
        if (missing.length) at(r.file)('W0309', r.node.name, { name, courts: missing.join('、') });
      }
    }
  },
};
