// The courts of the generator's presets: names, case-number codes, shares of the caseload, staffing.
// Court names are the courts' full names; codes are the province abbreviation + administrative code
// used in 案号, e.g. (2018)浙0203执1234号.

export interface CourtPreset {
  name: string;
  /** 案号 code, e.g. 浙0203. */
  code: string;
  level: '高院' | '中院' | '基层';
  /** Share of the preset's filings. */
  weight: number;
  /** Number of 承办人. */
  handlers: number;
  /** 政法编制 (headcount quota). */
  quota: number;
  /** 执行人员 / 政法编制 at the start and at the end of the preset's default range. */
  ratio: [number, number];
}

export interface Preset {
  name: string;
  title: string;
  courts: CourtPreset[];
  from: string;
  to: string;
  cases: number;
  /** Handlers work in named teams (执行团队). */
  teams: boolean;
  /** Yearly growth of filings. */
  growth: number;
  /** Median claimed amount (yuan) of a basic court's case. */
  medianClaimed: number;
}

const court = (
  name: string,
  code: string,
  level: '中院' | '基层',
  weight: number,
  handlers: number,
  quota: number,
  ratio: [number, number],
): CourtPreset => ({ name, code, level, weight, handlers, quota, ratio });

export const PRESETS: Readonly<Record<string, Preset>> = {
  ningbo: {
    name: 'ningbo',
    title: '宁波市中级人民法院及辖区基层法院',
    from: '2016-01-01',
    to: '2018-12-31',
    cases: 3000,
    teams: true,
    growth: 1.08,
    medianClaimed: 80_000,
    courts: [
      court('宁波市中级人民法院', '浙02', '中院', 0.03, 14, 420, [0.12, 0.15]),
      court('宁波市海曙区人民法院', '浙0203', '基层', 0.13, 18, 190, [0.13, 0.16]),
      court('宁波市江北区人民法院', '浙0205', '基层', 0.07, 10, 110, [0.14, 0.155]),
      court('宁波市镇海区人民法院', '浙0211', '基层', 0.05, 8, 90, [0.13, 0.156]),
      court('宁波市北仑区人民法院', '浙0206', '基层', 0.1, 13, 150, [0.12, 0.14]),
      court('宁波市鄞州区人民法院', '浙0212', '基层', 0.16, 22, 230, [0.14, 0.165]),
      court('宁波市奉化区人民法院', '浙0213', '基层', 0.06, 9, 100, [0.13, 0.15]),
      court('余姚市人民法院', '浙0281', '基层', 0.12, 17, 190, [0.14, 0.158]),
      court('慈溪市人民法院', '浙0282', '基层', 0.14, 20, 220, [0.15, 0.168]),
      court('宁海县人民法院', '浙0226', '基层', 0.07, 10, 120, [0.13, 0.15]),
      court('象山县人民法院', '浙0225', '基层', 0.07, 10, 120, [0.12, 0.133]),
    ],
  },
  chongqing2: {
    name: 'chongqing2',
    title: '重庆市第二中级人民法院及辖区基层法院',
    from: '2015-01-01',
    to: '2017-12-31',
    cases: 2000,
    teams: true,
    growth: 1.06,
    medianClaimed: 50_000,
    courts: [
      court('重庆市第二中级人民法院', '渝02', '中院', 0.03, 12, 330, [0.12, 0.15]),
      court('重庆市万州区人民法院', '渝0101', '基层', 0.25, 26, 260, [0.14, 0.185]),
      court('重庆市梁平区人民法院', '渝0155', '基层', 0.08, 9, 110, [0.14, 0.18]),
      court('重庆市城口县人民法院', '渝0229', '基层', 0.02, 4, 55, [0.13, 0.16]),
      court('重庆市丰都县人民法院', '渝0230', '基层', 0.07, 8, 100, [0.15, 0.19]),
      court('重庆市垫江县人民法院', '渝0231', '基层', 0.08, 9, 110, [0.14, 0.18]),
      court('重庆市忠县人民法院', '渝0233', '基层', 0.08, 9, 105, [0.15, 0.182]),
      court('重庆市开州区人民法院', '渝0154', '基层', 0.15, 16, 180, [0.14, 0.18]),
      court('重庆市云阳县人民法院', '渝0235', '基层', 0.1, 11, 130, [0.13, 0.17]),
      court('重庆市奉节县人民法院', '渝0236', '基层', 0.07, 8, 100, [0.15, 0.185]),
      court('重庆市巫山县人民法院', '渝0237', '基层', 0.04, 5, 70, [0.14, 0.18]),
      court('重庆市巫溪县人民法院', '渝0238', '基层', 0.03, 4, 60, [0.14, 0.17]),
    ],
  },
  fujin: {
    name: 'fujin',
    title: '富锦市人民法院',
    from: '2010-01-01',
    to: '2012-12-31',
    cases: 900,
    teams: false,
    growth: 1.0,
    medianClaimed: 30_000,
    courts: [court('富锦市人民法院', '黑0882', '基层', 1, 10, 95, [0.16, 0.17])],
  },
  chengde: {
    name: 'chengde',
    title: '承德市双桥区人民法院',
    from: '2017-01-01',
    to: '2018-12-31',
    cases: 800,
    teams: true,
    growth: 1.05,
    medianClaimed: 40_000,
    courts: [court('承德市双桥区人民法院', '冀0802', '基层', 1, 22, 290, [0.145, 0.172])],
  },
};

/** The preset that reproduces 富锦's reported 2011 figures exactly (see generate.ts). */
export const FUJIN2011 = 'fujin2011';

export function presetNames(): string[] {
  return [...Object.keys(PRESETS), FUJIN2011, 'national'];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严武戴孔汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯鹏飞俊峰琳雪梅晨旭东海波宁婷颖慧立志国庆春燕晓新永健德成佳琪';

/** Deterministic, distinct names for a court's handlers (from a hash of the court name, not the seed). */
export function handlerNames(courtName: string, count: number): string[] {
  let h = 2166136261;
  for (let i = 0; i < courtName.length; i++) h = Math.imul(h ^ courtName.charCodeAt(i), 16777619);
  const next = (): number => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
  const out: string[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const s = SURNAMES[Math.floor(next() * SURNAMES.length)]!;
    const g1 = GIVEN[Math.floor(next() * GIVEN.length)]!;
    const name = next() < 0.55 ? s + g1 + GIVEN[Math.floor(next() * GIVEN.length)]! : s + g1;
    if (!seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

const TEAM_NUMERALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];

/** The team of each handler: teams of about three (执行一团队, 执行二团队…). */
export function teamNames(handlerCount: number): string[] {
  const teams = Math.max(1, Math.round(handlerCount / 3));
  return Array.from(
    { length: handlerCount },
    (_, i) => `执行${TEAM_NUMERALS[i % teams] ?? String((i % teams) + 1)}团队`,
  );
}
