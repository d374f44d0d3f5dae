// Money: yuan in the files, integer fen in memory. Parsing goes through the decimal text of the value
// (a JS number's shortest round-trip form), never through float multiplication, so 0.29 yuan is 29 fen.

/** Largest amount held exactly: fen must stay below 2^53. */
export const MAX_FEN = Number.MAX_SAFE_INTEGER;

export type MoneyError = 'format' | 'precision' | 'range';

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Integer fen for a yuan amount given as a number or decimal text ("1234.5", "1e3", "-0.29").
 * Returns 'format' when it is not a number, 'precision' when it has more than 2 decimals,
 * 'range' when it cannot be held exactly. Negative amounts parse (validation rejects them).
 */
export function parseFen(v: number | string): number | MoneyError {
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'format';
    // Fast path: v is the double nearest to f/100 exactly when its shortest decimal text has at most two
    // decimals (division is correctly rounded), so f is its exact fen.
    const f = Math.round(v * 100);
    if (Math.abs(f) <= MAX_FEN && f / 100 === v) return f === 0 ? 0 : f;
    text = String(v);
  } else {
    text = v.trim();
  }
  const m = DECIMAL.exec(text);
  if (!m) return 'format';
  const sign = m[1] === '-' ? -1 : 1;
  let intDigits = m[2] ?? '';
  let frac = m[3] ?? '';
  if (intDigits === '' && frac === '') return 'format';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (Math.abs(exp) > 400) {
    if (!/[1-9]/.test(intDigits + frac)) return 0;
    return exp > 0 ? 'range' : 'precision';
  }
  // Shift the decimal point by the exponent.
  if (exp > 0) {
    const take = frac.slice(0, exp);
    intDigits += take.padEnd(exp, '0');
    frac = frac.slice(exp);
  } else if (exp < 0) {
    const k = -exp;
    const padded = intDigits.padStart(k, '0');
    frac = padded.slice(padded.length - k) + frac;
    intDigits = padded.slice(0, padded.length - k);
  }
  frac = frac.replace(/0+$/, '');
  if (frac.length > 2) return 'precision';
  intDigits = intDigits.replace(/^0+/, '');
  if (intDigits.length > 14) return 'range';
  const fen = Number(intDigits || '0') * 100 + Number(frac.padEnd(2, '0'));
  if (fen > MAX_FEN) return 'range';
  return fen === 0 ? 0 : sign * fen;
}

/** Yuan as a JS number (the nearest double to the exact decimal, like parsing its text). */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** Fixed two-decimal text: 12345 → "123.45", -5 → "-0.05". */
export function formatFen(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}
