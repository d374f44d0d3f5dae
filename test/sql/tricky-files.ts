// Case files with lines of every kind the loaders have something to say about, among clean ones: the data of
// the `--engine duckdb --data FILE.ndjson` and `db load` tests (from-files.test.ts, from-files-commands.test.ts, copy.test.ts).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base, closedCase, line, rec } from '../data/example-lines.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export { base };

/** Lines of every kind the loaders have something to say about, among clean ones. */
export const TRICKY = [
  `\ufeff${base[0]}`, // a byte-order mark
  ...base.slice(1, 120),
  '',
  '{"id":"半行",',
  '   ',
  base[5]!, // the same 案号 as line 6
  line(10, { id: 'T1', court: '某某县人民法院' }), // a court no plan names
  line(11, { id: 'T2', filed: '2018-02-30' }),
  line(closedCase(12), { id: 'T3' }, [{ type: '约谈', date: '2030-01-01' }]),
  line(13, { id: 'T4', claimed: 1.234 }),
  line(14, { id: 'T5', 来源: '导入' }),
  line(15, { id: 'T6', handler: '张\u0001三' }),
  line(16, { id: 'T7', handler: undefined }),
  `${line(17, { id: 'T8' }).slice(0, -1)},}`, // a trailing comma (DuckDB's parser takes it)
  line(18, { id: 'T9', type: '终本' }),
  line(closedCase(19), { id: 'T10', closure: '终本' }),
  line(20, { id: 'T11', tags: ['甲', '乙'], team: '' }),
  line(21, { id: 'T12', claimed: 12.5, recovered: 0.29 }),
  '[1,2]',
  line(22, { id: 'T13' }).replace(/"recovered":[^,]+/, '"recovered":Infinity'),
  line(23, { id: 'T14', events: { type: '约谈' } }),
  JSON.stringify(rec(24)).replace(/"id":"[^"]+"/, '"案号":"T15"'), // Chinese keys, renamed by the loaders
  line(25, { id: 'T15' }), // a clean line with the id of the one before
  line(26, { id: 'T16' }).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  line(27, { id: 'T17' }, [{ type: '约谈', date: '2015-01-01' }]), // an event before filed: a warning
  line(28, { id: 'T18' }, [{ type: '案款到账' }]), // no amount
  line(29, { id: 'T19' }, [{ type: '自定义事件' }]),
  line(30, { id: 'T20', property: 'yes' }),
  line(31, { id: 'T21' }).replace('{', '{"id":"T21b",'), // a key twice
  line(32, { id: 'T22' }, [{ type: '约谈', note: '' }]),
  line(33, { id: 'T23', filed: '2018-1-05' }),
  ...base.slice(120, 400),
];
export const SECOND = [base[2]!, ...base.slice(400, 700), line(40, { id: 'T2' })];

/** `lines` written to `dir/name`, each ended by `eol`; its path. */
export const write = (dir: string, name: string, lines: string[], eol = '\n'): string => {
  const path = join(dir, name);
  writeFileSync(path, lines.join(eol) + eol);
  return path;
};

export const luoshi = (...args: string[]) =>
  spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
