// E0102, E0406: a date range (the plan's period, a target's window, a phase) that ends before it starts.
import { formatDay } from '../../time/calendar.js';
import type { Pass } from './pass.js';

export const periodOrder: Pass = {
  name: 'period-order',
  codes: ['E0102', 'E0406'],
  run({ facts, at }) {
    for (const r of facts.ranges)
      if (r.to < r.from) at(r.file)('E0102', r.node, { from: formatDay(r.from), to: formatDay(r.to) });
    for (const p of facts.phases) if (p.to < p.from) at(p.file)('E0406', p.node, { name: p.node.name.text });
  },
};
