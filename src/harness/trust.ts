// Workspace trust (docs/security.md): the folders whose plugins `luoshi serve` may run. Kept outside every
// folder, in the user's configuration directory — $LUOSHI_CONFIG_DIR, else $XDG_CONFIG_HOME/luoshi, else
// ~/.config/luoshi — as trust.json, keyed by each folder's real path; a trusted folder's subfolders are
// trusted too. `luoshi serve --trust` trusts the folders it serves for that run only (nothing written).
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from './files.js';

/** The user's luoshi configuration directory. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LUOSHI_CONFIG_DIR) return resolve(env.LUOSHI_CONFIG_DIR);
  return join(env.XDG_CONFIG_HOME ? resolve(env.XDG_CONFIG_HOME) : join(homedir(), '.config'), 'luoshi');
}

export const trustFile = (env: NodeJS.ProcessEnv = process.env): string => join(configDir(env), 'trust.json');

/** What the store says about one folder. */
export interface TrustState {
  /** The folder's real path. */
  folder: string;
  trusted: boolean;
  /** The trusted folder that makes it so (itself or a folder above it), or null. */
  by: string | null;
  /** Trusted only for this run (`luoshi serve --trust`), not remembered. */
  session: boolean;
}

/** trust.json: `{ "version": 1, "folders": [real paths] }`. */
interface TrustFile {
  version: 1;
  folders: string[];
}

const realOf = (dir: string): string => {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
};

/** `dir` and the folders above it, nearest first. */
function selfAndAbove(dir: string): string[] {
  const out = [dir];
  for (let d = dir; dirname(d) !== d; d = dirname(d)) out.push(dirname(d));
  return out;
}

export class TrustStore {
  /** Folders trusted for this run only (real paths). */
  private readonly session = new Set<string>();

  constructor(readonly file: string = trustFile()) {}

  /** The remembered folders; an unreadable or malformed file trusts nothing (and says why). */
  private read(): { folders: string[]; problem: string | null } {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      return { folders: [], problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : (e as Error).message };
    }
    try {
      const data = JSON.parse(text) as Partial<TrustFile>;
      if (!Array.isArray(data.folders) || !data.folders.every((f) => typeof f === 'string'))
        throw new Error('"folders" is not a list of paths');
      return { folders: data.folders, problem: null };
    } catch (e) {
      return { folders: [], problem: `${this.file}: ${(e as Error).message}` };
    }
  }

  state(dir: string): TrustState {
    const folder = realOf(dir);
    const remembered = new Set(this.read().folders);
    for (const d of selfAndAbove(folder)) {
      if (this.session.has(d)) return { folder, trusted: true, by: d, session: true };
      if (remembered.has(d)) return { folder, trusted: true, by: d, session: false };
    }
    return { folder, trusted: false, by: null, session: false };
  }

  isTrusted(dir: string): boolean {
    return this.state(dir).trusted;
  }

  /** Trusts `dir` for this run only. */
  trustForSession(dir: string): void {
    this.session.add(realOf(dir));
  }

  /**
   * Trusts or revokes `dir`, remembered in the store (written atomically). Revoking removes the folder and
   * every trusted folder above it that made it trusted, and its trust for this run.
   */
  set(dir: string, trusted: boolean): TrustState {
    const folder = realOf(dir);
    const { folders, problem } = this.read();
    if (problem)
      throw new Error(`信任记录无法读取，未修改 / the trust store cannot be read, nothing changed: ${problem}`);
    const above = new Set(selfAndAbove(folder));
    let next: string[];
    if (trusted) next = folders.includes(folder) ? folders : [...folders, folder];
    else {
      next = folders.filter((f) => !above.has(f));
      for (const d of above) this.session.delete(d);
    }
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileAtomic(
      this.file,
      `${JSON.stringify({ version: 1, folders: [...next].sort() } satisfies TrustFile, null, 2)}\n`,
    );
    return this.state(folder);
  }
}
