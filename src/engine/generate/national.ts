// The national preset's courts: 31 provinces (their names, 案号 abbreviations and 2018 populations, in 万,
// as population-like weights of the caseload), each with one high court, intermediate courts (one a city)
// and basic courts (several a city). The city and district names are invented — plausible, not real
// courts — and fixed (not drawn from the seed), so every seed has the same courts.
import type { CourtPreset } from './presets.js';
import { Rng } from './random.js';

export const NATIONAL = 'national';
export const NATIONAL_FROM = '2016-01-01';
export const NATIONAL_TO = '2018-12-31';
/** The published totals: 受理 (cases), 执结 (cases), 执行到位金额 (fen). */
export const NATIONAL_TOTALS = { filed: 20_435_000, closed: 19_361_000, recoveredFen: 4.4e14 } as const;

/** The totals a data set at `scale` reproduces exactly. */
export function nationalTotals(scale: number): { filed: number; closed: number; recoveredFen: number } {
  return {
    filed: Math.round(NATIONAL_TOTALS.filed * scale),
    closed: Math.round(NATIONAL_TOTALS.closed * scale),
    recoveredFen: Math.round(NATIONAL_TOTALS.recoveredFen * scale),
  };
}

/** [province, 案号 abbreviation, population (万, 2018)]. */
const PROVINCES: ReadonlyArray<readonly [string, string, number]> = [
  ['北京市', '京', 2154],
  ['天津市', '津', 1560],
  ['河北省', '冀', 7556],
  ['山西省', '晋', 3718],
  ['内蒙古自治区', '蒙', 2534],
  ['辽宁省', '辽', 4359],
  ['吉林省', '吉', 2704],
  ['黑龙江省', '黑', 3773],
  ['上海市', '沪', 2424],
  ['江苏省', '苏', 8051],
  ['浙江省', '浙', 5737],
  ['安徽省', '皖', 6324],
  ['福建省', '闽', 3941],
  ['江西省', '赣', 4648],
  ['山东省', '鲁', 10047],
  ['河南省', '豫', 9605],
  ['湖北省', '鄂', 5917],
  ['湖南省', '湘', 6899],
  ['广东省', '粤', 11346],
  ['广西壮族自治区', '桂', 4926],
  ['海南省', '琼', 934],
  ['重庆市', '渝', 3102],
  ['四川省', '川', 8341],
  ['贵州省', '黔', 3600],
  ['云南省', '云', 4830],
  ['西藏自治区', '藏', 344],
  ['陕西省', '陕', 3864],
  ['甘肃省', '甘', 2637],
  ['青海省', '青', 603],
  ['宁夏回族自治区', '宁', 688],
  ['新疆维吾尔自治区', '新', 2487],
];

const CITY_A = '东西南北中安平宁永清';
const CITY_B = '阳山江川州原河林城溪';
const DISTRICT_A = '新长兴和丰永宁清华德';
const DISTRICT_B = '安平城山湖桥台乐源丘';

/** About 410 intermediate and 3,060 basic courts in all. */
const INTERMEDIATE = 410;

export interface NationalCourt extends CourtPreset {
  province: string;
}

/** Distinct two-character names from two syllable pools, in a fixed shuffled order. */
function names(rng: Rng, a: string, b: string, count: number): string[] {
  const all: string[] = [];
  for (const x of a) for (const y of b) all.push(x + y);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, count);
}

let cached: NationalCourt[] | null = null;

/** The nation's courts with their shares of the caseload (summing to 1). */
export function nationalCourts(): NationalCourt[] {
  if (cached) return cached;
  const rng = new Rng('national-courts');
  const total = PROVINCES.reduce((s, p) => s + p[2], 0);
  const out: NationalCourt[] = [];
  const court = (province: string, name: string, code: string, level: NationalCourt['level'], weight: number) => {
    // 承办人: about 280 cases a year each at the full national caseload (6.8 M a year).
    const handlers = Math.max(3, Math.round((weight * 6_800_000) / 280));
    const quota = Math.max(40, handlers * 8);
    out.push({ province, name, code, level, weight, handlers, quota, ratio: [0.13, 0.16] });
  };
  const popWeight = PROVINCES.reduce((s, p) => s + p[2] ** 0.9, 0);
  for (const [province, abbr, pop] of PROVINCES) {
    const share = pop / total;
    // A municipality's intermediate courts are numbered (第一中级人民法院…), its districts named once for it.
    const municipality = province.endsWith('市');
    const cities = Math.max(2, Math.round((INTERMEDIATE * pop ** 0.9) / popWeight));
    const cityNames = municipality
      ? Array.from({ length: Math.min(cities, 5) }, (_, i) => `第${'一二三四五'[i]}`)
      : names(rng, CITY_A, CITY_B, cities);
    const municipalDistricts = municipality ? names(rng, DISTRICT_A, DISTRICT_B, 100) : [];
    // Cities' sizes fall off by rank (Zipf-like); districts' vary log-normally.
    const cityW = cityNames.map((_, i) => 1 / (i + 1) ** 0.8);
    const cityTotal = cityW.reduce((a, b) => a + b, 0);
    court(province, `${province}高级人民法院`, abbr, '高院', share * 0.01);
    cityNames.forEach((city, ci) => {
      const cityShare = (share * cityW[ci]!) / cityTotal;
      const cityCode = String(ci + 1).padStart(2, '0');
      const cityName = municipality ? `${province}${city}` : `${province}${city}市`;
      court(province, `${cityName}中级人民法院`, `${abbr}${cityCode}`, '中院', cityShare * 0.12);
      const districts = rng.between(4, 11);
      const dW = Array.from({ length: districts }, () => rng.logNormal(1, 0.6));
      const dTotal = dW.reduce((a, b) => a + b, 0);
      const districtNames = municipality
        ? municipalDistricts.splice(0, districts)
        : names(rng, DISTRICT_A, DISTRICT_B, districts);
      districtNames.forEach((d, di) => {
        const suffix = di % 3 === 2 && !municipality ? '县' : '区';
        court(
          province,
          `${municipality ? province : cityName}${d}${suffix}人民法院`,
          `${abbr}${cityCode}${String(di + 1).padStart(2, '0')}`,
          '基层',
          (cityShare * 0.87 * dW[di]!) / dTotal,
        );
      });
    });
  }
  cached = out;
  return out;
}
