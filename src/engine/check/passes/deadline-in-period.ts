// E0213: a deadline (a target stage's, a task's, a milestone's) outside the plan's period.
import { formatDay } from '../../time/calendar.js';
import type { Pass } from './pass.js';

export const deadlineInPeriod: Pass = {
  name: 'deadline-in-period',
  codes: ['E0213'],
  run({ facts, at }) {
    const period = facts.period;
    if (!period) return;
    for (const d of facts.deadlines) {
      if (d.file.library || (d.day >= period.from && d.day <= period.to)) continue;
      at(d.file)('E0213', d.node, { date: formatDay(d.day), from: formatDay(period.from), to: formatDay(period.to) });
    }
  },
};
