// Plugins' lints on a compiled plan: each finding checked against the codes its manifest declares.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { PlanIR } from '../../ir/types.js';
import type { LintDecl, LintFinding, LintProvider } from '../api.js';
import { errorText } from '../timeout.js';
import type { HostCore } from './core.js';

/** Runs every lint on a compiled plan (activating their plugins): the findings as diagnostics. */
export async function lint(
  core: HostCore,
  ir: PlanIR,
  files: readonly string[],
  entryFile: string,
): Promise<Diagnostic[]> {
  await core.activateByEvent('onLint');
  const out: Diagnostic[] = [];
  for (const e of core.live<LintDecl, LintProvider>('lints')) {
    const rec = core.record(e.plugin)!;
    if (rec.state !== 'active' || !e.impl) continue;
    const impl = e.impl;
    const r = await core.guard(
      rec,
      `lint ${e.key}`,
      `运行检查规则 ${e.key} `,
      () => impl.check({ ir, files, settings: rec.settings }),
      rec.builtin ? Infinity : core.callTimeoutMs,
    );
    if (!r.ok) {
      if (r.timedOut) core.trouble(rec, 'P0007', 'lint', { ms: core.callTimeoutMs });
      else core.trouble(rec, 'P0006', 'lint', { why: `${e.key}: ${errorText(r.error)}` });
      continue;
    }
    if (!Array.isArray(r.value)) {
      core.trouble(rec, 'P0008', 'lint', { why: `${e.key}: check() 应返回数组 / check() must return an array` });
      continue;
    }
    for (const f of r.value as unknown[]) {
      const bad = badFinding(f, e.decl);
      if (bad) {
        core.trouble(rec, 'P0008', 'lint', { why: `${e.key}: ${bad}` });
        break;
      }
      const x = f as LintFinding;
      const line = Math.max(0, (x.source?.line ?? 1) - 1);
      const at = { line, column: 0, offset: 0 };
      out.push({
        code: x.code,
        severity: x.severity ?? e.decl.codes[x.code]!.severity,
        file: x.source?.file ?? entryFile,
        range: { start: at, end: at },
        message: `${x.message}（${rec.id}）`,
        messageEn: `${x.messageEn ?? x.message} (${rec.id})`,
      });
    }
  }
  return out;
}

function badFinding(f: unknown, decl: LintDecl): string | null {
  if (!f || typeof f !== 'object') return `发现应为对象 / a finding must be an object, got ${JSON.stringify(f)}`;
  const x = f as Record<string, unknown>;
  if (typeof x.code !== 'string' || !(x.code in decl.codes))
    return `代码 ${JSON.stringify(x.code)} 未在清单中声明 / code ${JSON.stringify(x.code)} is not declared (declared: ${Object.keys(decl.codes).join(', ')})`;
  if (typeof x.message !== 'string' || x.message === '')
    return 'message 应为非空文本 / message must be a non-empty string';
  if (x.severity !== undefined && !['error', 'warning', 'info'].includes(x.severity as string))
    return `severity ${JSON.stringify(x.severity)} 无效 / is not error, warning or info`;
  const s = x.source as Record<string, unknown> | undefined;
  if (
    s !== undefined &&
    (typeof s !== 'object' || s === null || typeof s.file !== 'string' || typeof s.line !== 'number')
  )
    return 'source 应为 {file, line} / source must be {file, line}';
  return null;
}
