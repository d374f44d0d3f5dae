// Explorer: the folder's plans, tests and data as a tree, the standard library below. A plan opens in the
// editor and becomes the plan under evaluation; a data file can be used for it (● marks what is in use).
import type { ViewContribution } from '../registry.js';
import type { FileEntry } from '../state.js';
import { h, clear } from '../dom.js';
import { pick, t } from '../i18n.js';
import { libraryOnly } from '../library.js';

const ICON: Record<FileEntry['kind'], string> = {
  plan: '▣',
  test: '✓',
  cases: '⛁',
  progress: '⚑',
  staffing: '☺',
  doc: '≡',
  other: '·',
};

interface Dir {
  name: string;
  path: string;
  dirs: Map<string, Dir>;
  files: FileEntry[];
}

function tree(files: FileEntry[]): Dir {
  const root: Dir = { name: '', path: '', dirs: new Map(), files: [] };
  for (const f of files) {
    const parts = f.path.split('/');
    let d = root;
    for (const p of parts.slice(0, -1)) {
      let next = d.dirs.get(p);
      if (!next) {
        next = { name: p, path: d.path ? `${d.path}/${p}` : p, dirs: new Map(), files: [] };
        d.dirs.set(p, next);
      }
      d = next;
    }
    d.files.push(f);
  }
  return root;
}

export const explorerView: ViewContribution = {
  id: 'explorer',
  title: { zh: '资源管理器', en: 'Explorer' },
  location: 'sidebar',
  order: 0,
  render(host, { store, workbench }) {
    const collapsed = new Set<string>(JSON.parse(localStorage.getItem('luoshi.collapsed') ?? '[]') as string[]);
    const render = (): void => {
      const s = store.s;
      clear(host);
      const inUse = new Set([
        ...(s.dataSelection?.cases ?? []),
        ...(s.dataSelection?.progress ?? []),
        ...(s.dataSelection?.staffing ?? []),
      ]);
      const row = (f: FileEntry, depth: number): HTMLElement => {
        const b = s.buffers.get(f.path);
        const dirty = !!b && b.text !== b.savedText;
        const isData = f.kind === 'cases' || f.kind === 'progress' || f.kind === 'staffing';
        const useBtn =
          isData && s.entry
            ? h(
                'button.row-action',
                {
                  title: pick('用作当前计划的数据', "use as the plan's data"),
                  onclick: (e: Event) => {
                    e.stopPropagation();
                    const sel = s.dataSelection ?? { cases: [], progress: [], staffing: [] };
                    const key = f.kind as 'cases' | 'progress' | 'staffing';
                    const has = sel[key].includes(f.path);
                    workbench.selectData({
                      ...sel,
                      [key]: has
                        ? sel[key].filter((p) => p !== f.path)
                        : key === 'cases'
                          ? [f.path]
                          : [...sel[key], f.path],
                    });
                  },
                },
                inUse.has(f.path) ? pick('停用', 'unuse') : pick('使用', 'use'),
              )
            : null;
        return h(
          'div',
          {
            class: `tree-row file kind-${f.kind}${s.active === f.path ? ' active' : ''}${s.entry === f.path ? ' entry' : ''}`,
            style: `padding-left:${8 + depth * 12}px`,
            title: `${f.path} · ${(f.size / 1024).toFixed(1)} KB`,
            'data-path': f.path,
            onclick: () => {
              void workbench.openFile(f.path);
            },
          },
          h('span.icon', ICON[f.kind]),
          h('span.name', f.path.split('/').pop() ?? f.path),
          dirty ? h('span.dot', '●') : null,
          inUse.has(f.path) ? h('span.inuse', { title: pick('当前计划使用的数据', 'data in use') }, '●') : null,
          useBtn,
        );
      };
      const walk = (d: Dir, depth: number): void => {
        for (const sub of [...d.dirs.values()].sort((a, b) => a.name.localeCompare(b.name))) {
          const open = !collapsed.has(sub.path);
          host.append(
            h(
              'div.tree-row.dir',
              {
                style: `padding-left:${8 + depth * 12}px`,
                onclick: () => {
                  if (open) collapsed.add(sub.path);
                  else collapsed.delete(sub.path);
                  localStorage.setItem('luoshi.collapsed', JSON.stringify([...collapsed]));
                  render();
                },
              },
              h('span.icon', open ? '▾' : '▸'),
              h('span.name', sub.name),
            ),
          );
          if (open) walk(sub, depth + 1);
        }
        const order: FileEntry['kind'][] = ['plan', 'test', 'cases', 'progress', 'staffing', 'doc', 'other'];
        for (const f of [...d.files].sort(
          (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.path.localeCompare(b.path),
        ))
          host.append(row(f, depth));
      };
      // A folder row that folds what is under it (remembered with the folders' state).
      const fold = (key: string, label: string, cls: string): boolean => {
        const open = !collapsed.has(key);
        host.append(
          h(
            'div',
            {
              class: `tree-row dir${cls}`,
              'aria-expanded': String(open),
              'data-fold': key,
              onclick: () => {
                if (open) collapsed.add(key);
                else collapsed.delete(key);
                localStorage.setItem('luoshi.collapsed', JSON.stringify([...collapsed]));
                render();
              },
            },
            h('span.icon', open ? '▾' : '▸'),
            h('span.name', label),
          ),
        );
        return open;
      };
      const shown = s.files.filter((f) => f.kind !== 'other');
      if (s.roots.length > 1 || s.roots.length === 0) walk(tree(shown), 0);
      else if (fold(':root', s.roots[0]!.dir.split('/').pop() ?? '', ' root')) walk(tree(shown), 1);
      const std = libraryOnly(s.files, s.libraries.std ?? [], (p) => s.buffers.get(p)?.text);
      if (std.length && fold(':std', `${t('library')} (std)`, ' root')) {
        for (const p of std)
          host.append(row({ path: p, kind: 'plan', size: s.buffers.get(p)?.text.length ?? 0, stamp: '' }, 1));
      }
    };
    return {
      update: (changed) => {
        if (
          ['*', 'files', 'buffers', 'active', 'entry', 'dataSelection', 'libraries', 'roots'].some((k) =>
            changed.has(k),
          )
        )
          render();
      },
    };
  },
};
