// The standard library as the page lists it: the library's files that are not already in the workspace.
// Serving the folder that holds the library (`luoshi serve policies`) lists its `std/` folder among the
// workspace's files; the same files are not listed a second time as the library.
import type { FileEntry } from './state.js';

/**
 * The library paths to list apart: those with no workspace file at the same path, nor a workspace file
 * `…/std/NAME` with the same text (the same library, served as part of a folder).
 */
export function libraryOnly(
  files: readonly Pick<FileEntry, 'path'>[],
  library: readonly string[],
  textOf: (path: string) => string | undefined,
): string[] {
  const paths = new Set(files.map((f) => f.path));
  return library.filter((lib) => {
    if (paths.has(lib)) return false;
    const text = textOf(lib);
    const name = lib.replace(/^std\//, '');
    return !files.some((f) => f.path.endsWith(`/std/${name}`) && text !== undefined && textOf(f.path) === text);
  });
}
