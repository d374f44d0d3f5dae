// A view whose code is fetched the first time it is shown: its module, and what only it uses (a chart
// library, say), go in a chunk of their own that the page's first load does not carry. What a view
// contribution is (id, title, place, order) stays here, known before its code is; the loaded module
// must say the same id.
import type { ViewContribution, ViewInstance } from '../registry.js';
import { h } from '../dom.js';
import { pick } from '../i18n.js';

export function lazyView(
  meta: Omit<ViewContribution, 'render'>,
  load: () => Promise<ViewContribution>,
): ViewContribution {
  return {
    ...meta,
    render(host, ctx) {
      let inner: ViewInstance | null = null;
      let loading = false;
      let disposed = false;
      // update() is called only while the view is visible: the first call fetches the code, then the
      // view draws everything (the changes seen meanwhile included).
      const start = (): void => {
        if (loading) return;
        loading = true;
        host.replaceChildren(h('div.muted.pad', '…'));
        load()
          .then((v) => {
            if (v.id !== meta.id) throw new Error(`the module loaded for view ${meta.id} is view ${v.id}`);
            if (disposed) return;
            host.replaceChildren();
            inner = v.render(host, ctx);
            inner.update(new Set(['*']));
          })
          .catch((e: unknown) => {
            loading = false;
            host.replaceChildren(
              h(
                'div.pad.error',
                `${pick('视图加载失败', 'the view could not be loaded')} (${meta.id}): ${e instanceof Error ? e.message : String(e)}`,
              ),
            );
          });
      };
      return {
        update: (changed) => {
          if (inner) inner.update(changed);
          else start();
        },
        dispose: () => {
          disposed = true;
          inner?.dispose?.();
        },
      };
    },
  };
}
