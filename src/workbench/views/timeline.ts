// Timeline: the plan's phases, each task's milestones and deadline (coloured by status at the as-of
// date), the as-of line and today, with a legend of the marks. Clicking the axis moves the as-of date there.
import type { ViewContribution } from '../registry.js';
import { h, s, clear, fmtNum } from '../dom.js';
import { pick, statusClass, statusLabel, t } from '../i18n.js';
import { addDaysIso, daysBetween, todayIso } from '../dates.js';

const COLORS: Record<string, string> = {
  good: '#2e7d32',
  warn: '#ed8b00',
  bad: '#d32f2f',
  info: '#1565c0',
  none: '#8a8f98',
};

export function monthTicks(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const iso = `${y}-${String(m).padStart(2, '0')}-01`;
    if (iso > to) break;
    if (iso >= from) out.push(iso);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const MAX_ROWS = 300;

/** What the marks mean: a milestone's colour by status, a task's deadline, the phases, the as-of date and today. */
function legend(): HTMLElement {
  const icon = (...kids: SVGElement[]): SVGSVGElement =>
    s('svg', { width: 16, height: 12, class: 'timeline-key' }, ...kids);
  const diamond = (fill: string): SVGSVGElement => icon(s('path', { d: 'M8 1 L13 6 L8 11 L3 6 Z', fill }));
  const item = (mark: SVGSVGElement, label: string): HTMLElement => h('span.legend-item', mark, label);
  return h(
    'div.legend.timeline-legend',
    { 'data-testid': 'timeline-legend' },
    ...(['done on time', 'due soon', 'done late', 'overdue', 'pending'] as const).map((st) =>
      item(diamond(COLORS[statusClass(st)]!), statusLabel(st)),
    ),
    item(
      icon(s('path', { d: 'M2 2 L14 2 L8 11 Z', fill: COLORS.none! })),
      pick('任务期限（无节点）', 'task deadline (no milestones)'),
    ),
    item(icon(s('rect', { x: 1, y: 3, width: 14, height: 6, rx: 2, class: 'phase p0' })), t('phases')),
    item(icon(s('line', { x1: 8, x2: 8, y1: 0, y2: 12, class: 'asof-line' })), t('asOf')),
    item(icon(s('line', { x1: 8, x2: 8, y1: 0, y2: 12, class: 'today' })), t('today')),
  );
}

export const timelineView: ViewContribution = {
  id: 'timeline',
  title: { zh: '时间线', en: 'Timeline' },
  location: 'panel',
  order: 20,
  render(host, { store, workbench }) {
    const wrap = h('div.timeline-wrap', { 'data-testid': 'timeline' });
    host.append(wrap);
    let width = 900;
    const ro = new ResizeObserver((es) => {
      const w = Math.floor(es[0]!.contentRect.width);
      if (w > 0 && Math.abs(w - width) > 8) {
        width = w;
        render();
      }
    });
    ro.observe(host);
    const render = (): void => {
      clear(wrap);
      const st = store.s;
      const r = st.report,
        ir = st.check?.ir,
        range = st.range;
      if (!r || !ir || !range) {
        wrap.append(h('div.muted.pad', st.evalErrors.length ? t('planHasErrors') : t('noReport')));
        return;
      }
      let from = range.from,
        to = range.to;
      for (const x of r.tasks)
        for (const m of x.milestones) {
          if (m.due < from) from = m.due;
          if (m.due > to) to = m.due;
        }
      for (const p of ir.phases) {
        if (p.from < from) from = p.from;
        if (p.to > to) to = p.to;
      }
      const label = 190,
        pad = 16,
        rowH = 24,
        top = 34;
      const W = Math.max(500, width - 4),
        plotW = W - label - pad;
      const span = Math.max(1, daysBetween(from, to));
      const x = (d: string): number => label + (daysBetween(from, d) / span) * plotW;
      const all = r.tasks.filter((t0) => t0.milestones.length || t0.due);
      const rows = all.slice(0, MAX_ROWS);
      const H = top + (ir.phases.length ? rowH : 0) + rows.length * rowH + 12;
      const svg = s('svg', { width: W, height: H, class: 'timeline' });
      // Month grid.
      const ticks = monthTicks(from, to);
      const perLabel = [1, 2, 3, 6, 12].find((k) => (plotW / Math.max(1, ticks.length)) * k >= 56) ?? 12;
      ticks.forEach((m, i) => {
        const xx = x(m);
        svg.append(s('line', { x1: xx, x2: xx, y1: top - 8, y2: H, class: 'grid' }));
        if (i % perLabel === 0) svg.append(s('text', { x: xx + 3, y: 14, class: 'tick' }, m.slice(0, 7)));
      });
      // The period.
      svg.append(
        s('rect', {
          x: x(range.from),
          y: 20,
          width: Math.max(1, x(range.to) - x(range.from)),
          height: 6,
          class: 'period',
          rx: 3,
        }),
      );
      let y = top;
      if (ir.phases.length) {
        svg.append(s('text', { x: 8, y: y + 16, class: 'row-label strong' }, t('phases')));
        ir.phases.forEach((p, i) => {
          svg.append(
            s(
              'rect',
              {
                x: x(p.from),
                y: y + 4,
                width: Math.max(2, x(p.to) - x(p.from)),
                height: rowH - 8,
                class: `phase p${i % 4}`,
                rx: 3,
              },
              s('title', {}, `${p.name} ${p.from} – ${p.to}${p.description ? `\n${p.description}` : ''}`),
            ),
          );
          svg.append(s('text', { x: x(p.from) + 4, y: y + 16, class: 'phase-label' }, p.name));
        });
        y += rowH;
      }
      for (const task of rows) {
        const cls = statusClass(task.status);
        const goto = (): void => {
          void workbench.revealLine(task.source.file, task.source.line);
        };
        if ((rows.indexOf(task) & 1) === 0) svg.append(s('rect', { x: 0, y, width: W, height: rowH, class: 'stripe' }));
        svg.append(
          s(
            'text',
            { x: 8, y: y + 16, class: 'row-label', onclick: goto },
            `${task.id} ${task.title.length > 12 ? `${task.title.slice(0, 12)}…` : task.title}`,
            s('title', {}, `${task.id} ${task.title}\n${statusLabel(task.status)}`),
          ),
        );
        const due = task.due;
        if (due)
          svg.append(
            s('line', { x1: x(range.from), x2: x(due), y1: y + rowH / 2, y2: y + rowH / 2, class: `task-line ${cls}` }),
          );
        for (const m of task.milestones) {
          const c = COLORS[statusClass(m.status)]!;
          const cx = x(m.due),
            cy = y + rowH / 2;
          svg.append(
            s(
              'path',
              {
                d: `M${cx} ${cy - 7} L${cx + 7} ${cy} L${cx} ${cy + 7} L${cx - 7} ${cy} Z`,
                fill: c,
                class: 'milestone',
                onclick: goto,
              },
              s(
                'title',
                {},
                `${m.text}\n${pick('期限', 'due')} ${m.dueText} (${m.due})\n${statusLabel(m.status)}${m.done ? `\n${pick('完成于', 'done')} ${m.done}` : ''}`,
              ),
            ),
          );
          if (m.done && m.done !== m.due)
            svg.append(s('circle', { cx: x(m.done), cy, r: 3, fill: c, class: 'done-mark' }));
        }
        if (!task.milestones.length && due) {
          const cx = x(due),
            cy = y + rowH / 2;
          svg.append(
            s(
              'path',
              {
                d: `M${cx - 6} ${cy - 6} L${cx + 6} ${cy - 6} L${cx} ${cy + 6} Z`,
                fill: COLORS[cls]!,
                class: 'due-mark',
                onclick: goto,
              },
              s('title', {}, `${task.id} ${pick('期限', 'due')} ${due}\n${statusLabel(task.status)}`),
            ),
          );
        }
        y += rowH;
      }
      const today = todayIso();
      if (today >= from && today <= to)
        svg.append(
          s('line', { x1: x(today), x2: x(today), y1: top - 12, y2: H, class: 'today' }),
          s('text', { x: x(today) + 3, y: H - 4, class: 'today-label' }, t('today')),
        );
      if (st.asOf) {
        const ax = x(st.asOf);
        const tx = Math.max(label + 38, Math.min(W - 40, ax));
        svg.append(
          s('line', { x1: ax, x2: ax, y1: top - 12, y2: H, class: 'asof-line', 'data-testid': 'asof-line' }),
          s('rect', { x: tx - 38, y: top - 14, width: 76, height: 14, rx: 3, class: 'asof-tag' }),
          s('text', { x: tx, y: top - 3, class: 'asof-text', 'text-anchor': 'middle' }, st.asOf),
        );
      }
      // Clicking the axis band moves the as-of date.
      svg.append(
        s('rect', {
          x: label,
          y: 0,
          width: plotW,
          height: 28,
          class: 'axis-hit',
          onclick: (e: Event) => {
            const me = e as MouseEvent;
            const box = (me.currentTarget as SVGRectElement).getBoundingClientRect();
            const d = addDaysIso(from, Math.round(((me.clientX - box.left) / box.width) * span));
            workbench.setAsOf(d < range.from ? range.from : d > range.to ? range.to : d, true);
          },
        }),
      );
      wrap.append(legend(), svg);
      // The page's report holds at most the plan's first tasks (src/workers/engine.ts): the total is the plan's.
      const total = st.tasksTotal > r.tasks.length ? st.tasksTotal : all.length;
      if (total > rows.length)
        wrap.append(
          h(
            'div.muted.pad',
            { 'data-testid': 'timeline-cap' },
            pick(
              `只显示前 ${fmtNum(rows.length)} 项任务（共 ${fmtNum(total)} 项）`,
              `showing the first ${fmtNum(rows.length)} of ${fmtNum(total)} tasks`,
            ),
          ),
        );
    };
    return {
      update: (changed) => {
        if (['*', 'report', 'asOf', 'lang', 'range', 'tasksTotal'].some((k) => changed.has(k))) render();
      },
      dispose: () => ro.disconnect(),
    };
  },
};
