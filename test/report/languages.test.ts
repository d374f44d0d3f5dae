// Chinese output has no English words and English output no Chinese, except names (of the plan, its
// courts, people, tasks, indicators; of files): every format a person reads, in both languages.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DATA = [
  '--data',
  'examples/data/ningbo-2018.ndjson',
  '--progress',
  'examples/data/progress-ningbo-2018.ndjson',
  '--staffing',
  'examples/data/staffing-2018.ndjson',
];
const CHECK = ['check', 'policies/ningbo-2018.plan', ...DATA, '--as-of', '2018-09-30'];
const REPLAY = [
  'replay',
  'policies/ningbo-2018.plan',
  ...DATA,
  '--from',
  '2018-04-30',
  '--to',
  '2018-09-30',
  '--step',
  'month',
];

function run(args: string[]): string {
  const r = spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`luoshi ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/** Every string in a JSON value that is a name: it has a Chinese character or is a path. */
function names(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === 'string') {
    if (/[\u4e00-\u9fff]/.test(v) || v.includes('/')) out.add(v);
  } else if (Array.isArray(v)) for (const x of v) names(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (/[\u4e00-\u9fff]/.test(k)) out.add(k);
      names(x, out);
    }
  return out;
}

/** The text with every name removed (longest first, so a name inside another goes with it). */
function withoutNames(text: string, all: Set<string>): string {
  let s = text;
  for (const n of [...all].sort((a, b) => b.length - a.length)) s = s.split(n).join(' ');
  return s;
}

const HTML_OR_CODE = /<[^>]*>|&[a-z]+;|\b[DEW]\d{4}\b|--[a-z-]+|\b(?:ndjson|json|csv|xlsx|yaml|md|html)\b/g;

// Each test runs the CLI five times over 3,000 cases (the HTML replay draws its charts too): on a busy
// machine that outlasts the default timeout.
const SLOW = 240_000;

describe('one language per output', () => {
  const report = JSON.parse(run([...CHECK, '--format', 'json'])) as unknown;
  const replay = JSON.parse(run([...REPLAY, '--format', 'json'])) as unknown;
  const known = names([report, replay]);
  // Chart legends name a court without its 人民法院 suffix.
  for (const n of [...known]) if (n.endsWith('人民法院') && n.length > 4) known.add(n.slice(0, -4));
  const outputs = (lang: 'zh' | 'en'): Record<string, string> => ({
    text: run([...CHECK, '--lang', lang]),
    markdown: run([...CHECK, '--format', 'md', '--lang', lang]),
    'replay text': run([...REPLAY, '--lang', lang]),
    'replay html': run([...REPLAY, '--format', 'html', '--lang', lang]).replace(/<style>[\s\S]*?<\/style>/, ''),
    bulletin: run([...CHECK, '--format', 'bulletin', '--lang', lang]),
    'bulletin md': run([...CHECK, '--format', 'bulletin-md', '--lang', lang]),
    'bulletin html': run([...CHECK, '--format', 'bulletin-html', '--lang', lang]).replace(
      /<style>[\s\S]*?<\/style>/,
      '',
    ),
  });

  it('numbers counted over different cases say over which: a yearly target its year, a rule its cases', () => {
    const text = run([...CHECK, '--lang', 'zh']);
    expect(text).toMatch(/^执结率达标 +结案率 +≥ 95% 截至 2018-12-31 每个法院 每年（2018） /m);
    expect(text).toMatch(/^规则 终本条件（截至 2018-09-30 立案的全部适用案件）: 检查 \d+ 件/m);
    expect(run([...CHECK, '--lang', 'en'])).toMatch(
      /^Rule 终本条件 \(every case in scope filed by 2018-09-30\): \d+ checked/m,
    );
  });

  it(
    'Chinese: no English words',
    () => {
      for (const [format, text] of Object.entries(outputs('zh'))) {
        const words =
          withoutNames(text, known)
            .replace(HTML_OR_CODE, ' ')
            .match(/[A-Za-z]{2,}/g) ?? [];
        expect([format, [...new Set(words)]]).toEqual([format, []]);
      }
    },
    SLOW,
  );

  it(
    'English: no Chinese outside names (JUnit included)',
    () => {
      for (const [format, text] of Object.entries({ ...outputs('en'), junit: run([...CHECK, '--format', 'junit']) })) {
        // A name clipped to fit a column ("分管刑事审判工作…") is still a name.
        const left =
          withoutNames(text, known)
            .replace(/[\u4e00-\u9fff]+…/g, ' ')
            .match(/[^\n]{0,20}[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+[^\n]{0,20}/g) ?? [];
        expect([format, left]).toEqual([format, []]);
      }
    },
    SLOW,
  );
});
