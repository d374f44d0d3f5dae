// A seeded pseudo-random generator (sfc32, seeded by cyrb128 of a string): same seed, same sequence, on
// every platform. Never Math.random: generated data must be reproducible byte for byte.

function cyrb128(s: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** An index drawn with the given (non-negative) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/**
 * Splits an integer total into integer parts proportional to `weights` (largest remainder; ties to the
 * lower index), each part at most its cap when `caps` is given. The parts sum to the total exactly.
 * Throws when the caps cannot hold the total.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const n = weights.length;
  const parts = new Array<number>(n).fill(0);
  if (n === 0) {
    if (total !== 0) throw new Error('nothing to apportion into');
    return parts;
  }
  const fixed = new Array<boolean>(n).fill(false);
  let remaining = total;
  for (;;) {
    const open: number[] = [];
    let wsum = 0;
    for (let i = 0; i < n; i++)
      if (!fixed[i]) {
        open.push(i);
        wsum += weights[i]!;
      }
    if (open.length === 0) {
      if (remaining !== 0) throw new Error('the caps cannot hold the total');
      return parts;
    }
    const share = open.map((i) => (wsum > 0 ? (remaining * weights[i]!) / wsum : remaining / open.length));
    const floor = share.map(Math.floor);
    let left = remaining - floor.reduce((a, b) => a + b, 0);
    const order = open.map((_, k) => k).sort((x, y) => share[y]! - floor[y]! - (share[x]! - floor[x]!) || x - y);
    for (const k of order) {
      if (left <= 0) break;
      floor[k]!++;
      left--;
    }
    let over = false;
    open.forEach((i, k) => {
      parts[i] = floor[k]!;
      if (caps && parts[i]! > caps[i]!) over = true;
    });
    if (!over) return parts;
    for (const i of open) {
      if (caps && parts[i]! >= caps[i]!) {
        parts[i] = caps[i]!;
        fixed[i] = true;
        remaining -= caps[i]!;
      }
    }
  }
}
