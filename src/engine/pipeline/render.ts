// The stage timings (`--metrics`) for people, as a table in one language, and as data for JSON output.
import { groupDigits } from '../report/render-values.js';
import { table } from '../report/text-table.js';
import type { Lang } from '../report/diagnostics-format.js';
import { STAGES } from './stages.js';
import type { StageTiming } from './metrics.js';

const ms = (v: number): string => groupDigits(v.toFixed(1));

/** The table in one language, or in both (`中文 / English`) where a command speaks both. */
export function metricsTable(timings: readonly StageTiming[], lang: Lang | 'both'): string {
  const say = (zh: string, en: string): string => (lang === 'zh' ? zh : lang === 'en' ? en : `${zh} / ${en}`);
  const rows = [[say('阶段', 'stage'), say('次数', 'runs'), say('毫秒', 'ms'), say('所在', 'where')]];
  for (const t of timings) {
    const s = STAGES.find((x) => x.name === t.stage)!;
    rows.push([say(s.zh, s.en), String(t.runs), ms(t.ms), s.file]);
  }
  const total = timings.reduce((n, t) => n + t.ms, 0);
  rows.push([say('合计', 'total'), '', ms(total), '']);
  return table(rows) + '\n';
}

/** The timings as JSON output carries them: milliseconds to the microsecond. */
export function metricsJson(timings: readonly StageTiming[]): Array<{ stage: string; runs: number; ms: number }> {
  return timings.map((t) => ({ stage: t.stage, runs: t.runs, ms: Math.round(t.ms * 1000) / 1000 }));
}
