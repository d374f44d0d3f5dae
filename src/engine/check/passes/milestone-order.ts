// E0403: a milestone due before the one written before it; E0404: a milestone due after its task.
import { formatDay } from '../../time/calendar.js';
import type { Pass } from './pass.js';

export const milestoneOrder: Pass = {
  name: 'milestone-order',
  codes: ['E0403', 'E0404'],
  run({ facts, at }) {
    for (const t of facts.tasks) {
      const report = at(t.file);
      const ms = t.milestones;
      for (let i = 1; i < ms.length; i++) {
        const prev = ms[i - 1]!,
          cur = ms[i]!;
        if (cur.day < prev.day) {
          report('E0403', cur.node.due, {
            later: cur.node.text.value,
            laterDate: formatDay(cur.day),
            earlier: prev.node.text.value,
            earlierDate: formatDay(prev.day),
          });
        }
      }
      const due = t.due;
      if (!t.hasDue || due === null || t.dueKind !== 'date') continue;
      for (const { node, day } of ms) {
        if (day > due)
          report('E0404', node.due, { milestone: node.text.value, date: formatDay(day), due: formatDay(due) });
      }
    }
  },
};
