// Tasks and responsibility, for leadership groups: the owner × task matrix (who leads, who co-owns, and
// each task's status at the as-of date), filterable by name, status and department; and the task list
// with deadlines, milestones and rule failures.
import type { TaskReport, TaskStatus } from '../../engine/report/model.js';
import type { ViewContribution } from '../registry.js';
import { h, clear, fmtNum } from '../dom.js';
import { currentLang, pick, statusClass, statusLabel, t } from '../i18n.js';
import { ruleWindowText } from '../../engine/report/basis.js';
import { responsibilityTable, taskTable } from '../../engine/report/tables.js';
import { exportButtons } from '../table-export.js';

/** A group of statuses, or (`=status`, from a summary chip) exactly one. */
type StatusFilter = 'all' | 'late' | 'risk' | 'done' | 'open' | `=${TaskStatus}`;

function keep(s: TaskStatus, f: StatusFilter): boolean {
  if (f.startsWith('=')) return s === f.slice(1);
  switch (f) {
    case 'all':
      return true;
    case 'late':
      return s === 'overdue' || s === 'done late';
    case 'risk':
      return s === 'overdue' || s === 'due soon';
    case 'done':
      return s === 'done on time' || s === 'done late';
    case 'open':
      return s === 'pending' || s === 'due soon' || s === 'overdue' || s === 'ongoing';
    default:
      return true;
  }
}

/** Beyond these the DOM would freeze the page; the filter narrows a huge plan down. */
const MAX_COLUMNS = 150,
  MAX_LIST = 500;

export const tasksView: ViewContribution = {
  id: 'tasks',
  title: { zh: '任务与责任', en: 'Tasks & owners' },
  location: 'panel',
  order: 10,
  render(host, { store, workbench }) {
    let mode: 'matrix' | 'list' = (localStorage.getItem('luoshi.tasks.mode') as 'matrix' | 'list' | null) ?? 'matrix';
    let text = '';
    let status: StatusFilter = 'all';
    let dept = '';
    const body = h('div.view-body');
    const toolbar = h('div.toolbar');
    const renderToolbar = (): void => {
      clear(toolbar);
      const input = h('input.filter', {
        placeholder: t('filter'),
        value: text,
        'data-testid': 'tasks-filter',
      }) as HTMLInputElement;
      input.addEventListener('input', () => {
        text = input.value.trim();
        renderBody();
      });
      const groups: Array<readonly [StatusFilter, string]> = [
        ['all', t('all')],
        ['late', t('late')],
        ['risk', t('atRisk')],
        ['done', t('done')],
        ['open', t('open')],
      ];
      if (status.startsWith('=')) groups.push([status, statusLabel(status.slice(1))]);
      const sel = h(
        'select',
        { 'data-testid': 'tasks-status' },
        ...groups.map(([v, l]) => h('option', { value: v, selected: status === v }, l)),
      ) as HTMLSelectElement;
      sel.addEventListener('change', () => {
        status = sel.value as StatusFilter;
        renderBody();
      });
      const depts = store.s.report?.departments.map((d) => d.name) ?? [];
      const dsel = h(
        'select',
        h('option', { value: '' }, `${t('department')}: ${t('all')}`),
        ...depts.map((d) => h('option', { value: d, selected: dept === d }, d)),
      ) as HTMLSelectElement;
      dsel.addEventListener('change', () => {
        dept = dsel.value;
        renderBody();
      });
      const seg = h(
        'div.segmented',
        h(
          'button',
          {
            class: mode === 'matrix' ? 'on' : '',
            onclick: () => {
              mode = 'matrix';
              localStorage.setItem('luoshi.tasks.mode', mode);
              renderToolbar();
              renderBody();
            },
          },
          t('matrix'),
        ),
        h(
          'button',
          {
            class: mode === 'list' ? 'on' : '',
            onclick: () => {
              mode = 'list';
              localStorage.setItem('luoshi.tasks.mode', mode);
              renderToolbar();
              renderBody();
            },
          },
          t('list'),
        ),
      );
      // The table as shown: the matrix or the list, with the filters applied (late: the overdue list).
      const exported = (): ReturnType<typeof taskTable> | null => {
        const r = store.s.report;
        if (!r) return null;
        return mode === 'matrix'
          ? responsibilityTable(r, tasksShown(), currentLang())
          : taskTable(
              `${pick('任务', 'tasks')}${status === 'all' ? '' : ` ${sel.selectedOptions[0]?.textContent ?? ''}`} ${r.asOf}`,
              tasksShown(),
              currentLang(),
            );
      };
      toolbar.append(
        seg,
        input,
        sel,
        dsel,
        summary(),
        exportButtons('tasks', exported, (m) => workbench.notify(m, 'error')),
      );
    };
    const summary = (): HTMLElement => {
      const r = store.s.report;
      if (!r) return h('span');
      // Each chip filters the tasks to its status (a second click shows all again).
      const parts = Object.entries(r.summary.tasks).map(([k, n]) => {
        const f = `=${k}` as StatusFilter;
        return h(
          'button',
          {
            class: `chip chip-filter ${statusClass(k)}${status === f ? ' on' : ''}`,
            'data-testid': 'tasks-status-chip',
            'aria-pressed': String(status === f),
            title: pick(`只看“${statusLabel(k)}”的任务`, `show only tasks ${statusLabel(k)}`),
            onclick: () => {
              status = status === f ? 'all' : f;
              renderToolbar();
              renderBody();
            },
          },
          `${statusLabel(k)} ${n}`,
        );
      });
      return h(
        'span.summary',
        `${t('asOf')} ${r.asOf}`,
        ...parts,
        store.s.reportStale ? h('span.stale', pick('（待更新）', '(updating)')) : null,
      );
    };
    const tasksShown = (): TaskReport[] => {
      const r = store.s.report;
      if (!r) return [];
      const q = text.toLowerCase();
      return r.tasks.filter(
        (x) =>
          keep(x.status, status) &&
          (!dept || x.departments.includes(dept)) &&
          (!q ||
            x.id.toLowerCase().includes(q) ||
            x.title.toLowerCase().includes(q) ||
            x.owners.some((o) => o.name.includes(text) || o.holders.some((p) => p.includes(text)))),
      );
    };
    const renderBody = (): void => {
      clear(body);
      const r = store.s.report;
      if (!r) {
        body.append(h('div.muted.pad', store.s.evalErrors.length ? t('planHasErrors') : t('noReport')));
        return;
      }
      const all = tasksShown();
      const max = mode === 'matrix' ? MAX_COLUMNS : MAX_LIST;
      const tasks = all.slice(0, max);
      const total = Math.max(all.length, store.s.tasksTotal);
      if (total > tasks.length && (all.length > max || store.s.tasksTotal > r.tasks.length)) {
        body.append(
          h(
            'div.muted.pad',
            pick(
              `只显示前 ${tasks.length} 项任务（共 ${total} 项），请用筛选缩小范围`,
              `showing the first ${tasks.length} of ${total} tasks: filter to narrow them`,
            ),
          ),
        );
      }
      if (mode === 'matrix') body.append(matrix(tasks));
      else body.append(list(tasks));
    };
    const goto = (x: TaskReport): void => {
      void workbench.revealLine(x.source.file, x.source.line);
    };
    const matrix = (tasks: TaskReport[]): HTMLElement => {
      const r = store.s.report!;
      const ir = store.s.check?.ir;
      const ids = new Set(tasks.map((x) => x.id));
      const q = text;
      const rows: Array<{
        name: string;
        title: string;
        cells: Map<string, { lead: boolean; joint: boolean; via: string | null; status: TaskStatus }>;
        late: number;
        unbound: boolean;
      }> = [];
      for (const p of r.people) {
        const cells = new Map(
          p.tasks
            .filter((x) => ids.has(x.task))
            .map((x) => [x.task, { lead: x.lead, joint: x.joint === true, via: x.via, status: x.status }]),
        );
        if (cells.size === 0 && !(q && p.name.includes(q))) continue;
        // Roles nobody holds come as rows of their own (their tasks are nobody's, which a leadership
        // group needs to see); the engine titles them in both languages.
        const unbound = !!ir?.roles.some((x) => x.name === p.name && x.holders.length === 0);
        const title = unbound ? t('unassigned') : (p.title ?? '');
        rows.push({ name: p.name, title, cells, late: p.late, unbound });
      }
      const table = h('table.matrix', { 'data-testid': 'matrix' });
      table.append(
        h(
          'thead',
          h(
            'tr',
            h('th.corner', `${t('owner')} \\ ${t('task')}`),
            ...tasks.map((x) =>
              h(
                'th.task-col',
                { title: `${x.id} ${x.title}`, onclick: () => goto(x) },
                h('div.task-id', x.id),
                h('div', { class: `status-dot ${statusClass(x.status)}` }),
              ),
            ),
          ),
        ),
      );
      const tb = h('tbody');
      for (const row of rows) {
        tb.append(
          h(
            'tr',
            { class: row.unbound ? 'unbound' : '' },
            h(
              'th.owner',
              h(
                'div.owner-name',
                row.name,
                row.late ? h('span.late-count', { title: t('late') }, String(row.late)) : null,
              ),
              h('div.owner-title', row.title),
            ),
            ...tasks.map((x) => {
              const c = row.cells.get(x.id);
              if (!c) return h('td.empty');
              return h(
                'td',
                {
                  class: `cell ${statusClass(c.status)}`,
                  title: `${x.id} ${x.title}\n${statusLabel(c.status)}${c.via ? `\n${pick('经角色', 'via')} ${c.via}` : ''}`,
                  onclick: () => goto(x),
                },
                h('span.role-mark', c.lead ? pick('主', 'L') : c.joint ? pick('共', 'J') : pick('协', 'C')),
              );
            }),
          ),
        );
      }
      table.append(tb);
      const legend = h(
        'div.legend',
        ...['done on time', 'done late', 'due soon', 'overdue', 'pending', 'ongoing'].map((k) =>
          h('span', { class: `chip ${statusClass(k)}` }, statusLabel(k)),
        ),
        h('span.muted', pick('主 = 牵头，协 = 协办，共 = 共同负责', 'L = lead, C = co-owner, J = jointly')),
      );
      return h('div.matrix-wrap', legend, h('div.scroll', table));
    };
    const list = (tasks: TaskReport[]): HTMLElement => {
      // A rule counts every case filed by the as-of date, whatever an indicator's window: its column says so.
      const asOf = store.s.report?.asOf ?? store.s.asOf ?? '';
      const rulesHead = h(
        'th',
        { 'data-testid': 'rules-window' },
        t('rules'),
        h('div.rules-window', ruleWindowText(asOf, currentLang())),
      );
      const table = h(
        'table.grid',
        { 'data-testid': 'task-list' },
        h(
          'thead',
          h(
            'tr',
            ...['编号/No.', t('task'), t('owner'), t('departments'), t('due'), t('milestones')].map((x) =>
              h('th', x.includes('/') ? pick(x.split('/')[0]!, x.split('/')[1]!) : x),
            ),
            rulesHead,
            h('th', t('status')),
          ),
        ),
      );
      const tb = h('tbody');
      for (const x of tasks) {
        const done = x.milestones.filter((m) => m.status === 'done on time' || m.status === 'done late').length;
        tb.append(
          h(
            'tr',
            h('td.link', { onclick: () => goto(x) }, x.id),
            h('td', x.title),
            h(
              'td',
              ...x.owners.map((o, i) =>
                h(
                  'span',
                  { class: i === 0 && !x.joint ? 'lead' : 'co' },
                  o.name,
                  o.kind === 'role' && o.holders.length ? h('span.muted', `（${o.holders.join('、')}）`) : null,
                  i < x.owners.length - 1 ? '、' : '',
                ),
              ),
            ),
            h('td', x.departments.join('、') || '—'),
            h('td.num', x.dueKind === 'ongoing' ? statusLabel('ongoing') : (x.due ?? '—')),
            h('td.num', x.milestones.length ? `${done}/${x.milestones.length}` : '—'),
            h(
              'td.num',
              ...x.rules.map((rr) =>
                h(
                  'a.link',
                  {
                    title: pick(
                      `${rr.rule}：不合格 ${fmtNum(rr.failed)} 件（${ruleWindowText(asOf, 'zh')}）`,
                      `${rr.rule}: ${fmtNum(rr.failed)} failed (${ruleWindowText(asOf, 'en')})`,
                    ),
                    onclick: () => {
                      void workbench.showCases({ entry: store.s.entry!, asOf: store.s.asOf!, rule: rr.rule });
                      workbench.showView('cases');
                    },
                  },
                  `${rr.rule} ${fmtNum(rr.failed)}`,
                ),
              ),
            ),
            h('td', h('span', { class: `chip ${statusClass(x.status)}` }, statusLabel(x.status))),
          ),
        );
      }
      table.append(tb);
      return h('div.scroll', table);
    };
    host.append(toolbar, body);
    return {
      update: (changed) => {
        if (['*', 'report', 'lang', 'reportStale', 'evalErrors'].some((k) => changed.has(k))) {
          renderToolbar();
          renderBody();
        }
      },
    };
  },
};
