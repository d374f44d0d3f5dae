// A hand-built set of 28 enforcement cases (canonical record, domain §1) with every figure of the
// standard indicators (domain §3) worked out BY HAND, for two as-of dates. The DuckDB peer is tested
// against it (test/peer/duckdb-indicators.test.ts); the engine's tests reuse it unchanged.
//
// Labels K01…K28 are the case numbers 1…28; A = 海曙 court, B = 江北 court. Readings that the domain
// text leaves open follow bench/peer/README.md.

export interface FixtureEvent {
  type: string;
  date: string;
  amount?: number;
}

/** A case record as it stands in the NDJSON file; absent keys are left out on purpose in some cases. */
export interface FixtureCase {
  id: string;
  court: string;
  type?: '首执' | '恢复执行' | '执行保全';
  filed: string;
  closed: string | null;
  closure: string | null;
  claimed: number;
  recovered: number;
  property?: boolean | null;
  handler: string;
  team?: string;
  tags?: string[];
  events: FixtureEvent[];
}

export const COURT_A = '宁波市海曙区人民法院';
export const COURT_B = '宁波市江北区人民法院';

const e = (type: string, date: string, amount?: number): FixtureEvent =>
  amount === undefined ? { type, date } : { type, date, amount };

/** The six events that, with a 约谈, make a 终本 case pass conditions 1–3 of rule 终本条件. */
const zbBasics = (d: string): FixtureEvent[] => [
  e('执行通知', d),
  e('报告财产令', d),
  e('总对总查控', d),
  e('点对点查控', d),
  e('传统查控', d),
  e('限制消费', d),
];

export const FIXTURE_CASES: FixtureCase[] = [
  // K01 A: 旧存, open. 纳入失信 before W still counts ("by T"). 移送公安, 信访 and 案款到账 before W: outside W.
  {
    id: '(2017)浙0203执1号',
    court: COURT_A,
    type: '首执',
    filed: '2017-06-01',
    closed: null,
    closure: null,
    claimed: 50000,
    recovered: 0,
    property: null,
    handler: '张三',
    team: '一组',
    tags: ['涉民生'],
    events: [
      e('执行通知', '2017-06-02'),
      e('纳入失信', '2017-07-01'),
      e('移送公安', '2017-10-01'),
      e('信访', '2017-12-01'),
      e('信访办结', '2018-01-05'),
      e('案款到账', '2017-12-15', 1000),
      e('案款发放', '2017-12-20', 1000),
    ],
  },
  // K02 A: 旧存, 结案 执行完毕. Property: one 延期 → deadline 2017-09-15 + 9 months = 2018-06-15 (in W);
  // closed 2018-03-20 ≤ deadline → on time. Days 2017-09-15 → 2018-03-20 = 15+31+30+31+31+28+20 = 186.
  {
    id: '(2017)浙0203执2号',
    court: COURT_A,
    type: '首执',
    filed: '2017-09-15',
    closed: '2018-03-20',
    closure: '执行完毕',
    claimed: 10000,
    recovered: 10000,
    property: true,
    handler: '张三',
    team: '一组',
    events: [e('执行通知', '2017-09-16'), e('延期', '2018-02-01')],
  },
  // K03 A: closed before `from` → not 受理 (its 纳入失信 does not count). Property: deadline 2017-09-01 and
  // closed 2017-12-20 both before W → not in that denominator either.
  {
    id: '(2017)浙0203执3号',
    court: COURT_A,
    type: '首执',
    filed: '2017-03-01',
    closed: '2017-12-20',
    closure: '终结本次执行程序',
    claimed: 8000,
    recovered: 0,
    property: true,
    handler: '李四',
    events: [e('执行通知', '2017-03-02'), e('纳入失信', '2017-04-01')],
  },
  // K04 A: closed before `from`, though its deadline 2017-08-10 + 6 months = 2018-02-10 falls in W. Not 受理,
  // so not in the property denominator either (it was counted in 2017; std 有财产期限案件 is 受理 其中 …).
  {
    id: '(2017)浙0203执4号',
    court: COURT_A,
    type: '首执',
    filed: '2017-08-10',
    closed: '2017-12-28',
    closure: '执行完毕',
    claimed: 3000,
    recovered: 3000,
    property: true,
    handler: '李四',
    events: [],
  },
  // K05 A: closed on `from` itself → 旧存 and 结案. Days 2017-11-01 → 2018-01-01 = 30+31 = 61. property false.
  {
    id: '(2017)浙0203执5号',
    court: COURT_A,
    type: '首执',
    filed: '2017-11-01',
    closed: '2018-01-01',
    closure: '执行完毕',
    claimed: 1234.57,
    recovered: 1234.57,
    property: false,
    handler: '张三',
    team: '二组',
    events: [],
  },
  // K06 B: filed 2018-11-05, after T1 → does not exist at T1. At T2: 新收, open; deadline 2019-05-05 not in W.
  {
    id: '(2018)浙0205执6号',
    court: COURT_B,
    type: '首执',
    filed: '2018-11-05',
    closed: null,
    closure: null,
    claimed: 900,
    recovered: 0,
    property: true,
    handler: '王五',
    events: [e('执行通知', '2018-11-06')],
  },
  // K07 B: 新收; closed 2018-11-15 is after T1 → open at T1. 总对总查控 on day 1. 纳入失信 and 延期 after T1.
  // T1: property deadline 2018-03-01 + 6 months = 2018-09-01 (the 延期 is invisible) → denominator, open → not
  // numerator. T2: deadline + 9 months = 2018-12-01, closed 11-15 执行完毕 → numerator; 结案, days
  // 2018-03-01 → 2018-11-15 = 31+30+31+30+31+31+30+31+14 = 259.
  {
    id: '(2018)浙0205执7号',
    court: COURT_B,
    type: '首执',
    filed: '2018-03-01',
    closed: '2018-11-15',
    closure: '执行完毕',
    claimed: 20000,
    recovered: 20000,
    property: true,
    handler: '王五',
    events: [e('总对总查控', '2018-03-02'), e('延期', '2018-11-01'), e('纳入失信', '2018-11-10')],
  },
  // K08 A: 新收, open. 纳入失信 in W counts. 移送公安 on 2018-11-01: after T1 (not counted), in W at T2.
  {
    id: '(2018)浙0203执8号',
    court: COURT_A,
    type: '首执',
    filed: '2018-05-10',
    closed: null,
    closure: null,
    claimed: 700,
    recovered: 0,
    property: null,
    handler: '李四',
    team: '二组',
    events: [e('纳入失信', '2018-06-01'), e('移送公安', '2018-11-01')],
  },
  // K09 A: 旧存, 终本 that PASSES: all events, and closed 2018-02-28 = 2017-11-30 + 3 months clamped to
  // February's end. Days 2017-11-30 → 2018-02-28 = 1+31+31+27 = 90.
  {
    id: '(2017)浙0203执9号',
    court: COURT_A,
    type: '首执',
    filed: '2017-11-30',
    closed: '2018-02-28',
    closure: '终结本次执行程序',
    claimed: 5000,
    recovered: 0,
    property: false,
    handler: '张三',
    team: '一组',
    events: [...zbBasics('2017-12-01'), e('约谈', '2018-02-01')],
  },
  // K10 A: as K09 but closed 2018-02-27, one day short of 3 months → fails condition 4. Days 89.
  {
    id: '(2017)浙0203执10号',
    court: COURT_A,
    type: '首执',
    filed: '2017-11-30',
    closed: '2018-02-27',
    closure: '终结本次执行程序',
    claimed: 5000,
    recovered: 100,
    property: false,
    handler: '李四',
    events: [...zbBasics('2017-12-01'), e('约谈', '2018-02-01')],
  },
  // K11 B: 新收, 终本 failing condition 3 (one network query only). 总对总查控 day 2, 报告财产令 day 1.
  // Days 2018-02-01 → 2018-06-30 = 28+31+30+31+29 = 149.
  {
    id: '(2018)浙0205执11号',
    court: COURT_B,
    type: '首执',
    filed: '2018-02-01',
    closed: '2018-06-30',
    closure: '终结本次执行程序',
    claimed: 7000.1,
    recovered: 0,
    property: null,
    handler: '王五',
    team: '三组',
    events: [
      e('执行通知', '2018-02-02'),
      e('报告财产令', '2018-02-02'),
      e('总对总查控', '2018-02-03'),
      e('传统查控', '2018-02-10'),
      e('限制消费', '2018-02-15'),
      e('约谈', '2018-06-01'),
    ],
  },
  // K12 B: 新收, 终本 failing condition 5 (no 约谈). Property: deadline 2018-07-15 in W, closed 终本 → not
  // numerator. 报告财产令 day 1, 点对点查控 day 5. Days 2018-01-15 → 2018-07-20 = 181+5 = 186.
  {
    id: '(2018)浙0205执12号',
    court: COURT_B,
    type: '首执',
    filed: '2018-01-15',
    closed: '2018-07-20',
    closure: '终结本次执行程序',
    claimed: 9999.99,
    recovered: 0.29,
    property: true,
    handler: '王五',
    events: [
      e('执行通知', '2018-01-16'),
      e('报告财产令', '2018-01-16'),
      e('点对点查控', '2018-01-20'),
      e('点对点查控', '2018-02-20'),
      e('传统查控', '2018-03-01'),
      e('限制消费', '2018-03-05'),
    ],
  },
  // K13 A: 新收, 终本 that PASSES with two 点对点查控 as its network queries. Property: deadline 2018-09-10,
  // closed 09-28 终本 → denominator only. 报告财产令 day 1, 点对点查控 day 2, no 总对总查控.
  // Days 2018-03-10 → 2018-09-28 = 184+18 = 202.
  {
    id: '(2018)浙0203执13号',
    court: COURT_A,
    type: '首执',
    filed: '2018-03-10',
    closed: '2018-09-28',
    closure: '终结本次执行程序',
    claimed: 4000,
    recovered: 0,
    property: true,
    handler: '李四',
    team: '二组',
    events: [
      e('执行通知', '2018-03-11'),
      e('报告财产令', '2018-03-11'),
      e('点对点查控', '2018-03-12'),
      e('点对点查控', '2018-04-12'),
      e('传统查控', '2018-04-15'),
      e('限制消费', '2018-04-20'),
      e('约谈', '2018-09-01'),
    ],
  },
  // K14 A: 新收, 结案 执行完毕, recovered above claimed (interest). 延期 → deadline 2018-01-15 + 9 months =
  // 2018-10-15; closed 09-30 → on time (without the 延期 it would be late). Days = 243+15 = 258.
  {
    id: '(2018)浙0203执14号',
    court: COURT_A,
    type: '首执',
    filed: '2018-01-15',
    closed: '2018-09-30',
    closure: '执行完毕',
    claimed: 15000,
    recovered: 15300.5,
    property: true,
    handler: '张三',
    team: '一组',
    events: [e('延期', '2018-07-01')],
  },
  // K15 B: 旧存, open, property: deadline 2017-08-31 + 6 months = 2018-02-28 (clamped) in W → denominator.
  {
    id: '(2017)浙0205执15号',
    court: COURT_B,
    type: '首执',
    filed: '2017-08-31',
    closed: null,
    closure: null,
    claimed: 2500,
    recovered: 0,
    property: true,
    handler: '王五',
    events: [],
  },
  // K16 B: 旧存, 结案 执行完毕. One 延期: 2017-08-31 + 9 months in one addition = 2018-05-31 → closed
  // 05-30 on time (+6 then +3 would give 05-28: late). Days 2017-08-31 → 2018-05-30 = 272.
  {
    id: '(2017)浙0205执16号',
    court: COURT_B,
    type: '首执',
    filed: '2017-08-31',
    closed: '2018-05-30',
    closure: '执行完毕',
    claimed: 2000,
    recovered: 2000,
    property: true,
    handler: '王五',
    team: '三组',
    events: [e('延期', '2018-01-10')],
  },
  // K17 A: 新收, 结案 执行完毕 after its deadline 2018-07-20 → property denominator only. Days 181+12 = 193.
  {
    id: '(2018)浙0203执17号',
    court: COURT_A,
    type: '首执',
    filed: '2018-01-20',
    closed: '2018-08-01',
    closure: '执行完毕',
    claimed: 6000,
    recovered: 6000,
    property: true,
    handler: '李四',
    events: [],
  },
  // K18 A: 新收, 结案 执行完毕, property null → outside the property indicator. Days 61+13 = 74.
  {
    id: '(2018)浙0203执18号',
    court: COURT_A,
    type: '首执',
    filed: '2018-04-02',
    closed: '2018-06-15',
    closure: '执行完毕',
    claimed: 300,
    recovered: 300,
    property: null,
    handler: '张三',
    events: [],
  },
  // K19 B: 恢复执行, 新收, 结案 终结执行 (counts for 实际执结率; not for 首执平均结案用时).
  {
    id: '(2018)浙0205执恢19号',
    court: COURT_B,
    type: '恢复执行',
    filed: '2018-03-05',
    closed: '2018-05-05',
    closure: '终结执行',
    claimed: 1000,
    recovered: 200,
    property: false,
    handler: '王五',
    events: [],
  },
  // K20 A: 执行保全, 新收, 结案 销案; not 首执.
  {
    id: '(2018)浙0203执保20号',
    court: COURT_A,
    type: '执行保全',
    filed: '2018-07-01',
    closed: '2018-07-03',
    closure: '销案',
    claimed: 0,
    recovered: 0,
    property: null,
    handler: '张三',
    team: '一组',
    events: [],
  },
  // K21 A: no `type` key (→ 首执) and no `property` key. 新收, open. 总对总查控 on day 3 (counts),
  // 报告财产令 on day 7 (counts), 点对点查控 on day 16 (does not). 移送公安 in W.
  {
    id: '(2018)浙0203执21号',
    court: COURT_A,
    filed: '2018-06-01',
    closed: null,
    closure: null,
    claimed: 100,
    recovered: 0,
    handler: '张三',
    team: '一组',
    events: [
      e('总对总查控', '2018-06-04'),
      e('报告财产令', '2018-06-08'),
      e('点对点查控', '2018-06-17'),
      e('移送公安', '2018-07-01'),
    ],
  },
  // K22 A: 新收, open. 总对总查控 on day 4 (does not count), 报告财产令 day 8 (no), 点对点查控 day 15 (counts).
  {
    id: '(2018)浙0203执22号',
    court: COURT_A,
    type: '首执',
    filed: '2018-06-01',
    closed: null,
    closure: null,
    claimed: 100,
    recovered: 0,
    property: null,
    handler: '李四',
    events: [e('总对总查控', '2018-06-05'), e('报告财产令', '2018-06-09'), e('点对点查控', '2018-06-16')],
  },
  // K23 B: 新收, filed 2018-10-30: filed + 3 > T1 → outside every N日内 denominator at T1 (at T2 it counts,
  // with 总对总查控 on day 0).
  {
    id: '(2018)浙0205执23号',
    court: COURT_B,
    type: '首执',
    filed: '2018-10-30',
    closed: null,
    closure: null,
    claimed: 100,
    recovered: 0,
    property: null,
    handler: '王五',
    events: [e('总对总查控', '2018-10-30')],
  },
  // K24 B: 新收, filed 2018-10-28: filed + 3 = T1 → in the 3日 denominator, 总对总查控 on day 3 = T1 counts;
  // filed + 7 > T1 → outside the 7日 and 15日 denominators at T1.
  {
    id: '(2018)浙0205执24号',
    court: COURT_B,
    type: '首执',
    filed: '2018-10-28',
    closed: null,
    closure: null,
    claimed: 100,
    recovered: 0,
    property: null,
    handler: '王五',
    events: [e('总对总查控', '2018-10-31')],
  },
  // K25 A: 信访 04-01 with a 信访办结 the same day → done; 信访 09-01 has no 办结 on or after it (the
  // 06-01 办结 is earlier) → not done.
  {
    id: '(2018)浙0203执25号',
    court: COURT_A,
    type: '首执',
    filed: '2018-02-10',
    closed: null,
    closure: null,
    claimed: 100,
    recovered: 0,
    property: null,
    handler: '张三',
    events: [
      e('信访', '2018-04-01'),
      e('信访办结', '2018-04-01'),
      e('信访办结', '2018-06-01'),
      e('信访', '2018-09-01'),
    ],
  },
  // K26 B: 信访 10-01 whose 办结 (11-05) is after T1 → not done at T1, done at T2. 信访 11-02: after T1;
  // at T2 in W and done by the same 11-05 办结.
  {
    id: '(2018)浙0205执26号',
    court: COURT_B,
    type: '首执',
    filed: '2018-02-20',
    closed: null,
    closure: null,
    claimed: 100,
    recovered: 0,
    property: null,
    handler: '王五',
    events: [e('信访', '2018-10-01'), e('信访办结', '2018-11-05'), e('信访', '2018-11-02')],
  },
  // K27 A: 案款. 到账 03-01 → 发放 03-31 (day 30): timely. 到账 05-01 → 发放 06-01 (day 31): late; the
  // 发放 on 04-30 is before it and does not count. 到账 09-20: no 发放 in [09-20, 10-20]. 到账 10-01 →
  // 发放 10-31 (day 30 = T1): timely. 到账 10-15: due 11-14 > T1 → not in the T1 denominator; at T2 it is,
  // and 发放 10-31 makes it timely.
  {
    id: '(2018)浙0203执27号',
    court: COURT_A,
    type: '首执',
    filed: '2018-02-01',
    closed: null,
    closure: null,
    claimed: 100000,
    recovered: 0,
    property: null,
    handler: '李四',
    events: [
      e('案款到账', '2018-03-01', 500),
      e('案款发放', '2018-03-31', 500),
      e('案款发放', '2018-04-30', 200),
      e('案款到账', '2018-05-01', 300),
      e('案款发放', '2018-06-01', 300),
      e('案款到账', '2018-09-20', 100),
      e('案款到账', '2018-10-01', 400),
      e('案款发放', '2018-10-31', 400),
      e('案款到账', '2018-10-15', 50),
      e('案款发放', '2018-11-01', 150),
    ],
  },
  // K28 B: 新收, 结案 执行完毕, property: deadline 2018-12-10 is after W's end at T1, but it closed in W →
  // denominator, and on time → numerator. Days 2018-06-10 → 2018-08-10 = 30+31 = 61.
  {
    id: '(2018)浙0205执28号',
    court: COURT_B,
    type: '首执',
    filed: '2018-06-10',
    closed: '2018-08-10',
    closure: '执行完毕',
    claimed: 500,
    recovered: 500,
    property: true,
    handler: '王五',
    events: [],
  },
];

/** The NDJSON text of the fixture. */
export function fixtureNdjson(cases: FixtureCase[] = FIXTURE_CASES): string {
  return cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
}

/** [numerator, denominator]; counts have denominator 1. */
export type Figure = readonly [number, number];

export interface FixtureScenario {
  name: string;
  asOf: string;
  from: string;
  to: string;
  groupBy: 'court' | null;
  /** indicator → group key ('' overall) → [numerator, denominator]. */
  expected: Record<string, Record<string, Figure>>;
}

const overall = (table: Record<string, Figure>): Record<string, Record<string, Figure>> =>
  Object.fromEntries(Object.entries(table).map(([name, f]) => [name, { '': f }]));

// T1 = 2018-10-31, W = [2018-01-01, 2018-10-31].
//   Visible: all but K06 (26 cases).
//   旧存 (filed < 2018-01-01, not closed before it): K01 K02 K05 K09 K10 K15 K16 = 7 (K03, K04 closed in 2017).
//   新收 (filed in W): K07 K08 K11 K12 K13 K14 K17 K18 K19 K20 K21 K22 K23 K24 K25 K26 K27 K28 = 18.
//   结案 (closed in W): K02 K05 K09 K10 K11 K12 K13 K14 K16 K17 K18 K19 K20 K28 = 14 (K07 closes after T1).
//     执行完毕: K02 K05 K14 K16 K17 K18 K28 = 7; + 终结执行 K19 = 8; 终本: K09 K10 K11 K12 K13 = 5.
//   执行到位率 over 结案, in fen: claimed 1,000,000 + 123,457 + 500,000 + 500,000 + 700,010 + 999,999 +
//     400,000 + 1,500,000 + 200,000 + 600,000 + 30,000 + 100,000 + 0 + 50,000 = 6,703,466;
//     recovered 1,000,000 + 123,457 + 0 + 10,000 + 0 + 29 + 0 + 1,530,050 + 200,000 + 600,000 + 30,000 +
//     20,000 + 0 + 50,000 = 3,563,536.
//   终本合格: K09, K13 pass; K10 (3 months), K11 (network), K12 (约谈) fail → 2 / 5.
//   有财产: denominator K02 K07 K12 K13 K14 K15 K16 K17 K28 = 9 (K03 and K04 closed before W, so not 受理;
//     K06 invisible); numerator K02 K14 K16 K28 = 4.
//   首执平均结案用时: 首执 结案 = 结案 minus K19, K20 → 12 cases; days 186+61+90+89+149+186+202+258+272+193+74+61 = 1821.
//   失信适用率: K01 (2017-07-01 ≤ T), K08 → 2 / 25 (K07's is after T1, K03 not 受理).
//   拒执移送率: K21 → 1 / 25 (K01's before W, K08's after T1).
//   信访办结率: 信访 in W: K25 ×2, K26 10-01 → 3; done: K25 04-01 → 1.
//   案款发放及时率: due 到账 in W: K27 03-01, 05-01, 09-20, 10-01 → 4; timely 03-01, 10-01 → 2.
//   3日: 新收 with filed ≤ 10-28 = 18 − K23 = 17; with 总对总查控 by day 3: K07 (day 1) K11 (2) K21 (3) K24 (3) = 4.
//   7日: filed ≤ 10-24: 18 − K23 − K24 = 16; 报告财产令 by day 7: K11 K12 K13 K21 = 4 (K22 day 8).
//   15日: filed ≤ 10-16: 16; 点对点查控 by day 15: K12 (5) K13 (2) K22 (15) = 3 (K21 day 16).
const T1_OVERALL: Record<string, Figure> = {
  受理: [25, 1],
  旧存: [7, 1],
  新收: [18, 1],
  结案: [14, 1],
  结案率: [14, 25],
  执行完毕率: [7, 14],
  实际执结率: [8, 14],
  终本率: [5, 14],
  执行到位率: [3_563_536, 6_703_466],
  终本合格率: [2, 5],
  有财产案件法定期限内执结率: [4, 9],
  首执平均结案用时: [1821, 12],
  失信适用率: [2, 25],
  拒执移送率: [1, 25],
  信访办结率: [1, 3],
  案款发放及时率: [2, 4],
  '3日内总对总查控率': [4, 17],
  '7日内报告财产令率': [4, 16],
  '15日内点对点查控率': [3, 16],
};

// T2 = 2019-03-31 with `to` = 2018-12-31, so W = [2018-01-01, 2018-12-31] (min(T, to) = to). Changes from T1:
//   K06 exists (新收 → 19, 受理 → 26). K07 closed 11-15 in W → 结案 15, 执行完毕 8, 实际执结 9; its claimed and
//   recovered 2,000,000 fen each → 8,703,466 / 5,563,536; its 259 days → 2080 / 13.
//   有财产: K07 now on time (延期 visible, deadline 12-01) → 5 / 9 (K06's deadline 2019-05-05 outside W).
//   失信: + K07 (11-10) → 3 / 26. 拒执: + K08 (11-01) → 2 / 26.
//   信访: in W K25 ×2, K26 10-01 and 11-02 → 4; done K25 04-01, K26 ×2 (办结 11-05) → 3.
//   案款: + K27 10-15 (due 11-14 ≤ T2; 发放 10-31) → 3 / 5.
//   N日内: all 19 新收 have filed + 15 ≤ T2. 3日: + K23 (day 0) → 5; 7日 and 15日 unchanged numerators.
const T2_OVERALL: Record<string, Figure> = {
  受理: [26, 1],
  旧存: [7, 1],
  新收: [19, 1],
  结案: [15, 1],
  结案率: [15, 26],
  执行完毕率: [8, 15],
  实际执结率: [9, 15],
  终本率: [5, 15],
  执行到位率: [5_563_536, 8_703_466],
  终本合格率: [2, 5],
  有财产案件法定期限内执结率: [5, 9],
  首执平均结案用时: [2080, 13],
  失信适用率: [3, 26],
  拒执移送率: [2, 26],
  信访办结率: [3, 4],
  案款发放及时率: [3, 5],
  '3日内总对总查控率': [5, 19],
  '7日内报告财产令率': [4, 19],
  '15日内点对点查控率': [3, 19],
};

// T1 per court. A cases: K01–K05, K08–K10, K13, K14, K17, K18, K20–K22, K25, K27; B: the rest.
//   A: 旧存 K01 K02 K05 K09 K10 = 5; 新收 K08 K13 K14 K17 K18 K20 K21 K22 K25 K27 = 10; 结案 K02 K05 K09 K10 K13 K14
//      K17 K18 K20 = 9, of which 执行完毕 K02 K05 K14 K17 K18 = 5; 终本 K09 K10 K13, pass K09 K13.
//      有财产 K02 K13 K14 K17 (K04 not 受理) → on time K02 K14. 首执 days 186+61+90+89+202+258+193+74 = 1153 over 8.
//      失信 K01 K08; 拒执 K21; 信访 K25 → 1 / 2; 案款 K27 → 2 / 4; 3日: 10 cases, K21 only.
//   B: 旧存 K15 K16 = 2; 新收 K07 K11 K12 K19 K23 K24 K26 K28 = 8; 结案 K11 K12 K16 K19 K28 = 5, 执行完毕 K16 K28;
//      终本 K11 K12 both fail. 有财产 K07 K12 K15 K16 K28 → on time K16 K28. 首执 days 149+186+272+61 = 668 over 4.
//      信访 K26 → 0 / 1; 案款: none → 0 / 0; 3日: 8 − K23 = 7 cases, K07 K11 K24.
const T1_BY_COURT: Record<string, Record<string, Figure>> = {
  受理: { [COURT_A]: [15, 1], [COURT_B]: [10, 1] },
  旧存: { [COURT_A]: [5, 1], [COURT_B]: [2, 1] },
  新收: { [COURT_A]: [10, 1], [COURT_B]: [8, 1] },
  结案: { [COURT_A]: [9, 1], [COURT_B]: [5, 1] },
  结案率: { [COURT_A]: [9, 15], [COURT_B]: [5, 10] },
  执行完毕率: { [COURT_A]: [5, 9], [COURT_B]: [2, 5] },
  终本合格率: { [COURT_A]: [2, 3], [COURT_B]: [0, 2] },
  有财产案件法定期限内执结率: { [COURT_A]: [2, 4], [COURT_B]: [2, 5] },
  首执平均结案用时: { [COURT_A]: [1153, 8], [COURT_B]: [668, 4] },
  失信适用率: { [COURT_A]: [2, 15], [COURT_B]: [0, 10] },
  拒执移送率: { [COURT_A]: [1, 15], [COURT_B]: [0, 10] },
  信访办结率: { [COURT_A]: [1, 2], [COURT_B]: [0, 1] },
  案款发放及时率: { [COURT_A]: [2, 4], [COURT_B]: [0, 0] },
  '3日内总对总查控率': { [COURT_A]: [1, 10], [COURT_B]: [3, 7] },
};

export const FIXTURE_SCENARIOS: FixtureScenario[] = [
  {
    name: 'T1 2018-10-31 overall',
    asOf: '2018-10-31',
    from: '2018-01-01',
    to: '2018-12-31',
    groupBy: null,
    expected: overall(T1_OVERALL),
  },
  {
    name: 'T2 2019-03-31 overall (to < T)',
    asOf: '2019-03-31',
    from: '2018-01-01',
    to: '2018-12-31',
    groupBy: null,
    expected: overall(T2_OVERALL),
  },
  {
    name: 'T1 2018-10-31 by court',
    asOf: '2018-10-31',
    from: '2018-01-01',
    to: '2018-12-31',
    groupBy: 'court',
    expected: T1_BY_COURT,
  },
];
