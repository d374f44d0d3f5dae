// The cases behind a number for the workbench's cases view: an indicator's members (engine/eval/explain.ts,
// the same generator `luoshi explain` uses) with their records, or the cases a rule failed.
import type { PlanIR } from '../engine/ir/types.js';
import type { CaseStore } from '../engine/data/store.js';
import { caseId, caseRecordAt } from '../engine/data/store.js';
import { hasDenominator, indicatorMembers } from '../engine/eval/explain.js';
import { plainRecord } from '../engine/data/identity.js';
import type { PlanReport } from '../engine/report/model.js';
import { parseIsoDay } from '../engine/time/calendar.js';
import type { CaseRow, CasesRequest, CasesValue } from './protocol.js';
import type { ExprCompiler } from '../engine/eval/expr.js';

export function casesBehind(
  ir: PlanIR,
  store: CaseStore,
  report: PlanReport | null,
  req: CasesRequest,
  labels: (indicator: string) => [string | null, string | null],
  compiler?: ExprCompiler,
): CasesValue {
  const asOf = parseIsoDay(req.asOf);
  if (asOf === null) throw new Error(`invalid as-of date ${req.asOf}`);
  const limit = req.limit ?? 100,
    offset = req.offset ?? 0;
  const court = req.court === undefined ? -1 : store.courts.indexOf(req.court);
  if (req.rule !== undefined) return ruleCases(store, report, req, court, limit, offset);
  const target = req.target !== undefined ? ir.targets.find((t) => t.id === req.target) : undefined;
  const indName = target?.indicator ?? req.indicator;
  const ind = ir.indicators.find((i) => i.name === indName);
  if (!ind) throw new Error(`unknown indicator ${indName}`);
  const ratio = hasDenominator(ir, ind.name);
  const rows: CaseRow[] = [];
  let total = 0,
    nNum = 0,
    nDen = 0;
  const members = indicatorMembers(
    ir,
    store,
    {
      indicator: ind.name,
      asOf: req.asOf,
      window: target?.window ?? null,
      ...(req.court !== undefined ? { group: { kind: 'court' as const, value: req.court } } : {}),
    },
    compiler,
  );
  for (const m of members) {
    if (m.inNumerator) nNum++;
    if (m.inDenominator) nDen++;
    const wanted = req.onlyMissing ? m.inDenominator && !m.inNumerator : true;
    if (!wanted) continue;
    if (total >= offset && rows.length < limit) {
      rows.push({
        record: plainRecord(caseRecordAt(store, m.i)),
        inNumerator: m.inNumerator,
        inDenominator: m.inDenominator,
        events: m.events,
      });
    }
    total++;
  }
  const [nl, dl] = labels(ind.name);
  return {
    title: `${ind.title ?? ind.name}${req.court ? ` · ${req.court}` : ''}`,
    titleEn: `${ind.name}${req.court ? ` · ${req.court}` : ''}`,
    unit: ind.unit,
    numeratorLabel: nl,
    denominatorLabel: ratio ? dl : null,
    numerator: nNum,
    denominator: ratio ? nDen : null,
    total,
    rows,
  };
}

/** The cases a rule failed, as the last report lists them (the first 200), with their records. */
function ruleCases(
  store: CaseStore,
  report: PlanReport | null,
  req: CasesRequest,
  court: number,
  limit: number,
  offset: number,
): CasesValue {
  const rr = report?.rules.find((r) => r.rule === req.rule);
  if (!rr) throw new Error(`no evaluated rule ${req.rule}`);
  const failures = rr.failures.filter((f) => court < 0 || f.court === req.court);
  const wanted = new Map(failures.map((f) => [f.id, f]));
  const rows: CaseRow[] = [];
  const at = new Map<string, number>();
  for (let i = 0; i < store.n && at.size < wanted.size; i++) {
    if (court >= 0 && store.court[i] !== court) continue;
    const id = caseId(store, i);
    if (wanted.has(id)) at.set(id, i);
  }
  for (const f of failures.slice(offset, offset + limit)) {
    const i = at.get(f.id);
    if (i === undefined) continue;
    rows.push({
      record: plainRecord(caseRecordAt(store, i)),
      inNumerator: false,
      inDenominator: true,
      events: [],
      failed: [...f.failed, ...f.warnings],
    });
  }
  return {
    title: `${rr.title ?? rr.rule}${req.court ? ` · ${req.court}` : ''}`,
    titleEn: `${rr.rule}${req.court ? ` · ${req.court}` : ''}`,
    unit: '件',
    numeratorLabel: null,
    denominatorLabel: null,
    numerator: rr.failed,
    denominator: rr.checked,
    total: failures.length,
    rows,
  };
}
