// A save met a newer file on disk (409): overwrite it, take the disk's version, compare the two, or cancel.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export interface ConflictChoices {
  overwrite(): void;
  /** Only when the server sent the disk's text. */
  useDisk?(): void;
  compare?(): void;
}

export function conflictDialog(path: string, choices: ConflictChoices): HTMLElement {
  const close = (): void => overlay.remove();
  const then = (f: () => void) => (): void => {
    close();
    f();
  };
  const overlay = h(
    'div.modal-overlay',
    { 'data-testid': 'conflict-dialog' },
    h(
      'div.modal',
      h('h2', t('conflictTitle')),
      h('p', t('conflictBody')),
      h('p.mono', path),
      h(
        'div.modal-actions',
        h('button.primary', { onclick: then(choices.overwrite) }, t('overwrite')),
        choices.useDisk ? h('button', { onclick: then(choices.useDisk) }, t('useDisk')) : null,
        choices.compare ? h('button', { onclick: then(choices.compare) }, t('compare')) : null,
        h('button', { onclick: close }, t('cancel')),
      ),
    ),
  );
  document.body.append(overlay);
  return overlay;
}
