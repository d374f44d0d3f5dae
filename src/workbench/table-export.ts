// Exporting a table of the workbench (the overview, a ranking, the cases behind a number, the task list,
// the responsibility matrix) as CSV or .xlsx: the engine's table model and writers (report/table.ts,
// report/table-xlsx.ts), the same as `luoshi explain --format csv|xlsx`. exceljs (about 0.9 MB) is
// loaded only when a workbook is first asked for.
import { tableCsv, type DataTable } from '../engine/report/table.js';
import { tablesXlsx, type ExcelModule } from '../engine/report/table-xlsx.js';
import { h } from './dom.js';
import { pick } from './i18n.js';

/** Hands a made file to the browser as a download. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let excel: Promise<ExcelModule> | null = null;

function loadExcel(): Promise<ExcelModule> {
  // The browser bundle of exceljs is a CommonJS namespace: its Workbook is on `default` once bundled.
  excel ??= import('exceljs').then((m) => (m as { default?: ExcelModule }).default ?? (m as unknown as ExcelModule));
  return excel;
}

/** A file name from a table's title: no path separators or characters a file system refuses. */
export function fileName(t: DataTable, format: 'csv' | 'xlsx'): string {
  return `${t.title.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'table'}.${format}`;
}

/** Writes the table as CSV (UTF-8 with BOM) or .xlsx and downloads it; returns the file's name. */
export async function exportTable(t: DataTable, format: 'csv' | 'xlsx'): Promise<string> {
  const name = fileName(t, format);
  if (format === 'csv') download(name, new Blob([tableCsv(t)], { type: 'text/csv;charset=utf-8' }));
  else {
    const bytes = await tablesXlsx(await loadExcel(), [t]);
    download(
      name,
      new Blob([bytes as Uint8Array<ArrayBuffer>], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
    );
  }
  return name;
}

/** The "CSV" and "Excel" buttons of a view's toolbar; `table` makes the table when one is pressed. */
export function exportButtons(
  id: string,
  table: () => DataTable | null | Promise<DataTable | null>,
  onError: (message: string) => void,
): HTMLElement {
  const run = async (format: 'csv' | 'xlsx'): Promise<void> => {
    try {
      const t = await table();
      if (t) await exportTable(t, format);
    } catch (e) {
      onError(`${pick('导出失败', 'export failed')}: ${(e as Error).message}`);
    }
  };
  return h(
    'span.export',
    h(
      'button',
      {
        'data-testid': `${id}-export-csv`,
        title: pick('导出为 CSV（Excel 可直接打开）', 'export as CSV (opens in Excel)'),
        onclick: () => {
          void run('csv');
        },
      },
      'CSV',
    ),
    h(
      'button',
      {
        'data-testid': `${id}-export-xlsx`,
        title: pick('导出为 Excel 工作簿（.xlsx）', 'export as an Excel workbook (.xlsx)'),
        onclick: () => {
          void run('xlsx');
        },
      },
      'Excel',
    ),
  );
}
