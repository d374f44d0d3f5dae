// E0205: a stretch value (`力争`) that is not beyond its stage's value in the target's direction.
import { numberText } from '../units.js';
import type { Pass } from './pass.js';

export const stretchBeyondTarget: Pass = {
  name: 'stretch-beyond-target',
  codes: ['E0205'],
  run({ facts, at }) {
    for (const t of facts.targets)
      for (const s of t.stretches) {
        if (s.stretch === null || s.value === null) continue;
        const up = s.stage.op === '>=' || s.stage.op === '>';
        const beyond = up ? s.stretch > s.value : s.stretch < s.value;
        if (!beyond)
          at(t.file)('E0205', s.node, {
            stretch: numberText(s.node.value),
            value: numberText(s.stage.value),
            up: up ? 1 : 0,
          });
      }
  },
};
