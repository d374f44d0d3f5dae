// Outline: the declarations of the file in the editor (tasks with their milestones), from the worker.
import type { OutlineItem } from '../../workers/protocol.js';
import type { ViewContribution } from '../registry.js';
import { h, clear } from '../dom.js';
import { pick } from '../i18n.js';

const ICON: Record<string, string> = {
  plan: '◈',
  court: '⚖',
  person: '☺',
  role: '◎',
  department: '▤',
  group: '◉',
  phase: '▭',
  field: '𝑓',
  set: '{}',
  indicator: '∑',
  rule: '§',
  target: '◎',
  task: '☐',
  milestone: '◆',
  fact: '·',
};

/** A huge plan's outline would be tens of thousands of rows: the rest is searchable with Ctrl+Shift+O. */
const MAX_ROWS = 250;

export const outlineView: ViewContribution = {
  id: 'outline',
  title: { zh: '大纲', en: 'Outline' },
  location: 'sidebar',
  order: 10,
  render(host, { store, workbench }) {
    let seq = 0;
    // What is drawn: a check of unchanged text must not fetch (and clone) the outline again.
    let drawn: { path: string; text: string; lang: string } | null = null;
    const render = async (force: boolean): Promise<void> => {
      const path = store.s.active;
      const b = path ? store.s.buffers.get(path) : undefined;
      if (!force && drawn && b && drawn.path === path && drawn.text === b.text && drawn.lang === store.s.lang) return;
      const mine = ++seq;
      if (!path || !b || !path.endsWith('.plan')) {
        drawn = null;
        clear(host);
        return;
      }
      drawn = { path, text: b.text, lang: store.s.lang };
      // One more than is shown, to know whether there are more.
      const items = await workbench.client.engine.outline(path, b.text, MAX_ROWS + 1);
      if (mine !== seq) return;
      // Built apart and put in at once: one layout, not one per row.
      const out: HTMLElement[] = [];
      let rows = 0;
      const add = (o: OutlineItem, depth: number): void => {
        if (o.kind === 'person' && depth > 0) return;
        if (rows++ >= MAX_ROWS) return;
        out.push(
          h(
            'div.tree-row.outline-row',
            {
              style: `padding-left:${8 + depth * 12}px`,
              title: o.detail,
              onclick: () => {
                void workbench.revealLine(path, o.selection.start.line);
              },
            },
            h('span', { class: `icon sym-${o.kind}` }, ICON[o.kind] ?? '·'),
            h('span.name', o.name),
            o.detail ? h('span.detail', o.detail) : null,
          ),
        );
        for (const c of o.children) add(c, depth + 1);
      };
      const shown = items.filter((o) => !['person', 'court', 'department'].includes(o.kind));
      for (const o of shown) add(o, 0);
      if (rows > MAX_ROWS)
        out.push(
          h(
            'div.muted.pad',
            pick('… 更多声明（Ctrl+Shift+O 搜索全部）', '… more declarations (Ctrl+Shift+O searches all)'),
          ),
        );
      if (shown.length === 0) out.push(h('div.muted.pad', pick('（无声明）', '(no declarations)')));
      host.replaceChildren(...out);
    };
    return {
      update: (changed) => {
        if (['*', 'active', 'check', 'lang'].some((k) => changed.has(k))) void render(changed.has('*'));
      },
    };
  },
};
