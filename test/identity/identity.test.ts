// Court identity (src/engine/data/identity.ts): the data's courts matched to the plan's, uncovered courts
// counted and left out, handlers and teams identified within their court — each failure of issue 10 with
// its exact input.
import { describe, expect, it } from 'vitest';
import { storeFromRecords } from '../../src/engine/data/store.js';
import {
  identifyCourts,
  suggestCourt,
  courtKey,
  CourtIdentityError,
  courtResolver,
} from '../../src/engine/data/identity.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { compileText, evaluateText } from '../eval/helpers.js';
import { validateReport } from '../../src/engine/report/validate.js';

const PLAN = `方案 县域 {
  期间 2018-01-01 至 2018-12-31
  法院 象山法院, 宁海法院
  使用 std
}
法院 宁波中院 = "宁波市中级人民法院" 中院
法院 象山法院 = "象山县人民法院" 基层 上级 宁波中院
法院 宁海法院 = "宁海县人民法院" 基层 上级 宁波中院
目标 结案达标 : 结案率 >= 50% 每个法院 截至 2018-12-31
目标 团队结案 : 结案数 >= 1件 每个团队
目标 承办人结案 : 结案数 >= 1件 每个承办人
`;

let seq = 0;
function c(court: string, over: Partial<CaseRecord> = {}): CaseRecord {
  seq++;
  return {
    id: `(2018)浙执${seq}号`,
    court,
    type: '首执',
    filed: '2018-02-01',
    closed: '2018-05-01',
    closure: '执行完毕',
    claimed: 1000,
    recovered: 1000,
    property: true,
    handler: '张三',
    team: '执行一团队',
    events: [],
    ...over,
  };
}
const many = (n: number, court: string, over: Partial<CaseRecord> = {}) =>
  Array.from({ length: n }, () => c(court, over));

describe('courts matched to the plan', () => {
  it('a county court under its everyday name (××县法院) is not matched: counted, named with a did-you-mean, left out of every figure', () => {
    const records = [
      ...many(1111, '象山县法院'),
      ...many(4, '宁海县人民法院', { closed: null, closure: null }),
      ...many(4, '宁海县人民法院'),
    ];
    const r = evaluateText(PLAN, records, '2018-12-31');
    expect(r.courtIdentity!.unmatched).toEqual([{ name: '象山县法院', cases: 1111, suggestion: '象山县人民法院' }]);
    expect(r.courtIdentity!.excluded).toBe(1111);
    expect(r.courtIdentity!.withoutCases).toEqual(['象山县人民法院']);
    const rate = r.indicators.find((i) => i.name === '结案率')!;
    // Overall: only 宁海's 8 cases (4 closed) — not the 1,111 of the unmatched court.
    expect([rate.overall.numerator, rate.overall.denominator]).toEqual([4, 8]);
    expect(Object.keys(rate.courts)).toEqual(['宁海县人民法院']);
    const t = r.targets.find((x) => x.id === '结案达标')!;
    expect(Object.keys(t.stages[0]!.groups)).toEqual(['宁海县人民法院']);
    // The report schema describes court identity.
    expect(validateReport(JSON.parse(JSON.stringify(r)))).toEqual({ ok: true });
    expect(
      validateReport({
        ...r,
        courtIdentity: { ...r.courtIdentity, unmatched: [{ name: 'x', cases: -1, suggestion: null }] },
      }),
    ).toMatchObject({ ok: false });
  });

  it('the warning reads as the issue asks, in both languages', async () => {
    const { identityWarnings } = await import('../../src/engine/data/identity.js');
    const r = evaluateText(PLAN, [...many(1111, '象山县法院'), ...many(2, '宁海县人民法院')], '2018-12-31');
    expect(identityWarnings(r.courtIdentity!, 'zh')[0]).toBe(
      '1,111 件案件的法院“象山县法院”不在本方案的法院中，是否指“象山县人民法院”？这些案件未计入任何数字。',
    );
    expect(identityWarnings(r.courtIdentity!, 'en')[0]).toBe(
      '1,111 cases have the court "象山县法院", which is not one of this plan\'s courts — did you mean "象山县人民法院"? They are left out of every figure.',
    );
  });

  it("the plan's short name in the data counts as the court (one group, in per-court targets and overall)", () => {
    const r = evaluateText(
      PLAN,
      [...many(3, '象山法院'), ...many(2, '象山县人民法院'), ...many(1, '宁海县人民法院')],
      '2018-12-31',
    );
    const rate = r.indicators.find((i) => i.name === '结案数')!;
    expect(rate.courts).toEqual({
      象山县人民法院: { numerator: 5, denominator: null, value: 5 },
      宁海县人民法院: { numerator: 1, denominator: null, value: 1 },
    });
    expect(rate.overall.value).toBe(6);
    expect(r.courtIdentity!.renamed).toEqual([{ from: '象山法院', to: '象山县人民法院', cases: 3 }]);
    expect(r.courtIdentity!.unmatched).toEqual([]);
  });

  it('full-width forms and whitespace are normalised; configured aliases resolve', () => {
    expect(courtKey('象山县　人民法院 ')).toBe('象山县人民法院');
    expect(courtKey('ＡＢ法院')).toBe('AB法院');
    const r = evaluateText(PLAN, [...many(2, '象山县　人民法院'), ...many(3, '象山县法院')], '2018-12-31', {
      courts: { aliases: { 象山县法院: '象山法院' } },
    });
    expect(r.indicators.find((i) => i.name === '结案数')!.courts).toEqual({
      象山县人民法院: { numerator: 5, denominator: null, value: 5 },
    });
    expect(r.courtIdentity!.unmatched).toEqual([]);
  });

  it('an alias naming no declared court is an error that says so', () => {
    const ir = compileText(PLAN).ir;
    expect(() => courtResolver(ir, { aliases: { 象山县法院: '象山县法庭' } })).toThrow(CourtIdentityError);
    expect(() => courtResolver(ir, { aliases: { 象山县法院: '象山县法庭' } })).toThrow(
      '法院别名“象山县法院”指向的“象山县法庭”不是本方案声明的法院',
    );
  });

  it("another city's data: every case unmatched, a warning, no 'city-wide' figures", () => {
    const records = [...many(500, '承德市双桥区人民法院'), ...many(300, '重庆市万州区人民法院')];
    const r = evaluateText(PLAN, records, '2018-12-31');
    expect(r.courtIdentity!.unmatched.map((u) => [u.name, u.cases, u.suggestion])).toEqual([
      ['承德市双桥区人民法院', 500, null],
      ['重庆市万州区人民法院', 300, null],
    ]);
    expect(r.courtIdentity!.excluded).toBe(800);
    const n = r.indicators.find((i) => i.name === '结案数')!;
    expect(n.overall.value).toBe(0);
    expect(n.courts).toEqual({});
    expect(r.courtIdentity!.withoutCases).toEqual(['象山县人民法院', '宁海县人民法院']);
  });

  it("`courts.unmatched: include` keeps other courts' cases in the overall figure (not in per-court targets), still warned", () => {
    const r = evaluateText(PLAN, [...many(3, '象山县法院'), ...many(2, '宁海县人民法院')], '2018-12-31', {
      courts: { unmatched: 'include' },
    });
    expect(r.indicators.find((i) => i.name === '结案数')!.overall.value).toBe(5);
    expect(r.courtIdentity!.excluded).toBe(0);
    expect(r.courtIdentity!.unmatched).toEqual([{ name: '象山县法院', cases: 3, suggestion: '象山县人民法院' }]);
    expect(Object.keys(r.targets.find((t) => t.id === '结案达标')!.stages[0]!.groups)).toEqual(['宁海县人民法院']);
  });

  it('a plan without a 法院 clause keeps every court in the data', () => {
    const plan = PLAN.replace('  法院 象山法院, 宁海法院\n', '');
    const r = evaluateText(
      plan,
      [...many(3, '象山县法院'), ...many(2, '宁海县人民法院'), ...many(1, '象山法院')],
      '2018-12-31',
    );
    const n = r.indicators.find((i) => i.name === '结案数')!;
    expect(n.overall.value).toBe(6);
    // The short name still resolves; the everyday name is kept as it is.
    expect(n.courts).toEqual({
      象山县法院: { numerator: 3, denominator: null, value: 3 },
      宁海县人民法院: { numerator: 2, denominator: null, value: 2 },
      象山县人民法院: { numerator: 1, denominator: null, value: 1 },
    });
    expect(r.courtIdentity!.bound).toBe(false);
    expect(r.courtIdentity!.unmatched).toEqual([]);
  });

  it('did-you-mean: the same county or district, not a random court', () => {
    const covered = ['宁波市北仑区人民法院', '象山县人民法院', '余姚市人民法院'];
    expect(suggestCourt('北仑法院', covered)).toBe('宁波市北仑区人民法院');
    expect(suggestCourt('象山县法院', covered)).toBe('象山县人民法院');
    expect(suggestCourt('余姚法院', covered)).toBe('余姚市人民法院');
    expect(suggestCourt('重庆市万州区人民法院', covered)).toBeNull();
    // One character in common is another county, not a typo.
    expect(suggestCourt('重庆市万州区人民法院', ['宁波市鄞州区人民法院'])).toBeNull();
    expect(suggestCourt('宁波市江北区人民法院 ', ['宁波市江北区人民法院'])).toBe('宁波市江北区人民法院');
  });
});

describe('teams and handlers within their court', () => {
  it('执行一团队 of several courts stays separate teams, each shown with its court', () => {
    const records = [
      ...many(3, '象山县人民法院'),
      ...many(2, '宁海县人民法院'),
      ...many(1, '宁海县人民法院', { team: '执行二团队' }),
    ];
    const r = evaluateText(PLAN, records, '2018-12-31');
    const teams = r.indicators.find((i) => i.name === '结案数')!.teams!;
    expect(Object.fromEntries(Object.entries(teams).map(([k, f]) => [k, f.value]))).toEqual({
      '象山县人民法院 · 执行一团队': 3,
      '宁海县人民法院 · 执行一团队': 2,
      '宁海县人民法院 · 执行二团队': 1,
      '': 0,
    });
    expect(Object.keys(r.targets.find((t) => t.id === '团队结案')!.stages[0]!.groups)).toEqual([
      '',
      '宁海县人民法院 · 执行一团队',
      '宁海县人民法院 · 执行二团队',
      '象山县人民法院 · 执行一团队',
    ]);
  });

  it('the same handler name in two courts stays two people', () => {
    const r = evaluateText(
      PLAN,
      [...many(4, '象山县人民法院'), ...many(1, '宁海县人民法院', { closed: null, closure: null })],
      '2018-12-31',
    );
    const h = r.indicators.find((i) => i.name === '结案数')!.handlers!;
    expect(Object.fromEntries(Object.entries(h).map(([k, f]) => [k, f.value]))).toEqual({
      '象山县人民法院 · 张三': 4,
      '宁海县人民法院 · 张三': 0,
    });
    const t = r.targets.find((x) => x.id === '承办人结案')!;
    // Merged by name they would be one 张三 with 4 closures; as two people, 宁海's 张三 lags.
    expect(t.lagging).toEqual(['宁海县人民法院 · 张三']);
    expect(Object.keys(t.stages[0]!.groups).sort()).toEqual(['宁海县人民法院 · 张三', '象山县人民法院 · 张三']);
  });

  it('a plan comparing a handler by name still sees the bare name', () => {
    const plan =
      PLAN +
      '指标 张三结案 "张三结案数" = 计数(结案 其中 承办人 = "张三")\n指标 一团队结案 "一团队结案数" = 计数(结案 其中 团队 = "执行一团队")\n';
    const r = evaluateText(
      plan,
      [...many(2, '象山县人民法院'), ...many(1, '宁海县人民法院', { handler: '李四', team: '执行二团队' })],
      '2018-12-31',
    );
    expect(r.indicators.find((i) => i.name === '张三结案')!.overall.value).toBe(2);
    expect(r.indicators.find((i) => i.name === '一团队结案')!.overall.value).toBe(2);
  });

  it('identifying twice changes nothing (idempotent)', () => {
    const ir = compileText(PLAN).ir;
    const store = storeFromRecords([...many(2, '象山法院'), ...many(1, '宁海县人民法院'), ...many(1, '别的法院')]);
    const once = identifyCourts(ir, store).store;
    const twice = identifyCourts(ir, once);
    expect(twice.store.courts).toEqual(once.courts);
    expect(twice.store.handlers).toEqual(once.handlers);
    expect(twice.store.teams).toEqual(once.teams);
    expect([...twice.store.court]).toEqual([...once.court]);
    expect(twice.identity.renamed).toEqual([]);
    expect(once.n).toBe(3);
  });

  it('a data set is identified once per plan courts and options: the same store again, a fresh identity each time', () => {
    const store = storeFromRecords([...many(2, '象山法院'), ...many(1, '象山县法院'), ...many(1, '别的法院')]);
    const first = identifyCourts(compileText(PLAN).ir, store);
    // The plan compiled again (as `check --watch` does on each save) has the same courts: nothing is recomputed.
    const again = identifyCourts(compileText(PLAN).ir, store);
    expect(again.store).toBe(first.store);
    expect(again.identity).toEqual(first.identity);
    expect(again.identity).not.toBe(first.identity);
    first.identity.unmatched.length = 0;
    expect(identifyCourts(compileText(PLAN).ir, store).identity.unmatched.map((u) => u.name)).toEqual([
      '别的法院',
      '象山县法院',
    ]);
    // Other options or other courts: identified anew.
    const aliased = identifyCourts(compileText(PLAN).ir, store, { aliases: { 象山县法院: '象山法院' } });
    expect(aliased.store).not.toBe(first.store);
    expect(aliased.store.n).toBe(3);
    expect(aliased.identity.unmatched.map((u) => u.name)).toEqual(['别的法院']);
    const other = identifyCourts(compileText(PLAN.replace('法院 象山法院, 宁海法院', '法院 象山法院')).ir, store);
    expect(other.identity.covered).toEqual(['象山县人民法院']);
    expect(other.store.n).toBe(2);
  });
});
