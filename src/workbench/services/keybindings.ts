// Keybindings of registered commands, caught before Monaco sees the key (capture phase), so Ctrl+S,
// Ctrl+P and Ctrl+Shift+P work wherever the focus is. Editor actions (F12, Shift+Alt+F) are left to
// Monaco while the editor has the focus.
import { matchesKeybinding, type Registry } from '../registry.js';
import { listen, type Disposable } from './lifecycle.js';

export function installKeybindings(
  registry: Registry,
  editorHasFocus: () => boolean,
  failed: (message: string) => void,
): Disposable {
  return listen(
    window,
    'keydown',
    (e) => {
      if (!e.ctrlKey && !e.metaKey && !e.altKey && !/^F\d+$/.test(e.key)) return;
      for (const c of registry.commands.values()) {
        if (!c.keybinding || !matchesKeybinding(c.keybinding, e)) continue;
        if (c.id.startsWith('editor.') && editorHasFocus()) return;
        e.preventDefault();
        e.stopPropagation();
        void registry.executeCommand(c.id).catch((err: unknown) => failed(String((err as Error).message ?? err)));
        return;
      }
    },
    true,
  );
}
