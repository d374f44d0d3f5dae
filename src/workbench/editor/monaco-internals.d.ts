// Types of the few Monaco modules outside its public API (monaco-editor/editor) the workbench imports
// (src/workbench/editor/diff-editor.ts); monaco-editor ships no declarations for them. Only what is used.
declare module 'monaco-editor/editor/browser/widget/diffEditor/diffEditorWidget.js' {
  export class DiffEditorWidget {
    protected _createInnerEditor(
      instantiation: { createInstance(ctor: unknown, ...args: unknown[]): unknown },
      container: HTMLElement,
      options: unknown,
    ): unknown;
  }
}
declare module 'monaco-editor/editor/standalone/browser/standaloneCodeEditor.js' {
  export const StandaloneCodeEditor: abstract new (...args: never[]) => unknown;
}
declare module 'monaco-editor/editor/standalone/browser/standaloneServices.js' {
  export const StandaloneServices: {
    initialize(overrides: object): { createInstance(ctor: unknown, ...args: unknown[]): unknown };
  };
}
