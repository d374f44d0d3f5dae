// Which luoshi.config.yaml governs a file: the nearest above it. Its own module (no parser, no schema
// validator) so the workbench's page can ask without loading either.

/**
 * Of configurations each governing a folder (`scope`, a workspace path; '' = everything), the one that
 * governs `path`: the deepest whose folder contains it — the nearest luoshi.config.yaml above the file.
 */
export function governing<C extends { scope: string }>(configs: readonly C[], path: string): C | null {
  let best: C | null = null;
  for (const c of configs) {
    if (c.scope !== '' && path !== c.scope && !path.startsWith(`${c.scope}/`)) continue;
    if (!best || c.scope.length > best.scope.length) best = c;
  }
  return best;
}
