// E0208, E0207: a staged target's deadlines must increase and its values never go backwards.
import type { Pass } from './pass.js';

export const stageOrder: Pass = {
  name: 'stage-order',
  codes: ['E0208', 'E0207'],
  run({ facts, at }) {
    for (const t of facts.targets) {
      const stages = t.stages;
      if (!stages) continue;
      const report = at(t.file);
      const up = t.spec.stages[0]!.op === '>=' || t.spec.stages[0]!.op === '>';
      for (let i = 1; i < stages.length; i++) {
        const prev = stages[i - 1]!,
          cur = stages[i]!;
        if (prev.by === null || cur.by === null || cur.by <= prev.by) report('E0208', t.spec.stages[i]!, {});
        const backwards = up ? cur.value < prev.value : cur.value > prev.value;
        if (backwards)
          report('E0207', t.spec.stages[i]!.value, { later: cur.display, earlier: prev.display, up: up ? 1 : 0 });
      }
    }
  },
};
