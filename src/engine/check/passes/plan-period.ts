// W0303: a plan with no period; W0304: then a target with no deadline is never due.
import type * as A from '../../syntax/ast.js';
import type { Pass } from './pass.js';

export const planPeriod: Pass = {
  name: 'plan-period',
  codes: ['W0303', 'W0304'],
  run({ facts, files, at }) {
    if (facts.period) return;
    // Nothing makes a target with no deadline due when the plan has no period either.
    for (const t of facts.targets) {
      if (t.stages === null || t.file.library) continue;
      if (t.spec.stages.every((st) => !st.modifiers.some((m) => m.kind === 'By')))
        at(t.file)('W0304', t.spec.indicator, { name: t.id });
    }
    // A period written wrong is E0102's, not this pass's.
    if (facts.periodWritten || !facts.planSeen) return;
    const f = files.find((x) => !x.library && x.program.items.some((s) => s.kind === 'Plan'));
    const plan = f?.program.items.find((s): s is A.Plan => s.kind === 'Plan');
    const unreadable = plan?.entries.items.some((i) => (i as { kind: string }).kind === 'Error');
    if (f && plan && !unreadable) at(f)('W0303', plan.name, {});
  },
};
