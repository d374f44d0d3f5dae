// The expected scores of policies/kaohe-2018.plan, computed independently of the engine: the indicators by
// plain SQL in DuckDB (bench/peer/duckdb-indicators.ts, which shares no code with the engine), the days
// late straight from the progress file, and the points by the arithmetic of the 考核办法 as written in the
// plan's comments — threshold, proportion, deduction with a floor, bonus with a cap — each item rounded to
// 2 decimals half away from zero, groups capped at their points, bonus added on top.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { duckdbIndicators } from '../../bench/peer/duckdb-indicators.js';

export const COURTS: Record<string, string> = {
  宁波中院: '宁波市中级人民法院',
  海曙法院: '宁波市海曙区人民法院',
  江北法院: '宁波市江北区人民法院',
  镇海法院: '宁波市镇海区人民法院',
  北仑法院: '宁波市北仑区人民法院',
  鄞州法院: '宁波市鄞州区人民法院',
  奉化法院: '宁波市奉化区人民法院',
  余姚法院: '余姚市人民法院',
  慈溪法院: '慈溪市人民法院',
  宁海法院: '宁海县人民法院',
  象山法院: '象山县人民法院',
};

export interface PeerScore {
  court: string;
  items: Record<string, number>;
  total: number;
  rank: number;
}

const r2 = (v: number): number => (Math.sign(v) * Math.round(Number((Math.abs(v) * 100).toPrecision(12)))) / 100;
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const days = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);

export async function peerScores(root: string): Promise<PeerScore[]> {
  const p = await duckdbIndicators({
    files: [join(root, 'examples/data/ningbo-2018.ndjson')],
    asOf: '2018-12-31',
    from: '2018-01-01',
    to: '2018-12-31',
    groupBy: 'court',
    threads: 1,
  });
  const progress = readFileSync(join(root, 'examples/data/progress-ningbo-2018.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { task: string; milestone?: string; done: string; by?: string });
  const out = Object.entries(COURTS).map(([court, full]) => {
    const v = (name: keyof typeof p): number => p[name][full]!.value!;
    const items: Record<string, number> = {};
    items.结案率 = v('结案率') >= 0.75 ? 20 : 10;
    items.到位率 = r2(20 * clamp((v('执行到位率') - 0.4) / 0.2, 0, 1));
    items.用时 = r2(15 * clamp((130 - v('首执平均结案用时')) / 40, 0, 1));
    items.终本 = v('终本合格率') >= 0.9 ? 10 : 5;
    items.失信 = r2(Math.max(0, 10 - (Math.max(0, 0.3 - v('失信适用率')) / 0.01) * 2));
    // 四.1 due 2018-04-15: the court's own first report (by its full name), else late until 2018-12-31.
    // The plan reads 市中院政治部's report as 市中院's (its 别名).
    const by = (x: { by?: string }) => x.by === full || (court === '宁波中院' && x.by === '市中院政治部');
    const reported = progress
      .filter((x) => x.task === '四.1' && !x.milestone && by(x))
      .map((x) => x.done)
      .sort()[0];
    items.配置 = r2(Math.max(0, 10 - Math.max(0, days('2018-04-15', reported ?? '2018-12-31')) * 0.5));
    items.拒执 = v('拒执移送率') >= 0.001 - 1e-12 ? 15 : 0;
    items.结案数 = r2(Math.min(3, (p.结案[full]!.numerator / 50) * 1));
    items.终本达标 = v('终本合格率') > 0.9 ? 2 : 0;
    const regular = Math.min(
      85,
      r2(
        Math.min(55, r2(items.结案率 + items.到位率 + items.用时)) +
          Math.min(30, r2(items.终本 + items.失信 + items.配置)),
      ),
    );
    const special = Math.min(15, items.拒执);
    const bonus = Math.min(5, r2(items.结案数 + items.终本达标));
    return { court, items, total: r2(regular + special + bonus), rank: 0 };
  });
  const sorted = [...out].sort((a, b) => b.total - a.total);
  for (const s of out) s.rank = 1 + sorted.filter((x) => x.total > s.total).length;
  return out;
}
