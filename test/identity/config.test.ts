// luoshi.config.yaml: `courts` (aliases, unmatched) and `maxRejected`, parsed and validated with their lines.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/plugins/config.js';
import { parseBudget } from '../../src/harness/commands/gate.js';

describe('courts and maxRejected in luoshi.config.yaml', () => {
  it('are read', () => {
    const { config, diagnostics } = parseConfig(
      'courts:\n  aliases: { 象山县法院: 象山法院 }\n  unmatched: include\nmaxRejected: 1.5%\n',
      'luoshi.config.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(config.courts).toEqual({ aliases: { 象山县法院: '象山法院' }, unmatched: 'include' });
    expect(config.maxRejected).toBe('1.5%');
    expect(parseConfig('maxRejected: 12\n', 'c.yaml').config.maxRejected).toBe(12);
  });

  it('bad values are located errors', () => {
    const bad = parseConfig('plugins: []\ncourts:\n  unmatched: keep\n', 'luoshi.config.yaml');
    expect(bad.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['P0011', 2]]);
    expect(parseConfig('maxRejected: lots\n', 'luoshi.config.yaml').diagnostics.map((d) => d.code)).toEqual(['P0011']);
  });

  it('the budget: a count or a percentage', () => {
    expect(parseBudget('0')).toEqual({ count: 0, text: '0' });
    expect(parseBudget(7)).toEqual({ count: 7, text: '7' });
    expect(parseBudget('0.5%')).toEqual({ percent: 0.5, text: '0.5%' });
    expect(() => parseBudget('150%')).toThrow(
      '--max-rejected 应为非负整数或百分比（如 10 或 1%）/ --max-rejected must be a whole number or a percentage (e.g. 10 or 1%), not "150%"',
    );
    expect(() => parseBudget('-1')).toThrow('not "-1"');
  });
});
