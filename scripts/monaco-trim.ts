// Monaco modules the workbench never runs, left out of its build (vite.config.ts): modules it does use import
// them whatever the options, so only a stand-in keeps them out. A stand-in class says so if it is ever
// constructed. Why none of them can run here:
// - the GPU renderer: only with the editor option experimentalGpuAcceleration 'on', which the workbench
//   never sets (src/workbench/services/editor.ts);
// - the multi-file diff editor: only `monaco.editor.createMultiFileDiffEditor`, which nothing calls (the
//   workbench's comparison is the two-file diff editor);
// - the two-file diff editor, as the standalone editor's base class of its diff editor: the workbench's
//   comparison brings the real one when opened (src/workbench/editor/diff-editor.ts imports it from outside
//   Monaco, which no stand-in replaces);
// - tree-sitter tokens: only for a language the tree-sitter service supports, and the standalone service
//   supports none (monaco-editor's standaloneTreeSitterLibraryService.js);
// - the colour picker, inlay hints, inline completions and paste-as: the hover, suggest and clipboard
//   features look for them, but their contributions (colorPickerContribution, inlayHintsContribution,
//   inlineCompletions.contribution, copyPasteContribution) are not among src/workbench/editor/monaco-features.ts's,
//   so no colour decoration, inlay hint, inline suggestion or paste controller ever exists to be found.
import type { Plugin } from 'vite';

const never = (name: string, key: string): string =>
  `export class ${name} { constructor() { throw new Error(${JSON.stringify(`${name} (monaco-editor${key}) is not in the workbench's build (scripts/monaco-trim.ts)`)}); } }`;

const STAND_INS: Record<string, (key: string) => string> = {
  '/editor/browser/gpu/viewGpuContext.js': (k) => never('ViewGpuContext', k),
  '/editor/browser/viewParts/viewLinesGpu/viewLinesGpu.js': (k) => never('ViewLinesGpu', k),
  '/editor/browser/viewParts/rulersGpu/rulersGpu.js': (k) => never('RulersGpu', k),
  '/editor/browser/viewParts/gpuMark/gpuMark.js': (k) => never('GpuMarkOverlay', k),
  '/editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js': (k) => never('MultiDiffEditorWidget', k),
  '/editor/browser/widget/diffEditor/diffEditorWidget.js': (k) => never('DiffEditorWidget', k),
  '/editor/common/model/tokens/treeSitter/treeSitterSyntaxTokenBackend.js': (k) =>
    never('TreeSitterSyntaxTokenBackend', k),
  '/editor/contrib/colorPicker/browser/hoverColorPicker/hoverColorPicker.js': () =>
    'export function isOnColorDecorator() { return false; }',
  '/editor/contrib/colorPicker/browser/hoverColorPicker/hoverColorPickerParticipant.js': (k) =>
    `${never('ColorHover', k)}\n${never('HoverColorPickerParticipant', k)}`,
  '/editor/contrib/inlayHints/browser/inlayHintsHover.js': (k) => never('InlayHintsHover', k),
  '/editor/contrib/inlineCompletions/browser/hintsWidget/inlineCompletionsHintsWidget.js': () =>
    'export class InlineSuggestionHintsContentWidget { static dropDownVisible = false; }',
  '/editor/contrib/dropOrPasteInto/browser/copyPasteController.js': () =>
    'export class CopyPasteController { static get() { return null; } }',
};
const PREFIX = '\0luoshi-monaco-stand-in:';

export function monacoTrim(): Plugin {
  return {
    name: 'luoshi-monaco-trim',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.includes('monaco-editor') || !source.endsWith('.js')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const path = resolved?.id.replaceAll('\\', '/');
      const key = path && Object.keys(STAND_INS).find((k) => path.endsWith(`/esm/vs${k}`));
      return key ? PREFIX + key : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const key = id.slice(PREFIX.length);
      return STAND_INS[key]?.(key) ?? null;
    },
  };
}
