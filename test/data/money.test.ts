import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fenToYuan, formatFen, parseFen } from '../../src/engine/data/money.js';

describe('money: yuan ↔ integer fen, exactly', () => {
  it('parses decimals without float error', () => {
    expect(parseFen(0.29)).toBe(29);
    expect(parseFen(1.1)).toBe(110);
    expect(parseFen(12345.67)).toBe(1234567);
    expect(parseFen('0.29')).toBe(29);
    expect(parseFen('1234.50')).toBe(123450);
    expect(parseFen(100)).toBe(10000);
    expect(parseFen('1e3')).toBe(100000);
    expect(parseFen('1.5e1')).toBe(1500);
    expect(parseFen('-0.05')).toBe(-5);
    expect(parseFen(0)).toBe(0);
    expect(parseFen('-0')).toBe(0);
  });

  it('refuses more than two decimals, including float noise', () => {
    expect(parseFen(0.1 + 0.2)).toBe('precision');
    expect(parseFen(1.005)).toBe('precision');
    expect(parseFen('1.001')).toBe('precision');
    expect(parseFen(1e-7)).toBe('precision');
    expect(parseFen('1.230')).toBe(123); // trailing zeros are not decimals
  });

  it('refuses what is not a number or too large to hold exactly', () => {
    expect(parseFen('abc')).toBe('format');
    expect(parseFen('')).toBe('format');
    expect(parseFen(Number.NaN)).toBe('format');
    expect(parseFen(Infinity)).toBe('format');
    expect(parseFen(1e21)).toBe('range');
    expect(parseFen('123456789012345')).toBe('range');
  });

  it('round-trips every fen amount through its yuan number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 90_071_992_547_409 }), (fen) => {
        expect(parseFen(fenToYuan(fen))).toBe(fen);
        expect(parseFen(formatFen(fen))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });

  it('formats fen with two decimals', () => {
    expect(formatFen(12345)).toBe('123.45');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-5)).toBe('-0.05');
  });
});
