// Round trip: each seed plan's 任务分解表 rendered to .xlsx and to .docx and imported back gives the same
// tasks, owners, departments and deadlines, compared on the IR.
import { describe, expect, it } from 'vitest';
import { tableDocx } from '../../src/harness/documents/table-docx.js';
import { tableXlsx } from '../../src/harness/documents/table-xlsx.js';
import { DEFAULT_FONTS } from '../../src/engine/documents/gongwen.js';
import { importTable } from '../../src/harness/commands/import.js';
import { SEEDS, compilePlanText, compileSeed, tableFacts } from './helpers.js';

describe('render --table, then import: the same tasks', () => {
  for (const seed of SEEDS) {
    for (const format of ['xlsx', 'docx'] as const) {
      it(`${seed} via .${format}`, async () => {
        const ir = compileSeed(seed);
        const data = format === 'xlsx' ? await tableXlsx(ir, DEFAULT_FONTS.body) : await tableDocx(ir, DEFAULT_FONTS);
        const { table, plan } = await importTable(`${seed}.${format}`, data, { source: `${seed}.${format}` });
        expect(table.tasks.length).toBe(ir.tasks.length);
        const back = compilePlanText(plan);
        expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(tableFacts(back.ir)).toEqual(tableFacts(ir));
      });
    }
  }
});
