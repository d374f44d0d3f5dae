// Diagnostics for people (tsc style: `file:line:col: severity code: message`), and for machines (JSON, SARIF).
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { codeTitle } from '../diagnostics/codes.js';
import type { Lang } from '../lang.js';

export type { Lang };

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

export function formatDiagnosticText(d: Diagnostic, lang: Lang, color = false): string {
  const sev = lang === 'zh' ? SEVERITY_ZH[d.severity] : d.severity;
  const paint = color ? (d.severity === 'error' ? '\x1b[31m' : d.severity === 'warning' ? '\x1b[33m' : '\x1b[36m') : '';
  const reset = color ? '\x1b[0m' : '';
  const msg = lang === 'zh' ? d.message : d.messageEn;
  const fix = d.fix ? (lang === 'zh' ? `（修正：${d.fix.title}）` : ` (fix: ${d.fix.titleEn})`) : '';
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${paint}${sev} ${d.code}${reset}: ${msg}${fix}`;
}

export function summaryLine(files: number, errors: number, warnings: number, lang: Lang): string {
  if (lang === 'zh') return `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告`;
  return `checked ${files} file${files === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** Diagnostics as plain data: 1-based lines and columns, as editors and people count. */
export function diagnosticsJson(ds: Diagnostic[]): unknown {
  return ds.map((d) => ({
    file: d.file,
    code: d.code,
    severity: d.severity,
    line: d.range.start.line + 1,
    column: d.range.start.column + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.column + 1,
    message: d.message,
    messageEn: d.messageEn,
    ...(d.fix ? { fix: d.fix } : {}),
  }));
}

/** SARIF 2.1.0, so code-scanning tools show plan problems inline. */
export function diagnosticsSarif(ds: Diagnostic[], version: string): unknown {
  const used = [...new Set(ds.map((d) => d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'luoshi',
            version,
            informationUri: 'https://example.invalid/luoshi',
            rules: used.map((code) => ({
              id: code,
              name: codeTitle(code) ?? code,
              shortDescription: { text: codeTitle(code) ?? code },
            })),
          },
        },
        results: ds.map((d) => ({
          ruleId: d.code,
          level: d.severity === 'info' ? 'note' : d.severity,
          message: { text: `${d.message} / ${d.messageEn}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.column + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.column + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}
