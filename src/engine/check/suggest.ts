// "Did you mean …?": the closest known name by edit distance, when it is close enough to be a likely typo.

export function editDistance(a: string, b: string, limit = Infinity): number {
  const A = Array.from(a),
    B = Array.from(b);
  if (Math.abs(A.length - B.length) > limit) return limit + 1;
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= B.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (A[i - 1] === B[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[B.length]!;
}

export function closest(name: string, candidates: Iterable<string>): string | null {
  const len = Array.from(name).length;
  const limit = Math.max(1, Math.floor(len / 3));
  let best: string | null = null,
    bestD = limit + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c, bestD);
    if (d < bestD || (d === bestD && best !== null && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : null;
}
