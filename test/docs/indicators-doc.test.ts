// docs/indicators.md is generated from policies/std (npm run docs:indicators): the committed file must be
// what the generator makes of today's library, and it must say what the library says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicatorsDoc, INDICATORS_DOC } from '../../src/harness/indicators-doc.js';
import { compile } from '../../src/engine/check/compile.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';

describe('docs/indicators.md', () => {
  const generated = indicatorsDoc();

  it('is current (run `npm run docs:indicators` after changing policies/std)', () => {
    expect(readFileSync(`${PACKAGE_ROOT}/${INDICATORS_DOC}`, 'utf8')).toBe(generated);
  });

  it('has a section for every standard indicator, with its description, unit and formula as written', () => {
    const ir = compile('policies/std/indicators.plan', nodeHost(PACKAGE_ROOT)).ir;
    expect(ir.indicators.length).toBe(20);
    for (const ind of ir.indicators) {
      const section = generated.split(`\n### ${ind.name}\n`)[1]?.split('\n### ')[0];
      expect(section, ind.name).toBeDefined();
      expect(section).toContain(ind.description!);
      expect(section).toContain(`- 单位 / unit: ${ind.unit}\n`);
    }
    const property = generated.split('\n### 有财产案件法定期限内执结率\n')[1]!.split('\n### ')[0]!;
    expect(property).toContain(
      '```\n计数(有财产期限案件 其中 结案方式 = 执行完毕 且 结案日期 <= 法定期限) / 计数(有财产期限案件)\n```',
    );
    expect(property).toContain('- 窗口 / window: 窗口起 / window start；窗口止 / window end；截至日 / as-of date\n');
    expect(generated).toContain(
      '| 集合 有财产期限案件 | `受理 其中 有财产 = 真 且 (法定期限 在 窗口 或 结案日期 在 窗口)` |',
    );
  });

  it('names the window bounds each formula depends on, sets inlined', () => {
    const section = (name: string): string => generated.split(`\n### ${name}\n`)[1]!.split('\n### ')[0]!;
    expect(section('案款发放及时率')).toContain(
      '- 窗口 / window: 窗口起 / window start；窗口止 / window end；截至日 / as-of date\n',
    );
    expect(section('执行人员占比')).toContain(
      '- 窗口 / window: 截至日前最近一次人员数据 / the latest staffing on or before the as-of date\n',
    );
  });
});
