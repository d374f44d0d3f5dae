// A generated case's record: its plan (case-plan.ts) with its events (events.ts) and tags.
import type { Day } from '../time/calendar.js';
import type { CaseRecord } from '../data/record.js';
import type { Rng } from './random.js';
import { dayText } from './options.js';
import { nextId, pickHandler } from './courts.js';
import type { CasePlan } from './case-plan.js';
import { caseEvents } from './events.js';

function tagsFor(rng: Rng, claimed: number): string[] | undefined {
  const tags: string[] = [];
  if (rng.chance(claimed < 20_000_000 ? 0.06 : 0.01)) tags.push('涉民生');
  if (rng.chance(0.005)) tags.push('涉党政机关');
  return tags.length > 0 ? tags : undefined;
}

export function buildCase(rng: Rng, p: CasePlan, asOf: Day): CaseRecord {
  const c = p.court;
  const h = pickHandler(rng, c.handlerCum);
  const tags = tagsFor(rng, p.claimed);
  const events = caseEvents(rng, p, asOf);
  // Keys in the canonical order (validateCase's), so files read back byte for byte.
  const rec: CaseRecord = {
    id: nextId(c, p.type, p.filed),
    court: c.spec.name,
    type: p.type,
    filed: dayText(p.filed),
    closed: p.closed === null ? null : dayText(p.closed),
    closure: p.closure,
    claimed: p.claimed / 100,
    recovered: p.recovered / 100,
    property: p.property,
    handler: c.handlers[h]!,
  } as CaseRecord;
  if (c.teams) rec.team = c.teams[h]!;
  if (tags) rec.tags = tags;
  rec.events = events;
  return rec;
}
