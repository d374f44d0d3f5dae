// docs/data.md is current: every D-code the source can report is in its table (and nothing else is), and
// its field tables list exactly the Chinese names that data files and fixtures accept.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_CODES } from '../../src/engine/data/problems.js';
import { EVENT_FIELD_NAMES, FIELD_NAMES, RECORD_FIELDS } from '../../src/engine/data/fields.js';
import type { RecordKind } from '../../src/engine/data/fields.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';

const doc = readFileSync(join(PACKAGE_ROOT, 'docs', 'data.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The rows of the markdown table that follows `heading`, as cells. */
function table(heading: string): string[][] {
  const from = doc.indexOf(heading);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const lines = doc.slice(from).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('docs/data.md', () => {
  it('lists every D-code of the source, each with an example message, and no other', () => {
    const used = new Set<string>();
    for (const f of sources(join(PACKAGE_ROOT, 'src')))
      for (const m of readFileSync(f, 'utf8').matchAll(/'(D\d{4})'/g)) used.add(m[1]!);
    for (const c of Object.keys(DATA_CODES)) used.add(c);
    const rows = table('## Problems (D-codes)');
    const documented = rows.map((r) => r[0]!);
    expect([...documented].sort()).toEqual([...used].sort());
    for (const r of rows) expect(r[3], r[0]).toMatch(/\S/);
    expect(used.size).toBeGreaterThan(35);
  });

  it('lists, per field, exactly the Chinese names the loaders accept', () => {
    const check = (heading: string, names: Readonly<Record<string, string>>, fields: readonly string[]): void => {
      const rows = table(heading);
      expect(rows.map((r) => r[0]!.replace(/`/g, ''))).toEqual(fields);
      for (const r of rows) {
        const field = r[0]!.replace(/`/g, '');
        const listed = r[1]!.split(/,\s*/).filter((n) => n !== field);
        const accepted = Object.entries(names)
          .filter(([, f]) => f === field)
          .map(([zh]) => zh);
        expect(listed.sort(), field).toEqual(accepted.sort());
      }
    };
    const headings: Record<RecordKind, string> = {
      cases: '## The case record',
      progress: '## Progress reports',
      staffing: '## Staffing',
    };
    for (const kind of ['cases', 'progress', 'staffing'] as const)
      check(headings[kind], FIELD_NAMES[kind], RECORD_FIELDS[kind]);
    check('An **event**', EVENT_FIELD_NAMES, ['type', 'date', 'amount', 'note']);
  });
});
