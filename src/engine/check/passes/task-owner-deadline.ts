// E0401: a task with no owner; E0402: a task with neither a deadline nor milestones. An entry that did not
// parse may be the owner or the deadline: then nothing is said.
import { items } from '../bind.js';
import type { Pass } from './pass.js';

export const taskOwnerDeadline: Pass = {
  name: 'task-owner-deadline',
  codes: ['E0401', 'E0402'],
  run({ facts, at }) {
    for (const t of facts.tasks) {
      if (t.unreadable) continue;
      const id = t.node.id.text;
      if (!t.hasOwner) at(t.file)('E0401', t.node.id, { id });
      if (!t.hasDue && !items(t.node.entries).some((e) => e.kind === 'Milestone'))
        at(t.file)('E0402', t.node.id, { id });
    }
  },
};
