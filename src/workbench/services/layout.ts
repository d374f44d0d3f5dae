// The page's frame: title bar, restricted-mode banner, the sidebar beside the editor and its panel (the
// panel's height follows the splitter, remembered across reloads), the status bar, and the corner for
// notices.
import { h } from '../dom.js';
import { DisposableStore, listen, type Disposable } from './lifecycle.js';

export type LayoutElements = Record<
  | 'root'
  | 'titlebar'
  | 'banner'
  | 'sidebar'
  | 'editorHost'
  | 'tabs'
  | 'panel'
  | 'panelTabs'
  | 'panelBody'
  | 'status'
  | 'notices'
  | 'asof',
  HTMLElement
>;

export class Layout implements Disposable {
  readonly el: LayoutElements;
  private readonly disposables = new DisposableStore();

  constructor(root: HTMLElement) {
    const titlebar = h('header.titlebar');
    const banner = h('div.trust-banner', { 'data-testid': 'trust-banner', role: 'status' });
    const asof = h('div.asof', { 'data-testid': 'asof' });
    const sidebar = h('aside.sidebar');
    const tabs = h('div.tabs', { 'data-testid': 'tabs' });
    const editorHost = h('div.editor-host', { 'data-testid': 'editor' });
    const panelTabs = h('div.panel-tabs');
    const panelBody = h('div.panel-body');
    const panel = h('section.panel', panelTabs, panelBody);
    const splitter = h('div.splitter');
    const center = h('main.center', tabs, editorHost, splitter, panel);
    const status = h('footer.statusbar');
    const notices = h('div.notices', { 'aria-live': 'polite' });
    root.append(titlebar, banner, h('div.body', sidebar, center), status, notices);
    this.el = { root, titlebar, banner, sidebar, editorHost, tabs, panel, panelTabs, panelBody, status, notices, asof };
    const saved = Number(localStorage.getItem('luoshi.panelHeight')) || 0;
    const setHeight = (px: number): void => {
      center.style.setProperty('--panel-h', `${Math.max(120, Math.min(px, window.innerHeight - 200))}px`);
    };
    if (saved) setHeight(saved);
    this.disposables.add(
      listen(splitter, 'pointerdown', (e) => {
        const pe = e as PointerEvent;
        splitter.setPointerCapture(pe.pointerId);
        const drag = new DisposableStore();
        drag.add(
          listen(splitter, 'pointermove', (ev) => {
            const r = center.getBoundingClientRect();
            setHeight(r.bottom - (ev as PointerEvent).clientY);
          }),
        );
        drag.add(
          listen(
            splitter,
            'pointerup',
            () => {
              drag.dispose();
              this.disposables.delete(drag);
              localStorage.setItem('luoshi.panelHeight', String(panel.getBoundingClientRect().height));
            },
            { once: true },
          ),
        );
        this.disposables.add(drag);
      }),
    );
  }

  dispose(): void {
    this.disposables.dispose();
    this.el.root.replaceChildren();
  }
}
