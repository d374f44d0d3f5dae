// The data problems a person reads: errors first, each warning that repeats (缺少承办人 on every row) once
// with its count, and a count of what the list leaves out — never the first N in file order.
import type { DataProblem } from './problems.js';
import type { Lang } from '../lang.js';

export function problemLine(x: DataProblem, lang: Lang): string {
  return `${x.file}:${x.line}${x.column !== undefined ? `:${x.column}` : ''}: ${x.severity} ${x.code} [${x.field}]: ${lang === 'zh' ? x.message : x.messageEn}`;
}

/** Up to `limit` lines: every error (in file order), then the warnings, alike ones folded into one with their count. */
export function problemDigest(problems: readonly DataProblem[], lang: Lang, limit = 20): string[] {
  const zh = lang === 'zh';
  const errors = problems.filter((x) => x.severity === 'error');
  const alike = new Map<string, { first: DataProblem; n: number }>();
  for (const x of problems) {
    if (x.severity === 'error') continue;
    const key = `${x.file}\u0000${x.code}\u0000${x.field}\u0000${x.message}`;
    const seen = alike.get(key);
    if (seen) seen.n++;
    else alike.set(key, { first: x, n: 1 });
  }
  const lines = [
    ...errors.map((x) => ({ text: problemLine(x, lang), severity: 'error', n: 1 })),
    ...[...alike.values()].map(({ first, n }) => ({
      text: problemLine(first, lang) + (n > 1 ? (zh ? `（同类共 ${n} 条）` : ` (${n} records alike)`) : ''),
      severity: 'warning',
      n,
    })),
  ];
  const shown = lines.slice(0, limit);
  const rest = lines.slice(limit);
  const out = shown.map((l) => l.text);
  if (rest.length) {
    const e = rest.filter((l) => l.severity === 'error').reduce((s, l) => s + l.n, 0);
    const w = rest.filter((l) => l.severity !== 'error').reduce((s, l) => s + l.n, 0);
    out.push(
      zh
        ? `… 另有 ${e} 条错误、${w} 条警告（--format json 列出全部）`
        : `… ${e} more error(s), ${w} more warning(s) (--format json lists them)`,
    );
  }
  return out;
}
