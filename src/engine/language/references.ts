// Find references and rename: every place a declared name is used, in every compilation that resolves
// the name to the same declaration (a person declared in one file and named as an owner in another).
import { LineMap } from '../diagnostics/diagnostic.js';
import type { Decl } from './declarations.js';
import { rangeOf } from './declarations.js';
import { keywordInfo } from './keywords.js';
import { isName, occurrences } from './tokens.js';
import type { Location, RenameResult, TextEdit } from './types.js';

/** A compilation as the references see it: its declarations and the texts of its files. */
export interface NamedFiles {
  index: ReadonlyMap<string, Decl>;
  files: ReadonlyArray<{ path: string; text: string }>;
}

const sameDecl = (a: Decl | undefined, b: Decl): boolean =>
  a !== undefined && a.file === b.file && a.nameRange[0] === b.nameRange[0];

/** Every use of `decl` (its declaration too when `withDeclaration`), sorted by file and offset. */
export function referencesOf(
  decl: Decl,
  compilations: Iterable<NamedFiles>,
  withDeclaration: boolean,
): Array<{ file: string; range: [number, number]; text: string }> {
  const seen = new Set<string>();
  const out: Array<{ file: string; range: [number, number]; text: string }> = [];
  for (const c of compilations) {
    if (!sameDecl(c.index.get(decl.name), decl)) continue;
    for (const f of c.files) {
      for (const r of occurrences(f.text, decl.name)) {
        const key = `${f.path}\0${r[0]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!withDeclaration && f.path === decl.file && r[0] === decl.nameRange[0]) continue;
        out.push({ file: f.path, range: r, text: f.text });
      }
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range[0] - b.range[0]));
}

export function toLocations(refs: ReturnType<typeof referencesOf>): Location[] {
  const maps = new Map<string, LineMap>();
  return refs.map((r) => {
    let m = maps.get(r.file);
    if (!m) maps.set(r.file, (m = new LineMap(r.text)));
    return { file: r.file, range: rangeOf(m, r.range) };
  });
}

/** The edits that rename `decl` to `newName` everywhere it is used, or why not. */
export function renameDecl(
  decl: Decl,
  newName: string,
  compilations: Iterable<NamedFiles>,
  index: ReadonlyMap<string, Decl>,
): RenameResult {
  if (decl.library)
    return {
      ok: false,
      message: `“${decl.name}”在库文件 ${decl.file} 中声明，不能重命名`,
      messageEn: `"${decl.name}" is declared in the library file ${decl.file} and cannot be renamed`,
    };
  if (!isName(newName))
    return { ok: false, message: `“${newName}”不是合法的名称`, messageEn: `"${newName}" is not a valid name` };
  if (keywordInfo(newName))
    return { ok: false, message: `“${newName}”是关键字`, messageEn: `"${newName}" is a keyword` };
  const taken = index.get(newName);
  if (taken && newName !== decl.name)
    return {
      ok: false,
      message: `“${newName}”已在 ${taken.file} 中声明`,
      messageEn: `"${newName}" is already declared in ${taken.file}`,
    };
  const edits: Record<string, TextEdit[]> = {};
  for (const l of toLocations(referencesOf(decl, compilations, true)))
    (edits[l.file] ??= []).push({ range: l.range, text: newName });
  return { ok: true, edits };
}
