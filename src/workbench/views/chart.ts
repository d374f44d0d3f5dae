// A line chart in SVG for replayed series: one line per court, the overall line, step lines for the
// target's threshold, vertical lines for deadlines and the as-of date, and a hover read-out.
import { s, fmtValue } from '../dom.js';

export interface Line { key: string; label: string; values: Array<number | null>; color: string; width?: number; dash?: string; emphasis?: boolean }

export interface ChartSpec {
  dates: string[];
  lines: Line[];
  thresholds: Array<{ values: number[]; label: string; color: string }>;
  marks: Array<{ date: string; label: string; cls: string }>;
  unit: string;
  width: number;
  height: number;
  onPick?(date: string): void;
}

export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#d62728', '#393b79', '#637939', '#8c6d31', '#843c39'];

export function lineChart(c: ChartSpec): SVGSVGElement {
  const m = { l: 56, r: 16, t: 12, b: 28 };
  const W = c.width, H = c.height, pw = W - m.l - m.r, ph = H - m.t - m.b;
  const all: number[] = [];
  for (const l of c.lines) for (const v of l.values) if (v !== null && Number.isFinite(v)) all.push(v);
  for (const t of c.thresholds) all.push(...t.values.filter(Number.isFinite));
  let lo = Math.min(0, ...all), hi = Math.max(...all, 0);
  if (!(hi > lo)) hi = lo + 1;
  // Round numbers on the axis: a step of 1, 2 or 5 × 10^k, four or five of them.
  const raw = (hi - lo) / 4, mag = 10 ** Math.floor(Math.log10(raw));
  const stepV = ([1, 2, 2.5, 5, 10].find((k) => k * mag >= raw) ?? 10) * mag;
  lo = Math.floor(lo / stepV) * stepV;
  hi = Math.ceil((hi * 1.02) / stepV) * stepV;
  const n = c.dates.length;
  const x = (i: number): number => m.l + (n <= 1 ? pw / 2 : (i / (n - 1)) * pw);
  const y = (v: number): number => m.t + ph - ((v - lo) / (hi - lo)) * ph;
  const svg = s('svg', { width: W, height: H, class: 'chart' });
  // Axes and grid.
  for (let v = lo; v <= hi + stepV / 2; v += stepV) {
    svg.append(s('line', { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), class: 'grid' }), s('text', { x: m.l - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, fmtValue(v, c.unit)));
  }
  const every = Math.max(1, Math.ceil(n / 8));
  c.dates.forEach((d, i) => { if (i % every === 0 || i === n - 1) svg.append(s('text', { x: x(i), y: H - 8, class: 'tick', 'text-anchor': 'middle' }, d.slice(5))); });
  const idxOf = (date: string): number => {
    let best = 0;
    c.dates.forEach((d, i) => { if (d <= date) best = i; });
    return best;
  };
  for (const mk of c.marks) {
    if (n === 0 || mk.date < c.dates[0]! || mk.date > c.dates[n - 1]!) continue;
    const i = idxOf(mk.date);
    const frac = i < n - 1 ? i + dayFrac(c.dates[i]!, c.dates[i + 1]!, mk.date) : i;
    const xx = m.l + (n <= 1 ? pw / 2 : (frac / (n - 1)) * pw);
    const right = xx > W - m.r - 90;
    svg.append(s('line', { x1: xx, x2: xx, y1: m.t, y2: m.t + ph, class: mk.cls }),
      s('text', { x: right ? xx - 3 : xx + 3, y: m.t + 10, class: `${mk.cls}-label`, 'text-anchor': right ? 'end' : 'start' }, mk.label));
  }
  for (const t of c.thresholds) {
    let d = '';
    t.values.forEach((v, i) => { d += `${i === 0 ? 'M' : 'L'}${x(i)} ${y(v)}`; if (i < n - 1 && t.values[i + 1] !== v) d += ` L${x(i + 1)} ${y(v)}`; });
    svg.append(s('path', { d, stroke: t.color, fill: 'none', 'stroke-width': 1.5, 'stroke-dasharray': '6 4', class: 'threshold' }, s('title', {}, t.label)));
  }
  const ordered = [...c.lines].sort((a, b) => Number(!!a.emphasis) - Number(!!b.emphasis));
  for (const l of ordered) {
    let d = '', pen = false;
    l.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
      pen = true;
    });
    svg.append(s('path', { d, stroke: l.color, fill: 'none', 'stroke-width': l.width ?? 1.5, 'stroke-dasharray': l.dash ?? null, class: `series${l.emphasis ? ' emphasis' : ''}`, 'data-key': l.key }, s('title', {}, l.label)));
  }
  // Hover read-out and click-to-pick.
  const cursor = s('line', { x1: 0, x2: 0, y1: m.t, y2: m.t + ph, class: 'cursor', visibility: 'hidden' });
  const tip = s('g', { class: 'tip', visibility: 'hidden' });
  svg.append(cursor, tip);
  const hit = s('rect', { x: m.l, y: m.t, width: pw, height: ph, fill: 'transparent' });
  const at = (e: MouseEvent): number => {
    const box = hit.getBoundingClientRect();
    return Math.max(0, Math.min(n - 1, Math.round(((e.clientX - box.left) / box.width) * (n - 1))));
  };
  hit.addEventListener('mousemove', (e) => {
    const i = at(e);
    cursor.setAttribute('x1', String(x(i))); cursor.setAttribute('x2', String(x(i))); cursor.setAttribute('visibility', 'visible');
    tip.replaceChildren();
    const rows = c.lines.filter((l) => l.values[i] !== null && l.values[i] !== undefined).sort((a, b) => (b.values[i] ?? 0) - (a.values[i] ?? 0)).slice(0, 14);
    const tx = x(i) > W / 2 ? x(i) - 210 : x(i) + 10;
    tip.append(s('rect', { x: tx, y: m.t, width: 200, height: 18 + rows.length * 15, rx: 4, class: 'tip-box' }), s('text', { x: tx + 8, y: m.t + 14, class: 'tip-title' }, c.dates[i]!));
    rows.forEach((l, k) => tip.append(s('circle', { cx: tx + 12, cy: m.t + 26 + k * 15, r: 4, fill: l.color }), s('text', { x: tx + 20, y: m.t + 30 + k * 15, class: 'tip-row' }, `${l.label.slice(0, 12)}  ${fmtValue(l.values[i]!, c.unit)}`)));
    tip.setAttribute('visibility', 'visible');
  });
  hit.addEventListener('mouseleave', () => { cursor.setAttribute('visibility', 'hidden'); tip.setAttribute('visibility', 'hidden'); });
  if (c.onPick) hit.addEventListener('click', (e) => c.onPick!(c.dates[at(e)]!));
  svg.append(hit);
  return svg;
}

function dayFrac(a: string, b: string, d: string): number {
  const A = Date.parse(a), B = Date.parse(b), D = Date.parse(d);
  return B > A ? (D - A) / (B - A) : 0;
}
