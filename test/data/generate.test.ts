import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIsoDay } from '../../src/engine/time/calendar.js';
import {
  generateCases,
  generateProgress,
  generateRows,
  generateStaffing,
  isBrokenRow,
  presetNames,
} from '../../src/engine/generate/index.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { validateCase, validateProgress, validateStaffing } from '../../src/engine/data/validate.js';
import { storeRecords } from '../../src/engine/data/store.js';
import { genCommand } from '../../src/harness/commands/gen.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { captureIO, tempDir } from './helpers.js';

const D = (s: string): number => parseIsoDay(s)!;

async function gen(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await genCommand(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('generateCases', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes', async () => {
    const a = await gen(['--preset', 'ningbo', '--cases', '300', '--seed', '42']);
    const b = await gen(['--preset', 'ningbo', '--cases', '300', '--seed', '42']);
    const c = await gen(['--preset', 'ningbo', '--cases', '300', '--seed', '43']);
    expect(a.code).toBe(0);
    expect(a.out.split('\n')).toHaveLength(301);
    expect(a.out).toBe(b.out);
    expect(c.out).not.toBe(a.out);
    const csv1 = await gen([
      '--preset',
      'chengde',
      '--cases',
      '50',
      '--seed',
      '1',
      '--format',
      'csv',
      '--broken',
      '0.3',
    ]);
    const csv2 = await gen([
      '--preset',
      'chengde',
      '--cases',
      '50',
      '--seed',
      '1',
      '--format',
      'csv',
      '--broken',
      '0.3',
    ]);
    expect(csv1.out).toBe(csv2.out);
  });

  it.each(['ningbo', 'chongqing2', 'fujin', 'chengde'])(
    '%s: exact count, valid records, within range, nothing after the as-of date',
    (preset) => {
      const recs = [
        ...generateCases({ preset, cases: 1500, seed: 9, from: '2016-01-01', to: '2018-06-30', asOf: '2018-09-30' }),
      ];
      expect(recs).toHaveLength(1500);
      expect(new Set(recs.map((r) => r.id)).size).toBe(1500);
      for (const r of recs) {
        const v = validateCase(r);
        expect(v.problems).toEqual([]);
        expect(v.value).toEqual(r);
        expect(r.filed >= '2016-01-01' && r.filed <= '2018-06-30', `${r.id} filed ${r.filed}`).toBe(true);
        if (r.closed !== null) expect(r.closed <= '2018-09-30', `${r.id} closed ${r.closed}`).toBe(true);
        for (const e of r.events) expect(e.date <= '2018-09-30', `${r.id}: ${e.type} on ${e.date}`).toBe(true);
        const dates = r.events.map((e) => e.date);
        expect(dates).toEqual([...dates].sort());
      }
    },
  );

  it('has a realistic mix: types, closures, timelines, money', () => {
    const recs = [...generateCases({ preset: 'ningbo', cases: 8000, seed: 'mix' })];
    const share = (f: (r: CaseRecord) => boolean, of: CaseRecord[] = recs): number => of.filter(f).length / of.length;
    expect(share((r) => r.type === '首执')).toBeCloseTo(0.85, 1);
    expect(share((r) => r.type === '恢复执行')).toBeCloseTo(0.1, 1);
    const closed = recs.filter((r) => r.closed !== null);
    expect(closed.length / recs.length).toBeGreaterThan(0.8);
    expect(share((r) => r.closure === '执行完毕', closed)).toBeGreaterThan(0.4);
    expect(share((r) => r.closure === '执行完毕', closed)).toBeLessThan(0.55);
    expect(share((r) => r.closure === '终结本次执行程序', closed)).toBeGreaterThan(0.33);
    expect(share((r) => r.closure === '终结本次执行程序', closed)).toBeLessThan(0.45);
    expect(share((r) => r.closure === '终结执行', closed)).toBeGreaterThan(0.05);
    expect(share((r) => r.closure === '终结执行', closed)).toBeLessThan(0.12);
    for (const c of ['销案', '不予执行', '驳回申请']) expect([...new Set(closed.map((r) => r.closure))]).toContain(c);

    // 终本: most pass the rule's conditions, some deliberately do not.
    const zb = closed.filter((r) => r.closure === '终结本次执行程序');
    const passes = (r: CaseRecord): boolean => {
      const c = D(r.closed!);
      const ev = r.events.filter((e) => D(e.date) <= c);
      const has = (t: string): boolean => ev.some((e) => e.type === t);
      return (
        has('执行通知') &&
        has('报告财产令') &&
        has('限制消费') &&
        has('传统查控') &&
        has('约谈') &&
        ev.filter((e) => e.type === '总对总查控' || e.type === '点对点查控').length >= 2 &&
        c - D(r.filed) >= 92
      );
    };
    const pass = share(passes, zb);
    expect(pass).toBeGreaterThan(0.85);
    expect(pass).toBeLessThan(0.97);

    // 总对总查控 within 3 days for most new cases; 案款 paid out within 30 days for most.
    const first = recs.filter((r) => r.type !== '执行保全');
    expect(
      share((r) => r.events.some((e) => e.type === '总对总查控' && D(e.date) - D(r.filed) <= 3), first),
    ).toBeGreaterThan(0.75);
    let arrived = 0,
      paidSoon = 0;
    for (const r of recs) {
      const ins = r.events.filter((e) => e.type === '案款到账');
      if (r.closed !== null)
        expect(Math.round(ins.reduce((s, e) => s + e.amount! * 100, 0))).toBe(Math.round(r.recovered * 100));
      for (const e of ins) {
        arrived++;
        if (
          r.events.some(
            (o) =>
              o.type === '案款发放' && o.amount === e.amount && D(o.date) - D(e.date) <= 30 && D(o.date) >= D(e.date),
          )
        )
          paidSoon++;
      }
    }
    expect(paidSoon / arrived).toBeGreaterThan(0.8);
    const police = share((r) => r.events.some((e) => e.type === '移送公安'));
    expect(police).toBeGreaterThan(0.0003);
    expect(police).toBeLessThan(0.005);
    expect(share((r) => r.events.some((e) => e.type === '信访'))).toBeGreaterThan(0.005);
    expect(share((r) => r.events.some((e) => e.type === '终本巡查'), zb)).toBeGreaterThan(0.2);
    expect(share((r) => (r.tags ?? []).includes('涉民生'))).toBeGreaterThan(0.02);
    const perCase = recs.reduce((n, r) => n + r.events.length, 0) / recs.length;
    expect(perCase).toBeGreaterThan(5);
  });

  it('streams: ten million cases start at once', () => {
    const t = Date.now();
    let n = 0;
    for (const r of generateCases({ preset: 'ningbo', cases: 10_000_000, seed: 1 })) {
      expect(r.id).toMatch(/^\(2016\)浙02/);
      if (++n === 1000) break;
    }
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  it('mixes in deliberately bad rows that validation rejects', () => {
    const rows = [...generateRows({ preset: 'ningbo', cases: 2000, seed: 'bad', broken: 0.1 })];
    expect(rows).toHaveLength(2000);
    const broken = rows.filter(isBrokenRow);
    expect(broken.length).toBeGreaterThan(120);
    expect(broken.length).toBeLessThan(290);
    for (const b of broken) {
      if (b.defect === 'malformed' || b.defect === 'duplicate-id') continue; // format-level / cross-record
      const v = validateCase(b.value);
      if (b.defect === 'unknown-event-type') expect(v.problems.map((p) => p.code)).toContain('D0120');
      else expect(v.value).toBeNull();
    }
    // The clean rows are the same as without --broken.
    const clean = [...generateCases({ preset: 'ningbo', cases: 2000, seed: 'bad' })];
    rows.forEach((r, i) => {
      if (!isBrokenRow(r)) expect(r).toEqual(clean[i]);
    });
  });
});

describe("fujin2011 reproduces 富锦's reported figures exactly", () => {
  /** Domain §3's readings, in plain JS: window [from, to], as of T. */
  function figures(recs: CaseRecord[], from: string, to: string, asOf: string) {
    const end = to < asOf ? to : asOf;
    const closedBy = (r: CaseRecord): string | null => (r.closed !== null && r.closed <= asOf ? r.closed : null);
    const visible = recs.filter((r) => r.filed <= asOf);
    const accepted = visible.filter((r) => r.filed <= end && !((closedBy(r) ?? '9999') < from));
    const old = accepted.filter((r) => r.filed < from);
    const done = accepted.filter((r) => {
      const c = closedBy(r);
      return c !== null && c >= from && c <= end;
    });
    const fen = (rs: CaseRecord[], f: 'claimed' | 'recovered'): number =>
      rs.reduce((s, r) => s + Math.round(r[f] * 100), 0);
    return {
      accepted: accepted.length,
      old: old.length,
      fresh: accepted.length - old.length,
      closed: done.length,
      claimedAccepted: fen(accepted, 'claimed'),
      claimedClosed: fen(done, 'claimed'),
      recoveredClosed: fen(done, 'recovered'),
      real: done.filter((r) => r.closure === '执行完毕' || r.closure === '终结执行').length,
    };
  }

  it.each(['2011', '1', 'another seed'])('seed %s', (seed) => {
    const recs = [...generateCases({ preset: 'fujin2011', seed })];
    for (const r of recs) expect(validateCase(r).problems).toEqual([]);
    expect(new Set(recs.map((r) => r.court))).toEqual(new Set(['富锦市人民法院']));

    const y2011 = figures(recs, '2011-01-01', '2011-12-31', '2011-12-31');
    expect(y2011).toMatchObject({ accepted: 386, old: 15, fresh: 371, closed: 383 });
    expect(((y2011.closed / y2011.accepted) * 100).toFixed(2)).toBe('99.22');
    expect(y2011.claimedAccepted).toBe(22_490_000_00);
    expect(y2011.claimedClosed).toBe(20_460_000_00);
    expect(y2011.recoveredClosed * 1000).toBe(y2011.claimedClosed * 876); // 87.6% exactly
    expect((y2011.recoveredClosed / y2011.claimedClosed).toFixed(6)).toBe('0.876000');

    const since2010 = figures(recs, '2010-01-01', '2011-12-31', '2011-12-31');
    expect(since2010).toMatchObject({ accepted: 714, closed: 711, claimedClosed: 38_440_000_00 });
    expect(since2010.recoveredClosed * 100).toBe(since2010.claimedClosed * 73);
    expect(Math.round((since2010.real / since2010.closed) * 100)).toBe(76);
    const in2010to2011 = (t: string): number =>
      recs.flatMap((r) => r.events).filter((e) => e.type === t && e.date >= '2010-01-01' && e.date <= '2011-12-31')
        .length;
    expect([in2010to2011('拘留'), in2010to2011('罚款'), in2010to2011('信访'), in2010to2011('信访办结')]).toEqual([
      86, 11, 8, 8,
    ]);

    // The windows must exclude: cases closed in 2010 (for 2011), and what is after the as-of date.
    expect(
      recs.filter((r) => r.closed !== null && r.closed < '2011-01-01' && r.closed >= '2010-01-01').length,
    ).toBeGreaterThan(300);
    expect(recs.filter((r) => r.filed > '2011-12-31').length).toBeGreaterThan(0);
    expect(
      recs.filter((r) => r.filed <= '2011-12-31' && r.closed !== null && r.closed > '2011-12-31').length,
    ).toBeGreaterThan(0);
    expect(recs.filter((r) => r.closed !== null && r.closed < '2010-01-01').length).toBeGreaterThan(0);
  });
});

describe('progress reports and staffing', () => {
  it('ningbo progress reports are valid, numbered as the plan, some missing', () => {
    const reports = generateProgress('ningbo');
    for (const r of reports) expect(validateProgress(r).problems).toEqual([]);
    expect(reports.map((r) => r.task).filter((t) => !/^四\.\d+$/.test(t))).toEqual([]);
    const tasks = new Set(reports.map((r) => r.task));
    expect([...tasks]).toContain('四.3');
    expect(tasks.has('四.6')).toBe(false);
    const late = reports.find((r) => r.milestone === '完成2016年1月31日以来结案的所有终本案件核查和信息补录')!.done;
    expect(late > '2018-06-30', `done ${late}`).toBe(true);
  });

  it('ningbo staffing: basic courts around 15% of 政法编制, some below', () => {
    const rows = generateStaffing({ preset: 'ningbo', from: '2018-01-01', to: '2018-12-31' });
    expect(rows).toHaveLength(22);
    for (const r of rows) expect(validateStaffing(r).problems).toEqual([]);
    const end = rows
      .filter((r) => r.date === '2018-12-31' && r.court !== '宁波市中级人民法院')
      .map((r) => r.执行人员 / r.政法编制);
    expect(end).toHaveLength(10);
    for (const x of end) expect(x).toBeGreaterThan(0.12);
    for (const x of end) expect(x).toBeLessThan(0.18);
    expect(end.filter((x) => x < 0.15).length).toBeGreaterThanOrEqual(1);
    expect(end.filter((x) => x >= 0.15).length).toBeGreaterThanOrEqual(5);
  });
});

describe('luoshi gen', () => {
  it.each([
    [[], /--preset/],
    [['--preset', 'shanghai'], /unknown preset "shanghai"/],
    [['--preset', 'ningbo', '--cases', 'many'], /--cases/],
    [['--preset', 'ningbo', '--cases=-5'], /cases must be a whole number/],
    [['--preset', 'ningbo', '--from', '2018-02-30'], /from must be a date/],
    [['--preset', 'ningbo', '--from', '2018-05-01', '--to', '2018-01-01'], /before from/],
    [['--preset', 'ningbo', '--format', 'xlsx'], /--format/],
    [['--preset', 'ningbo', '--broken', '2'], /broken must be a fraction/],
    [['--preset', 'ningbo', '--bogus'], /bogus/],
    [['--preset', 'fujin2011', '--cases', '10'], /fixed data set/],
    [['--preset', 'chengde', '--progress-out', '-'], /no progress reports/],
    [['--preset', 'ningbo', '--encoding', 'gbk'], /needs an --out file/],
    [['--preset', 'ningbo', '--out', '/no/such/dir/x.ndjson'], /cannot write/],
  ])('%j is a usage error: exit 2, one line, no stack', async (args, message) => {
    const r = await gen(args as string[]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('prints help', async () => {
    const r = await gen(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(presetNames().join(' | '));
  });

  it('writes NDJSON, CSV (UTF-8 and GBK) and JSON that load back to the same cases', async () => {
    const dir = tempDir();
    const base = ['--preset', 'ningbo', '--cases', '400', '--seed', 'formats'];
    const files = {
      ndjson: join(dir, 'c.ndjson'),
      csv: join(dir, 'c.csv'),
      gbk: join(dir, 'gbk.csv'),
      json: join(dir, 'c.json'),
    };
    expect((await gen([...base, '--out', files.ndjson])).code).toBe(0);
    expect((await gen([...base, '--out', files.csv])).code).toBe(0);
    expect((await gen([...base, '--out', files.gbk, '--format', 'csv', '--encoding', 'gbk'])).code).toBe(0);
    expect((await gen([...base, '--out', files.json])).code).toBe(0);
    expect(readFileSync(files.csv, 'utf8').split('\r\n')[0]).toBe(
      '案号,法院,案件类型,立案日期,结案日期,结案方式,申请执行标的,实际到位金额,有财产可供执行,承办人,执行团队,标签,事件',
    );
    const expected = [...generateCases({ preset: 'ningbo', cases: 400, seed: 'formats' })];
    for (const f of Object.values(files)) {
      const r = await loadCases([f]);
      expect(r.problems).toEqual([]);
      expect([...storeRecords(r.store)]).toEqual(expected);
    }
    expect((await loadCases([files.gbk])).stats.files[0]!.encoding).toBe('gb18030');
  });

  it('writes staffing and progress without cases', async () => {
    const dir = tempDir();
    const s = join(dir, 's.ndjson'),
      p = join(dir, 'p.ndjson');
    const r = await gen(['--preset', 'ningbo', '--staffing-out', s, '--progress-out', p]);
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
    expect(readFileSync(s, 'utf8').trim().split('\n')).toHaveLength(6 * 11);
    expect(readFileSync(p, 'utf8').trim().split('\n').length).toBe(generateProgress('ningbo').length);
  });
});
