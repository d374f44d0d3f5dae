// Where views live: panel views as tabs under the editor (one shown at a time), sidebar views as sections
// of the sidebar that share its height, each collapsible (its own scroll, so the outline is in reach
// whatever the explorer holds). A view is mounted once, updated while it is visible, and gone when its
// contribution is disposed; a view with `when` shows only while it holds (a plugin's views: only for the
// plans it governs).
import type { Registry, ViewContribution, ViewInstance, WorkbenchServices } from '../registry.js';
import type { Key, Store } from '../state.js';
import { h, clear } from '../dom.js';
import { pick } from '../i18n.js';
import { DisposableStore, toDisposable, type Disposable } from './lifecycle.js';

const COLLAPSED_KEY = 'luoshi.sideCollapsed';

interface Mounted {
  host: HTMLElement;
  frame: HTMLElement;
  instance: ViewInstance;
}

export class ViewHost implements Disposable {
  private readonly mounted = new Map<string, Mounted>();
  private readonly collapsed: Set<string>;
  /** The views shown now (their `when` held), to notice when that changes. */
  private enabledKey = '';
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly store: Store,
    private readonly registry: Registry,
    private readonly el: { sidebar: HTMLElement; panelTabs: HTMLElement; panelBody: HTMLElement },
    private readonly services: WorkbenchServices,
  ) {
    this.collapsed = new Set(readList(COLLAPSED_KEY));
    // Commands live in the palette and keybindings (read when used): only views need the layout redone.
    this.disposables.add(
      registry.onChange((what) => {
        if (what === 'views') this.refresh();
      }),
    );
    this.disposables.add(toDisposable(store.subscribe((changed) => this.onState(changed))));
    this.disposables.add(toDisposable(() => this.unmountAll()));
  }

  private enabled(v: ViewContribution): boolean {
    try {
      return !v.when || v.when(this.store.s);
    } catch {
      return false;
    }
  }

  private views(location?: ViewContribution['location']): ViewContribution[] {
    return [...this.registry.views.values()]
      .filter((v) => (!location || v.location === location) && this.enabled(v))
      .sort((a, b) => a.order - b.order);
  }

  /** Tabs and mounted views again, after views came, went, or were enabled or disabled. */
  refresh(): void {
    this.enabledKey = this.views()
      .map((v) => v.id)
      .join('|');
    // The panel's view no longer applies (a plugin's, on another plan): the first one that does. (One not
    // registered yet — the built-in views register one by one — is left alone.)
    const current = this.registry.views.get(this.store.s.panelView);
    const first = this.views('panel')[0];
    if (current && !this.enabled(current) && first) this.store.update({ panelView: first.id });
    this.renderPanelTabs();
    this.mountViews();
  }

  private visible(id: string): boolean {
    const v = this.registry.views.get(id);
    if (!v || !this.enabled(v)) return false;
    return v.location === 'sidebar' ? !this.collapsed.has(id) : this.store.s.panelView === id;
  }

  private mountViews(): void {
    for (const [id, m] of this.mounted) {
      const v = this.registry.views.get(id);
      if (!v || !this.enabled(v)) this.unmount(id, m);
    }
    const shown = new Set([...this.mounted.keys()].filter((id) => this.visible(id)));
    for (const v of this.views()) {
      if (this.mounted.has(v.id)) continue;
      const host = h('div.view', { 'data-view': v.id });
      let frame: HTMLElement = host;
      if (v.location === 'sidebar') {
        frame = this.section(v, host);
        this.insertSection(frame, v);
      } else {
        this.el.panelBody.append(host);
      }
      const instance = v.render(host, { store: this.store, workbench: this.services });
      this.mounted.set(v.id, { host, frame, instance });
    }
    this.showPanel();
    // Views already showing keep what they show; new ones (and ones just brought into view) draw.
    for (const [id, m] of this.mounted) if (this.visible(id) && !shown.has(id)) this.update(m, new Set(['*']));
  }

  /** A sidebar section: a title that folds it, and the view. */
  private section(v: ViewContribution, host: HTMLElement): HTMLElement {
    const open = !this.collapsed.has(v.id);
    const section = h('section', { class: `side-section${open ? ' open' : ''}`, 'data-section': v.id });
    const title = h(
      'button.side-title',
      { 'aria-expanded': String(open), 'data-testid': `side-title-${v.id}` },
      h('span.side-twisty', open ? '▾' : '▸'),
      pick(v.title.zh, v.title.en),
    );
    title.addEventListener('click', () => this.toggleSection(v.id));
    host.hidden = !open;
    section.append(title, host);
    return section;
  }

  private insertSection(section: HTMLElement, v: ViewContribution): void {
    const after = [...this.el.sidebar.children].find(
      (c) => (this.registry.views.get((c as HTMLElement).dataset.section ?? '')?.order ?? Infinity) > v.order,
    );
    this.el.sidebar.insertBefore(section, after ?? null);
  }

  /** Folds or unfolds a sidebar section (remembered across reloads). */
  toggleSection(id: string): void {
    const m = this.mounted.get(id);
    if (!m) return;
    const open = this.collapsed.has(id);
    if (open) this.collapsed.delete(id);
    else this.collapsed.add(id);
    localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...this.collapsed]));
    m.frame.classList.toggle('open', open);
    m.host.hidden = !open;
    const title = m.frame.querySelector('.side-title');
    title?.setAttribute('aria-expanded', String(open));
    const twisty = m.frame.querySelector('.side-twisty');
    if (twisty) twisty.textContent = open ? '▾' : '▸';
    if (open) this.update(m, new Set(['*']));
  }

  private unmount(id: string, m: Mounted): void {
    try {
      m.instance.dispose?.();
    } catch (e) {
      console.error(e);
    }
    m.frame.remove();
    this.mounted.delete(id);
  }

  private unmountAll(): void {
    for (const [id, m] of this.mounted) this.unmount(id, m);
  }

  /** Every view drawn again (the language changed). */
  remount(): void {
    this.unmountAll();
    this.refresh();
  }

  private showPanel(): void {
    for (const [id, m] of this.mounted) {
      if (this.registry.views.get(id)?.location === 'panel') m.host.hidden = this.store.s.panelView !== id;
    }
  }

  private renderPanelTabs(): void {
    clear(this.el.panelTabs);
    for (const v of this.views('panel')) {
      const count =
        v.id === 'problems' ? (this.store.s.check?.errorCount ?? 0) + (this.store.s.check?.warningCount ?? 0) : 0;
      this.el.panelTabs.append(
        h(
          'button.panel-tab',
          {
            'data-tab': v.id,
            class: `panel-tab${this.store.s.panelView === v.id ? ' active' : ''}`,
            onclick: () => this.store.update({ panelView: v.id }),
          },
          pick(v.title.zh, v.title.en),
          count ? h('span.badge', String(count)) : null,
        ),
      );
    }
  }

  /** Shows a view: its panel tab, or its sidebar section unfolded and scrolled to ('disabled': its `when` does not hold). */
  showView(id: string): 'shown' | 'unknown' | 'disabled' {
    const v = this.registry.views.get(id);
    if (!v) return 'unknown';
    if (!this.enabled(v)) return 'disabled';
    if (v.location === 'panel') this.store.update({ panelView: id });
    else if (this.collapsed.has(id)) this.toggleSection(id);
    this.mounted.get(id)?.frame.scrollIntoView({ block: 'nearest' });
    return 'shown';
  }

  private update(m: Mounted, changed: ReadonlySet<string>): void {
    try {
      m.instance.update(changed);
    } catch (e) {
      console.error(e);
    }
  }

  private onState(changed: ReadonlySet<Key>): void {
    if (
      this.views()
        .map((v) => v.id)
        .join('|') !== this.enabledKey
    )
      this.refresh();
    if (changed.has('panelView')) {
      this.showPanel();
      this.renderPanelTabs();
    } else if (changed.has('check')) this.renderPanelTabs();
    for (const [id, m] of this.mounted) {
      if (!this.visible(id)) continue;
      // A view that just became visible has missed every change while hidden: it renders in full.
      const v = this.registry.views.get(id);
      this.update(m, changed.has('panelView') && v?.location === 'panel' ? new Set([...changed, '*']) : changed);
    }
  }

  /** Views mounted now (the tests count them). */
  get mountedCount(): number {
    return this.mounted.size;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function readList(key: string): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
