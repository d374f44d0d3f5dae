// The two-file diff editor (a save's conflict: the buffer beside the file on disk), fetched when first
// opened: the page's build holds only a stand-in for Monaco's diff editor (scripts/monaco-trim.ts), as
// nothing before that needs it. This is Monaco's own standalone diff editor (its StandaloneDiffEditor2 in
// standaloneCodeEditor.js) less the options the workbench does not pass (a theme of its own, high contrast):
// its two sides are standalone code editors, with the page's services, keys and theme.
import type * as monaco from 'monaco-editor/editor';
import { DiffEditorWidget } from 'monaco-editor/editor/browser/widget/diffEditor/diffEditorWidget.js';
import { StandaloneCodeEditor } from 'monaco-editor/editor/standalone/browser/standaloneCodeEditor.js';
import { StandaloneServices } from 'monaco-editor/editor/standalone/browser/standaloneServices.js';

class StandaloneDiffEditor extends DiffEditorWidget {
  protected override _createInnerEditor(
    instantiation: { createInstance(ctor: unknown, ...args: unknown[]): unknown },
    container: HTMLElement,
    options: unknown,
  ): unknown {
    return instantiation.createInstance(StandaloneCodeEditor, container, options);
  }
}

/** A diff editor in `host` (what `monaco.editor.createDiffEditor` gives, for the options it is given). */
export function createDiffEditor(
  host: HTMLElement,
  options: monaco.editor.IStandaloneDiffEditorConstructionOptions,
): monaco.editor.IStandaloneDiffEditor {
  return StandaloneServices.initialize({}).createInstance(
    StandaloneDiffEditor,
    host,
    options,
    {},
  ) as monaco.editor.IStandaloneDiffEditor;
}
