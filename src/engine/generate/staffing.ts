// Example staffing: each preset court's 执行人员 and 政法编制 at each half-year's end.
import { formatDay, parseIsoDay } from '../time/calendar.js';
import type { StaffingRecord } from '../data/record.js';
import { FUJIN2011, PRESETS, presetNames } from './presets.js';
import { DAY, GenError, type GenOptions } from './options.js';

/**
 * Staffing of the preset's courts at each 06-30 and 12-31 within [from, to]: 执行人员 grows from the
 * court's starting share of 政法编制 to its final share (宁波's basic courts around 15%, two below).
 */
export function generateStaffing(opts: Pick<GenOptions, 'preset' | 'from' | 'to'>): StaffingRecord[] {
  const name = opts.preset === FUJIN2011 ? 'fujin' : opts.preset;
  const preset = PRESETS[name];
  if (!preset) throw new GenError(`unknown preset "${opts.preset}" (known: ${presetNames().join(', ')})`);
  const p0 = DAY(preset.from),
    p1 = DAY(preset.to);
  const from = parseIsoDay(opts.from ?? preset.from),
    to = parseIsoDay(opts.to ?? preset.to);
  if (from === null || to === null) throw new GenError('from and to must be dates YYYY-MM-DD');
  const out: StaffingRecord[] = [];
  const y0 = Number(formatDay(from).slice(0, 4)),
    y1 = Number(formatDay(to).slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    for (const md of ['06-30', '12-31']) {
      const d = DAY(`${y}-${md}`);
      if (d < from || d > to) continue;
      const t = Math.min(1, Math.max(0, (d - p0) / Math.max(1, p1 - p0)));
      for (const c of preset.courts) {
        const share = c.ratio[0] + (c.ratio[1] - c.ratio[0]) * t;
        const staff = Math.round(c.quota * share);
        out.push({
          court: c.name,
          date: formatDay(d),
          执行人员: staff,
          政法编制: c.quota,
          员额法官: Math.round(staff * 0.3),
        });
      }
    }
  }
  return out;
}
