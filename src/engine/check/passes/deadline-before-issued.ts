// W0307: a task's or a milestone's deadline before the day the plan was issued.
import { formatDay } from '../../time/calendar.js';
import type { Pass } from './pass.js';

export const deadlineBeforeIssued: Pass = {
  name: 'deadline-before-issued',
  codes: ['W0307'],
  run({ facts, at }) {
    const issued = facts.issued;
    if (issued === null) return;
    for (const d of facts.deadlines) {
      if (d.of === 'task' && d.day < issued && !d.file.library)
        at(d.file)('W0307', d.node, { date: formatDay(d.day), issued: formatDay(issued) });
    }
  },
};
