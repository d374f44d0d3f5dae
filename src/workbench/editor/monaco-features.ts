// The editor features the workbench uses, one import each, instead of Monaco's register.all (which brings
// the diff navigation, colour pickers, inline completions, GPU rendering and some forty more). Each line
// is a key or a widget of docs/workbench.md; a feature missing here is simply absent from the editor.
// Monaco's ESM build registers a feature as a side effect of importing its module (features/NAME/register).
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/codeEditor/register';
// Reading and moving: find (Ctrl+F/H), folding, bracket matching, word highlights, sticky scroll, go to
// line (Ctrl+G), go to symbol (Ctrl+Shift+O), F8 to the next problem, the context menu, Ctrl+click.
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/stickyScroll/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/quickOutline/register';
import 'monaco-editor/features/documentSymbols/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/smartSelect/register';
// The language services the plan language provides (src/workbench/editor/plan-language.ts): hover,
// completion (with snippets), code lenses, F12 / Shift+F12 and the peek view, F2, quick fixes (Ctrl+.),
// formatting (Shift+Alt+F).
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/codelens/register';
import 'monaco-editor/features/gotoSymbol/register';
import 'monaco-editor/features/referenceSearch/register';
import 'monaco-editor/features/rename/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/format/register';
// Editing keys: clipboard, Ctrl+/ comments, line moves and copies, multiple cursors, word moves and deletes,
// Ctrl+U, indentation, Ctrl+L; a read-only file (the standard library) says so when typed in; Ctrl+M.
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/lineSelection/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
// The services of the diff editor (src/workbench/editor/diff-editor.ts, fetched when a conflict is first
// compared): registered here, before the editor's services start, which take only those registered by then.
import 'monaco-editor/editor/browser/widget/diffEditor/diffProviderFactoryService';
import 'monaco-editor/platform/actions/browser/actionViewItemService';
