// `--no-cache` and `--cache-dir DIR`, shared by the commands that load case data: whether and where a
// columnar snapshot of the load is kept (../loaders/snapshot.ts).
import { resolve } from 'node:path';
import { defaultSnapshotDir, type SnapshotOptions } from '../loaders/snapshot.js';

export const SNAPSHOT_OPTIONS = { 'no-cache': { type: 'boolean' }, 'cache-dir': { type: 'string' } } as const;

export interface SnapshotValues {
  'no-cache'?: boolean | undefined;
  'cache-dir'?: string | undefined;
}

/** The snapshot options of a command's flags; undefined with --no-cache. */
export function snapshotOptions(values: SnapshotValues, cwd: string): SnapshotOptions | undefined {
  if (values['no-cache']) return undefined;
  return { dir: values['cache-dir'] ? resolve(cwd, values['cache-dir'], 'snapshots') : defaultSnapshotDir() };
}
