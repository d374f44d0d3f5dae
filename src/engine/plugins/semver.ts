// A tiny semver: versions `MAJOR.MINOR.PATCH[-pre]` and the ranges plugin manifests use for
// `engines.luoshi`: `*`, `1.2.3`, `=1.2.3`, `>=1.2.3 <2.0.0`, `^0.1.0`, `~1.2`, `1.x`, and `A || B`.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: string[];
}

const VERSION_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(s: string): Version | null {
  const m = VERSION_RE.exec(s.trim());
  if (!m) return null;
  return { major: +m[1]!, minor: +m[2]!, patch: +m[3]!, pre: m[4] ? m[4].split('.') : [] };
}

export function compareVersions(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  // A pre-release sorts before its release.
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i],
      y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x),
      ny = /^\d+$/.test(y);
    if (nx && ny) {
      if (+x !== +y) return +x - +y;
      continue;
    }
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

type Comparator = { op: '<' | '<=' | '>' | '>=' | '='; v: Version };

/** A partial version (`1`, `1.2`, `1.x`, `*`) as [major, minor, patch] with null for wildcards. */
function partial(s: string): [number | null, number | null, number | null, string[]] | null {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?$/.exec(s);
  if (!m) return null;
  const n = (x: string | undefined): number | null => (x === undefined || /^[xX*]$/.test(x) ? null : +x);
  const major = n(m[1]),
    minor = major === null ? null : n(m[2]),
    patch = minor === null ? null : n(m[3]);
  return [major, minor, patch, m[4] ? m[4].split('.') : []];
}

const V = (major: number, minor: number, patch: number, pre: string[] = []): Version => ({ major, minor, patch, pre });

/** One comparator set (space-separated, all must hold), or null when malformed. */
function comparators(set: string): Comparator[] | null {
  const out: Comparator[] = [];
  const parts = set
    .trim()
    .replace(/(<=|>=|<|>|=|\^|~)\s+/g, '$1')
    .split(/\s+/)
    .filter((p) => p !== '');
  // `1.2.3 - 2.3.4` (hyphen range)
  if (parts.length === 3 && parts[1] === '-') {
    const lo = partial(parts[0]!),
      hi = partial(parts[2]!);
    if (!lo || !hi) return null;
    out.push({ op: '>=', v: V(lo[0] ?? 0, lo[1] ?? 0, lo[2] ?? 0, lo[3]) });
    if (hi[0] !== null) {
      if (hi[1] === null) out.push({ op: '<', v: V(hi[0] + 1, 0, 0) });
      else if (hi[2] === null) out.push({ op: '<', v: V(hi[0], hi[1] + 1, 0) });
      else out.push({ op: '<=', v: V(hi[0], hi[1], hi[2], hi[3]) });
    }
    return out;
  }
  for (const p of parts) {
    const m = /^(\^|~|<=|>=|<|>|=)?(.*)$/.exec(p)!;
    const op = m[1] ?? '',
      pv = partial(m[2]!);
    if (!pv) return null;
    const [ma, mi, pa, pre] = pv;
    if (ma === null) {
      if (op === '' || op === '=' || op === '>=' || op === '<=') continue;
      return null;
    }
    if (op === '^') {
      const lo = V(ma, mi ?? 0, pa ?? 0, pre);
      const hi = ma > 0 || mi === null ? V(ma + 1, 0, 0) : mi > 0 || pa === null ? V(0, mi + 1, 0) : V(0, 0, pa + 1);
      out.push({ op: '>=', v: lo }, { op: '<', v: hi });
    } else if (op === '~') {
      out.push(
        { op: '>=', v: V(ma, mi ?? 0, pa ?? 0, pre) },
        { op: '<', v: mi === null ? V(ma + 1, 0, 0) : V(ma, mi + 1, 0) },
      );
    } else if (op === '' || op === '=') {
      if (mi === null) out.push({ op: '>=', v: V(ma, 0, 0) }, { op: '<', v: V(ma + 1, 0, 0) });
      else if (pa === null) out.push({ op: '>=', v: V(ma, mi, 0) }, { op: '<', v: V(ma, mi + 1, 0) });
      else out.push({ op: '=', v: V(ma, mi, pa, pre) });
    } else {
      const full = V(ma, mi ?? 0, pa ?? 0, pre);
      if (op === '>' && (mi === null || pa === null))
        out.push({ op: '>=', v: mi === null ? V(ma + 1, 0, 0) : V(ma, mi + 1, 0) });
      else if (op === '<=' && (mi === null || pa === null))
        out.push({ op: '<', v: mi === null ? V(ma + 1, 0, 0) : V(ma, mi + 1, 0) });
      else out.push({ op: op as Comparator['op'], v: full });
    }
  }
  return out;
}

function holds(c: Comparator, v: Version): boolean {
  const d = compareVersions(v, c.v);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '=':
      return d === 0;
  }
}

/** Whether a range string is well formed. */
export function validRange(range: string): boolean {
  return range.split('||').every((set) => comparators(set) !== null);
}

/**
 * Does `version` satisfy `range`? A pre-release version satisfies a range only through a comparator
 * naming the same MAJOR.MINOR.PATCH with a pre-release (as npm does). Malformed input: false.
 */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  for (const set of range.split('||')) {
    const cs = comparators(set);
    if (!cs) return false;
    if (!cs.every((c) => holds(c, v))) continue;
    if (
      v.pre.length > 0 &&
      !cs.some((c) => c.v.pre.length > 0 && c.v.major === v.major && c.v.minor === v.minor && c.v.patch === v.patch)
    )
      continue;
    return true;
  }
  return false;
}
