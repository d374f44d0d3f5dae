// Which data goes with a plan, until the user says otherwise: files that share the plan's name stem
// (`ningbo-2018.plan` → `ningbo-2018.ndjson`, `progress-ningbo-2018.ndjson`), then any that share its
// first word (`ningbo`), then the data beside a plan in its own folder; staffing files of the same year
// (the server keeps only the courts that have cases). Once the plan is checked and still has no data, the
// one case file named with its period's year (`kpi.plan`, 期间 2011 → `fujin-2011.ndjson`). A choice made
// in the data picker is remembered per plan.
import type { DataSelection } from '../workers/protocol.js';
import type { FileEntry } from './state.js';

const base = (p: string): string => (p.split('/').pop() ?? p).replace(/\.[^.]+$/, '').toLowerCase();

const folderOf = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf('/')));

/** The files of a kind that may be picked (never those in a `broken/` folder). */
const candidates = (files: readonly FileEntry[], kind: FileEntry['kind']): FileEntry[] =>
  files.filter((f) => f.kind === kind && !f.path.split('/').includes('broken'));

export function guessData(plan: string, files: readonly FileEntry[]): DataSelection {
  const stem = base(plan);
  const first = stem.split(/[-_.]/)[0] ?? stem;
  const year = /(19|20)\d\d/.exec(stem)?.[0] ?? null;
  const mentions = (f: FileEntry, word: string): boolean => base(f.path).split(/[-_.]/).includes(word) || base(f.path) === word;
  const pick = (kind: FileEntry['kind'], extra: (f: FileEntry) => boolean): string[] => {
    const of = candidates(files, kind);
    const exact = of.filter((f) => base(f.path).includes(stem));
    if (exact.length) return exact.map((f) => f.path);
    const byWord = of.filter((f) => mentions(f, first));
    if (byWord.length) return byWord.map((f) => f.path);
    // A plan in its own folder with its data beside it (examples/plugins/x/kpi.plan and x/cases.ndjson).
    const beside = of.filter((f) => folderOf(f.path) === folderOf(plan));
    if (folderOf(plan) !== '' && beside.length) return beside.map((f) => f.path);
    return of.filter(extra).map((f) => f.path);
  };
  const cases = pick('cases', () => false).slice(0, 1);
  const progress = pick('progress', () => false);
  const staffing = cases.length ? pick('staffing', (f) => year !== null && mentions(f, year)) : [];
  return { cases, progress, staffing };
}

/** The one case file whose name carries the year the plan's period starts in, or null (none, or several). */
export function guessByPeriod(period: { from: string; to: string } | null, files: readonly FileEntry[]): DataSelection | null {
  if (!period) return null;
  const year = period.from.slice(0, 4);
  const found = candidates(files, 'cases').filter((f) => base(f.path).split(/[-_.]/).includes(year));
  return found.length === 1 ? { cases: [found[0]!.path], progress: [], staffing: [] } : null;
}

const KEY = 'luoshi.data.';

export function rememberedData(plan: string): DataSelection | null {
  try {
    const v = localStorage.getItem(KEY + plan);
    return v ? (JSON.parse(v) as DataSelection) : null;
  } catch {
    return null;
  }
}

export function rememberData(plan: string, sel: DataSelection): void {
  localStorage.setItem(KEY + plan, JSON.stringify(sel));
}
