// The command palette (Ctrl+Shift+P: every registered command, by its Chinese or English title) and quick
// open (Ctrl+P: the workspace's files). One input, a filtered list, arrows and Enter, Escape to close.
import type { Registry } from './registry.js';
import type { Store } from './state.js';
import { h, clear } from './dom.js';
import { pick, t } from './i18n.js';
import { libraryOnly } from './library.js';

interface Item {
  label: string;
  detail: string;
  hint?: string;
  run(): void;
}

/** Subsequence match (each typed character in order), scored by how early and how tight. */
function score(text: string, query: string): number {
  if (!query) return 1;
  const s = text.toLowerCase(),
    q = query.toLowerCase();
  const direct = s.indexOf(q);
  if (direct >= 0) return 1000 - direct;
  let at = -1,
    gaps = 0;
  for (const ch of q) {
    const i = s.indexOf(ch, at + 1);
    if (i < 0) return 0;
    gaps += i - at - 1;
    at = i;
  }
  return 500 - gaps;
}

export class Palette {
  private overlay: HTMLElement | null = null;

  constructor(
    private readonly wb: {
      store: Store;
      registry: Registry;
      openFile(path: string): Promise<void>;
      failed(message: string): void;
    },
  ) {}

  private items(mode: 'commands' | 'files'): Item[] {
    if (mode === 'files') {
      const s = this.wb.store.s;
      const files = [
        ...s.files.map((f) => f.path),
        ...libraryOnly(s.files, s.libraries.std ?? [], (p) => s.buffers.get(p)?.text),
      ];
      return files.map((p) => ({
        label: p.split('/').pop() ?? p,
        detail: p,
        run: () => {
          void this.wb.openFile(p);
        },
      }));
    }
    return [...this.wb.registry.commands.values()]
      .filter((c) => !c.hidden)
      .map((c) => ({
        label: pick(c.title.zh, c.title.en),
        detail: pick(c.title.en, c.title.zh),
        hint: c.keybinding ?? '',
        run: () => {
          void this.wb.registry
            .executeCommand(c.id)
            .catch((e: unknown) => this.wb.failed(String((e as Error).message ?? e)));
        },
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh'));
  }

  open(mode: 'commands' | 'files'): void {
    this.close();
    const all = this.items(mode);
    const input = h('input.palette-input', {
      placeholder: mode === 'commands' ? t('typeCommand') : t('typeFile'),
      'data-testid': 'palette-input',
      'aria-label': mode === 'commands' ? t('commandPalette') : t('quickOpen'),
    }) as HTMLInputElement;
    const list = h('div.palette-list', { role: 'listbox', 'data-testid': 'palette-list' });
    let shown: Item[] = [];
    let sel = 0;
    const render = (): void => {
      const q = input.value.trim();
      shown = all
        .map((i) => ({ i, s: Math.max(score(i.label, q), score(i.detail, q) * 0.9) }))
        .filter((x) => x.s > 0)
        .sort((a, b) => b.s - a.s)
        .slice(0, 60)
        .map((x) => x.i);
      sel = Math.min(sel, Math.max(0, shown.length - 1));
      clear(list);
      if (shown.length === 0) list.append(h('div.palette-empty', t('noResults')));
      shown.forEach((it, k) => {
        list.append(
          h(
            'div',
            {
              class: `palette-item${k === sel ? ' selected' : ''}`,
              role: 'option',
              'data-testid': 'palette-item',
              onmousedown: (e: Event) => {
                e.preventDefault();
                this.close();
                it.run();
              },
            },
            h('span.palette-label', it.label),
            h('span.palette-detail', it.detail),
            it.hint ? h('kbd', it.hint) : null,
          ),
        );
      });
      list.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
    };
    input.addEventListener('input', () => {
      sel = 0;
      render();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') {
        sel = Math.min(shown.length - 1, sel + 1);
        render();
        e.preventDefault();
      } else if (e.key === 'ArrowUp') {
        sel = Math.max(0, sel - 1);
        render();
        e.preventDefault();
      } else if (e.key === 'Enter') {
        const it = shown[sel];
        this.close();
        it?.run();
        e.preventDefault();
      } else if (e.key === 'Escape') {
        this.close();
        e.preventDefault();
      }
    });
    this.overlay = h(
      'div.palette-overlay',
      {
        'data-testid': `palette-${mode}`,
        onmousedown: (e: Event) => {
          if (e.target === this.overlay) this.close();
        },
      },
      h('div.palette', input, list),
    );
    document.body.append(this.overlay);
    render();
    input.focus();
  }

  close(): void {
    this.overlay?.remove();
    this.overlay = null;
  }
}
