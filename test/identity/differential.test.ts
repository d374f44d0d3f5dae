// Court identity changes no figure when the data's names already match the plan's: the same generated
// data evaluated under a plan that names its courts (and has aliases) and under one that does not, and
// both against plain SQL in DuckDB (bench/peer) — overall, per court, and per team summed back by name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duckdbIndicators, INDICATOR_NAMES } from '../../bench/peer/duckdb-indicators.js';
import { generateCases } from '../../src/engine/generate/index.js';
import { WITHIN_COURT } from '../../src/engine/data/identity.js';
import type { PlanReport } from '../../src/engine/report/model.js';
import { evaluateText } from '../eval/helpers.js';

const COURTS: Array<[string, string]> = [
  ['宁波中院', '宁波市中级人民法院'],
  ['海曙法院', '宁波市海曙区人民法院'],
  ['江北法院', '宁波市江北区人民法院'],
  ['镇海法院', '宁波市镇海区人民法院'],
  ['北仑法院', '宁波市北仑区人民法院'],
  ['鄞州法院', '宁波市鄞州区人民法院'],
  ['奉化法院', '宁波市奉化区人民法院'],
  ['余姚法院', '余姚市人民法院'],
  ['慈溪法院', '慈溪市人民法院'],
  ['宁海法院', '宁海县人民法院'],
  ['象山法院', '象山县人民法院'],
];
const ENGINE_NAME: Record<string, string> = { 受理: '受理数', 旧存: '旧存数', 新收: '新收数', 结案: '结案数' };
const FROM = '2018-01-01',
  TO = '2018-12-31',
  AS_OF = '2018-10-31';

const targets = `目标 团队结案 : 结案率 >= 90% 每个团队\n目标 承办人结案 : 结案率 >= 90% 每个承办人\n`;
const unbound = `方案 差分 { 期间 ${FROM} 至 ${TO}  使用 std }\n${targets}`;
const bound = `方案 差分 { 期间 ${FROM} 至 ${TO}  法院 ${COURTS.map(([s]) => s).join(', ')}  使用 std }\n${COURTS.map(([s, f]) => `法院 ${s} = "${f}" 基层`).join('\n')}\n${targets}`;

const indicatorsOf = (r: PlanReport) =>
  r.indicators.map((i) => ({ name: i.name, overall: i.overall, courts: i.courts }));

describe('aliasing changes no figure when the names already match', () => {
  const records = [...generateCases({ preset: 'ningbo', cases: 4000, seed: 11, from: '2016-01-01', to: '2018-12-31' })];
  const a = evaluateText(unbound, records, AS_OF);
  const b = evaluateText(bound, records, AS_OF, {
    courts: { aliases: { 象山县法院: '象山法院', 北仑区法院: '宁波市北仑区人民法院' } },
  });

  it('every indicator, overall and per court, is the same with and without the plan naming its courts', () => {
    expect(b.courtIdentity).toEqual({
      bound: true,
      covered: COURTS.map(([, f]) => f),
      renamed: [],
      unmatched: [],
      excluded: 0,
      withoutCases: [],
    });
    expect(indicatorsOf(b)).toEqual(indicatorsOf(a));
    expect(Object.keys(b.indicators[0]!.courts).length).toBe(11);
  });

  it('and both agree with DuckDB, overall, per court, and per team once the teams of all courts are summed by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-identity-'));
    const file = join(dir, 'cases.ndjson');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const w = { files: [file], asOf: AS_OF, from: FROM, to: TO };
    const overall = await duckdbIndicators({ ...w, groupBy: null });
    const byCourt = await duckdbIndicators({ ...w, groupBy: 'court' });
    const byTeam = await duckdbIndicators({ ...w, groupBy: 'team' });
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    let compared = 0;
    for (const name of INDICATOR_NAMES) {
      const ind = b.indicators.find((i) => i.name === (ENGINE_NAME[name] ?? name))!;
      // Money: the engine reports yuan (whole fen / 100), the peer fen — back to fen exactly.
      const norm = (x: number) => (name === '执行到位率' ? Math.round(x * 100) : round(x));
      const pair = (f: { numerator: number; denominator: number | null }) => [
        norm(f.numerator),
        f.denominator === null ? 1 : norm(f.denominator),
      ];
      expect([name, ...pair(ind.overall)]).toEqual([
        name,
        round(overall[name]!['']!.numerator),
        round(overall[name]!['']!.denominator),
      ]);
      for (const [court, peer] of Object.entries(byCourt[name]!)) {
        expect([
          name,
          court,
          ...pair(ind.courts[court] ?? { numerator: 0, denominator: ENGINE_NAME[name] ? 1 : 0 }),
        ]).toEqual([name, court, round(peer.numerator), round(peer.denominator)]);
        compared++;
      }
    }
    // 结案率 per team: the engine's teams are per court; summed by the team's name they are the peer's.
    const rate = b.indicators.find((i) => i.name === '结案率')!;
    const teams = rate.teams!;
    expect(Object.keys(teams).filter((k) => k !== '' && !k.includes(WITHIN_COURT))).toEqual([]);
    for (const [team, peer] of Object.entries(byTeam['结案率']!)) {
      if (team === 'null' || team === '') continue;
      const mine = Object.entries(teams)
        .filter(([k]) => k.endsWith(WITHIN_COURT + team))
        .map(([, f]) => f);
      expect(mine.length).toBeGreaterThan(1); // 执行一团队 etc. exist in several courts
      expect([
        team,
        mine.reduce((n, f) => n + f.numerator, 0),
        mine.reduce((n, f) => n + (f.denominator ?? 0), 0),
      ]).toEqual([team, peer.numerator, peer.denominator]);
      compared++;
    }
    expect(compared).toBeGreaterThan(INDICATOR_NAMES.length * 11);
  });
});
