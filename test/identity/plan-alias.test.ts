// `别名` / `alias` on a court declaration: parsed, checked into the IR (schema-valid), formatted back,
// and used by court identity like a configured alias.
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/engine/syntax/format.js';
import { validatePlanIR } from '../../src/engine/ir/validate.js';
import { compileText, evaluateText } from '../eval/helpers.js';
import type { CaseRecord } from '../../src/engine/data/record.js';

const PLAN = `方案 县域 {
  期间 2018-01-01 至 2018-12-31
  法院 象山法院
  使用 std
}
法院 宁波中院 = "宁波市中级人民法院" 中院
法院   象山法院 = "象山县人民法院"  基层 上级 宁波中院 别名 "象山县法院"，"象山县 人民 法院（旧）"
court 宁海法院 = "宁海县人民法院" basic alias "宁海法院旧称"
`;

const rec = (id: string, court: string): CaseRecord => ({
  id,
  court,
  type: '首执',
  filed: '2018-02-01',
  closed: null,
  closure: null,
  claimed: 0,
  recovered: 0,
  property: null,
  handler: '张三',
  events: [],
});

describe('court aliases in the plan', () => {
  it('reach the IR (valid against its schema); a court without aliases has an empty list', () => {
    const r = compileText(PLAN);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ir.courts).toEqual([
      { name: '宁波中院', fullName: '宁波市中级人民法院', level: 'intermediate', parent: null, aliases: [] },
      {
        name: '象山法院',
        fullName: '象山县人民法院',
        level: 'basic',
        parent: '宁波中院',
        aliases: ['象山县法院', '象山县 人民 法院（旧）'],
      },
      { name: '宁海法院', fullName: '宁海县人民法院', level: 'basic', parent: null, aliases: ['宁海法院旧称'] },
    ]);
    expect(validatePlanIR(r.ir)).toEqual({ ok: true });
  });

  it('format back canonically and idempotently', () => {
    const f = formatPlan(PLAN);
    if (!f.ok) throw new Error(f.reason);
    const once = f.text;
    expect(once).toContain(
      '法院 象山法院 = "象山县人民法院" 基层 上级 宁波中院 别名 "象山县法院", "象山县 人民 法院（旧）"\n',
    );
    expect(once).toContain('court 宁海法院 = "宁海县人民法院" basic alias "宁海法院旧称"\n');
    expect(formatPlan(once)).toEqual({ ok: true, text: once });
  });

  it('match the data: the everyday name counts as the court, nothing is left out', () => {
    const r = evaluateText(
      PLAN,
      [rec('1', '象山县法院'), rec('2', '象山县人民法院'), rec('3', '象山县人民法院(旧)')],
      '2018-12-31',
    );
    expect(r.courtIdentity!.unmatched).toEqual([]);
    expect(r.courtIdentity!.renamed).toEqual([
      { from: '象山县人民法院(旧)', to: '象山县人民法院', cases: 1 },
      { from: '象山县法院', to: '象山县人民法院', cases: 1 },
    ]);
    expect(r.indicators.find((i) => i.name === '受理数')!.courts).toEqual({
      象山县人民法院: { numerator: 3, denominator: null, value: 3 },
    });
  });
});
