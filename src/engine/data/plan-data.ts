// Which data goes with a plan, as luoshi.config.yaml's `data:` names it: a list of rules, each naming the
// plans it is for and their case, progress and staffing files, all as files or globs relative to the
// configuration's folder. The first rule whose `plans` matches the plan applies. Platform-neutral: paths
// here are '/'-separated; the harness and the server resolve them against the file system.
//
//   data:
//     - plans: ningbo-2018.plan
//       cases: ../examples/data/ningbo-2018.ndjson
//       progress: ../examples/data/progress-ningbo-2018.ndjson
//       staffing: ../examples/data/staffing-2018.ndjson
//       people: ../examples/people-ningbo-2018.csv
//     - plans: "fujin/*.plan"
//       cases: ["data/fujin-*.ndjson", "data/extra/**/*.csv"]

export interface DataRule {
  plans: string[];
  cases: string[];
  progress: string[];
  staffing: string[];
  /** People files (人员名单: who holds each per-court role in each court; src/engine/check/people-file.ts). */
  people?: string[];
  /** The rule's line in the configuration (0-based). */
  line: number;
}

/** The data a plan is evaluated with: workspace or file paths of each kind. */
export interface DataFiles {
  cases: string[];
  progress: string[];
  staffing: string[];
}

/** A path with `.` and `..` segments resolved and repeated slashes collapsed ('/'-separated). */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out.at(-1) !== '..') out.pop();
    else if (seg === '..' && absolute) continue;
    else out.push(seg);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** `base` joined with `rel` ('/'-separated); an absolute `rel` stands alone. */
export function joinPath(base: string, rel: string): string {
  return normalizePath(rel.startsWith('/') || base === '' ? rel : `${base}/${rel}`);
}

export const isGlob = (pattern: string): boolean => /[*?[{]/.test(pattern);

/**
 * A glob as a regular expression over whole '/'-separated paths: `*` and `?` within one segment, `**`
 * any number of segments, `{a,b}` alternatives, `[abc]` a character class.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let k = 0; k < glob.length; k++) {
    const c = glob[k]!;
    if (c === '*') {
      if (glob[k + 1] === '*') {
        const slashAfter = glob[k + 2] === '/';
        re += slashAfter ? '(?:[^/]*/)*' : '.*';
        k += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', k + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(k + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        k = end;
      }
    } else if (c === '{') {
      re += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      re += ')';
      depth--;
    } else if (c === ',' && depth > 0) re += '|';
    else re += c.replace(/[.+^$()|\\\]{}]/g, '\\$&');
  }
  while (depth-- > 0) re += ')';
  return new RegExp(`^${re}$`, 'u');
}

/** Whether `path` matches any of `globs` (both '/'-separated, in the same frame). */
export function matchesAny(globs: readonly string[], path: string): boolean {
  return globs.some((g) => globToRegExp(g).test(path));
}

/** The rule for a plan (its path relative to the configuration's folder), or null when none names it. */
export function ruleFor(rules: readonly DataRule[] | undefined, planPath: string): DataRule | null {
  const p = normalizePath(planPath);
  return rules?.find((r) => matchesAny(r.plans.map(normalizePath), p)) ?? null;
}

/** The rule's patterns of each kind, re-rooted at `base` (the configuration's folder in the caller's frame). */
export function rootedRule(rule: DataRule, base: string): DataFiles {
  const root = (ps: string[]): string[] => ps.map((p) => joinPath(base, p));
  return { cases: root(rule.cases), progress: root(rule.progress), staffing: root(rule.staffing) };
}
