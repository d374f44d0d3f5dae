// Built-in plugin `luoshi.formats`: the report formats of `--format`, as thin adapters over the renderers
// (report/render.ts, report/diagnostics-format.ts, report/replay-render.ts). A plugin adds more formats
// the same way (`--format xlsx`).
import type { FormatInput, FormatOptions, PluginManifest, PluginModule } from '../api.js';
import { renderJUnit, renderMarkdown, renderText } from '../../report/render.js';
import { renderBulletinHtml, renderBulletinMarkdown, renderBulletinText } from '../../report/bulletin-render.js';
import { tableCsv } from '../../report/table.js';
import { overviewTable } from '../../report/tables.js';
import {
  diagnosticsJson,
  diagnosticsSarif,
  formatDiagnosticText,
  summaryLine,
} from '../../report/diagnostics-format.js';
import { renderReplayCsv, renderReplayHtml, renderReplayText } from '../../report/replay-render.js';

export const FORMATS_MANIFEST: PluginManifest = {
  id: 'luoshi.formats',
  name: '标准输出格式 / standard report formats',
  version: '1.0.0',
  engines: { luoshi: '*' },
  main: 'builtin',
  contributes: {
    formats: [
      {
        name: 'text',
        title: { zh: '文本', en: 'text' },
        kinds: ['report', 'diagnostics', 'replay'],
        extension: '.txt',
        mediaType: 'text/plain',
      },
      {
        name: 'json',
        title: 'JSON',
        kinds: ['report', 'diagnostics', 'replay'],
        extension: '.json',
        mediaType: 'application/json',
      },
      { name: 'md', title: 'Markdown', kinds: ['report'], extension: '.md', mediaType: 'text/markdown' },
      { name: 'junit', title: 'JUnit XML', kinds: ['report'], extension: '.xml', mediaType: 'application/xml' },
      {
        name: 'sarif',
        title: 'SARIF 2.1.0',
        kinds: ['diagnostics'],
        extension: '.sarif',
        mediaType: 'application/sarif+json',
      },
      { name: 'html', title: 'HTML', kinds: ['replay'], extension: '.html', mediaType: 'text/html' },
      { name: 'csv', title: 'CSV', kinds: ['replay'], extension: '.csv', mediaType: 'text/csv' },
      {
        name: 'bulletin',
        title: { zh: '通报（文本）', en: 'bulletin (text)' },
        kinds: ['report'],
        extension: '.txt',
        mediaType: 'text/plain',
      },
      {
        name: 'bulletin-md',
        title: { zh: '通报（Markdown）', en: 'bulletin (Markdown)' },
        kinds: ['report'],
        extension: '.md',
        mediaType: 'text/markdown',
      },
      {
        name: 'bulletin-html',
        title: { zh: '通报（HTML）', en: 'bulletin (HTML)' },
        kinds: ['report'],
        extension: '.html',
        mediaType: 'text/html',
      },
      {
        name: 'bulletin-csv',
        title: { zh: '通报总览（CSV）', en: 'bulletin overview (CSV)' },
        kinds: ['report'],
        extension: '.csv',
        mediaType: 'text/csv',
      },
    ],
  },
};

const unsupported = (name: string, input: FormatInput): never => {
  throw new Error(`format ${name} does not render ${input.kind}`);
};

const text = (input: FormatInput, o: FormatOptions): string => {
  switch (input.kind) {
    case 'report':
      return input.reports.map((r) => renderText(r, o.lang, o.color)).join('\n');
    case 'replay':
      return renderReplayText(input.result, o.lang);
    case 'diagnostics': {
      const lines = input.diagnostics
        .filter((d) => !o.quiet || d.severity === 'error')
        .map((d) => formatDiagnosticText(d, o.lang, o.color) + '\n');
      return lines.join('') + summaryLine(input.files.length, input.errors, input.warnings, o.lang) + '\n';
    }
  }
};

const json = (input: FormatInput): string => {
  switch (input.kind) {
    case 'report':
      return JSON.stringify(input.reports.length === 1 ? input.reports[0] : input.reports, null, 2) + '\n';
    case 'replay':
      return JSON.stringify(input.result, null, 2) + '\n';
    case 'diagnostics':
      return (
        JSON.stringify(
          {
            files: input.files,
            errors: input.errors,
            warnings: input.warnings,
            diagnostics: diagnosticsJson(input.diagnostics),
          },
          null,
          2,
        ) + '\n'
      );
  }
};

export const FORMATS_MODULE: PluginModule = {
  activate(ctx) {
    ctx.formats.register('text', { render: text });
    ctx.formats.register('json', { render: json });
    ctx.formats.register('md', {
      render: (i, o) =>
        i.kind === 'report' ? i.reports.map((r) => renderMarkdown(r, o.lang)).join('\n') : unsupported('md', i),
    });
    ctx.formats.register('junit', {
      render: (i) => (i.kind === 'report' ? renderJUnit(i.reports) : unsupported('junit', i)),
    });
    ctx.formats.register('sarif', {
      render: (i) =>
        i.kind === 'diagnostics'
          ? JSON.stringify(diagnosticsSarif(i.diagnostics, i.version), null, 2) + '\n'
          : unsupported('sarif', i),
    });
    ctx.formats.register('html', {
      render: (i, o) => (i.kind === 'replay' ? renderReplayHtml(i.result, o.lang, i.charts) : unsupported('html', i)),
    });
    ctx.formats.register('csv', {
      render: (i) => (i.kind === 'replay' ? renderReplayCsv(i.result) : unsupported('csv', i)),
    });
    ctx.formats.register('bulletin', {
      render: (i, o) =>
        i.kind === 'report'
          ? i.reports.map((r) => renderBulletinText(r, o.lang)).join('\n')
          : unsupported('bulletin', i),
    });
    ctx.formats.register('bulletin-md', {
      render: (i, o) =>
        i.kind === 'report'
          ? i.reports.map((r) => renderBulletinMarkdown(r, o.lang)).join('\n')
          : unsupported('bulletin-md', i),
    });
    // Several plans: one table after the other, the byte-order mark once at the start.
    ctx.formats.register('bulletin-csv', {
      render: (i, o) =>
        i.kind === 'report'
          ? i.reports.map((r, k) => tableCsv(overviewTable(r, o.lang)).slice(k === 0 ? 0 : 1)).join('\r\n')
          : unsupported('bulletin-csv', i),
    });
    ctx.formats.register('bulletin-html', {
      render: (i, o) =>
        i.kind === 'report'
          ? i.reports.map((r) => renderBulletinHtml(r, o.lang)).join('\n')
          : unsupported('bulletin-html', i),
    });
  },
};
