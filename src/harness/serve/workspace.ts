// The folder(s) `luoshi serve` works on, as one tree of workspace paths (`ningbo-2018.plan`, or with
// several folders `policies/ningbo-2018.plan`, `examples/data/…`). Every path from the page goes through
// resolve(), which refuses what lies outside: absolute paths, `..`, backslashes, NUL, and symbolic links
// that lead out of the folder. Reads return an etag (a hash of the content); a save whose etag no longer
// matches the file on disk is a conflict, never a silent overwrite.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { writeAtomically } from '../commands/fmt.js';
import { dataKindOf, formatOf } from '../loaders/index.js';
import { listPlanFiles, STD_DIR } from '../host.js';
import { CONFIG_FILE_NAMES } from '../../engine/plugins/config.js';

export type FileKind = 'plan' | 'test' | 'cases' | 'progress' | 'staffing' | 'doc' | 'other';

export interface FileEntry { path: string; kind: FileKind; size: number; stamp: string }

export interface Root { name: string; dir: string; real: string }

/** A refusal the page can show: an HTTP status and a message in both languages. */
export class WorkspaceError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const MAX_TEXT_BYTES = 16 * 1024 * 1024;
const MAX_FILES = 20_000;

export function etagOf(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 20);
}

/** Folders whose files are CI recipes or configuration, never case data (any depth). */
const CONFIG_FOLDERS = /(^|\/)(\.github|\.gitlab|\.circleci|\.ci|ci|workflows|config|\.vscode)\//i;
/**
 * Names of tools' configuration and CI files in data formats: luoshi.config.yaml, plugin.json, package.json
 * and its lock files, tsconfig*.json, *.config.{json,yaml}, dot-files, CI recipes (*ci*.yml, *pipelines*.yml).
 */
const CONFIG_NAMES = /^(\.|plugin\.json$|package(-lock)?\.json$|npm-shrinkwrap\.json$|pnpm-(lock|workspace)\.ya?ml$|yarn\.lock$|[jt]sconfig([.-].*)?\.json$|.*\.config\.(json|ya?ml)$|(docker-)?compose\.ya?ml$|(azure|bitbucket)-pipelines\.ya?ml$|appveyor\.ya?ml$|codecov\.ya?ml$|renovate\.json$|mkdocs\.ya?ml$|(config|ci)[-._])/i;

export function kindOf(path: string): FileKind {
  const name = basename(path);
  if (name.endsWith('.plan')) return 'plan';
  if (/\.test\.ya?ml$/i.test(name)) return 'test';
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(name)) return 'other';
  if (formatOf(name) !== null) return CONFIG_FOLDERS.test(path) || CONFIG_NAMES.test(name) ? 'other' : dataKindOf(name);
  if (/\.(md|txt)$/i.test(name)) return 'doc';
  return 'other';
}

const inside = (real: string, root: string): boolean => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

export class Workspace {
  readonly roots: Root[];

  constructor(dirs: string[]) {
    const used = new Set<string>();
    this.roots = dirs.map((d) => {
      const dir = resolve(d);
      let name = dirs.length === 1 ? '' : basename(dir) || 'root';
      for (let k = 2; used.has(name); k++) name = `${basename(dir)}-${k}`;
      used.add(name);
      return { name, dir, real: realpathSync(dir) };
    });
  }

  /** The standard library: `std/NAME.plan` → its file in the package. */
  libraryFiles(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of listPlanFiles(STD_DIR)) out[`std/${basename(f)}`] = f;
    return out;
  }

  private split(path: string): { root: Root; rest: string } {
    if (typeof path !== 'string' || path === '' || path.includes('\0') || path.includes('\\') || path.startsWith('/') || /^[a-zA-Z]:/.test(path)) {
      throw new WorkspaceError(403, `路径不在工作区内 / path outside the workspace: ${String(path)}`);
    }
    const parts = path.split('/');
    if (parts.some((p) => p === '..' || p === '.' || p === '')) throw new WorkspaceError(403, `路径不在工作区内 / path outside the workspace: ${path}`);
    if (this.roots.length === 1) return { root: this.roots[0]!, rest: parts.join(sep) };
    const root = this.roots.find((r) => r.name === parts[0]);
    if (!root || parts.length < 2) throw new WorkspaceError(404, `没有这个文件 / no such file: ${path}`);
    return { root, rest: parts.slice(1).join(sep) };
  }

  /**
   * The absolute path of a workspace path, checked to lie inside its folder (after following symbolic
   * links). A file that does not exist yet is checked through its folder.
   */
  resolve(path: string, mustExist = true): string {
    const { root, rest } = this.split(path);
    const abs = join(root.dir, rest);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      if (mustExist) throw new WorkspaceError(404, `没有这个文件 / no such file: ${path}`);
      let parent: string;
      try { parent = realpathSync(dirname(abs)); } catch { throw new WorkspaceError(404, `没有这个文件夹 / no such folder: ${path}`); }
      real = join(parent, basename(abs));
    }
    if (!inside(real, root.real)) throw new WorkspaceError(403, `路径指向工作区之外 / path leads outside the workspace: ${path}`);
    return abs;
  }

  /** Every file of the workspace (dot-files, node_modules and links out of the folder skipped). */
  list(): FileEntry[] {
    const out: FileEntry[] = [];
    for (const root of this.roots) {
      const walk = (dir: string, prefix: string): void => {
        let names: string[];
        try { names = readdirSync(dir).sort(); } catch { return; }
        for (const name of names) {
          if (out.length >= MAX_FILES) return;
          if (name.startsWith('.') || name === 'node_modules') continue;
          const abs = join(dir, name);
          let st;
          try {
            st = lstatSync(abs);
            if (st.isSymbolicLink()) {
              if (!inside(realpathSync(abs), root.real)) continue;
              st = statSync(abs);
            }
          } catch { continue; }
          const path = prefix ? `${prefix}/${name}` : name;
          if (st.isDirectory()) walk(abs, path);
          else if (st.isFile()) out.push({ path, kind: kindOf(path), size: st.size, stamp: `${Math.floor(st.mtimeMs)}-${st.size}` });
        }
      };
      walk(root.dir, root.name);
    }
    return out;
  }

  read(path: string): { text: string; etag: string; stamp: string } {
    const abs = this.resolve(path);
    const st = statSync(abs);
    if (!st.isFile()) throw new WorkspaceError(400, `不是文件 / not a file: ${path}`);
    if (st.size > MAX_TEXT_BYTES) throw new WorkspaceError(413, `文件过大（${(st.size / 1e6).toFixed(1)} MB），无法在编辑器中打开 / file too large to open (${(st.size / 1e6).toFixed(1)} MB)`);
    const bytes = readFileSync(abs);
    return { text: new TextDecoder('utf-8').decode(bytes), etag: etagOf(bytes), stamp: `${Math.floor(st.mtimeMs)}-${st.size}` };
  }

  /** The first `bytes` of a file (a preview of a data file too large to open). */
  head(path: string, bytes: number): { text: string; size: number } {
    const abs = this.resolve(path);
    const buf = readFileSync(abs);
    return { text: new TextDecoder('utf-8').decode(buf.subarray(0, bytes)), size: buf.length };
  }

  /**
   * Saves atomically (temporary file, then rename). `etag` is what the page read: null for a new file.
   * When the file on disk changed since (or appeared, or vanished), answers a conflict with what is on
   * disk now, unless `force`.
   */
  save(path: string, text: string, etag: string | null, force: boolean): { etag: string; stamp: string } {
    if (!path.endsWith('.plan') && !/\.(test\.ya?ml|md|txt)$/i.test(path)) {
      throw new WorkspaceError(403, `只能保存计划、测试和文档文件 / only plan, test and text files can be saved: ${path}`);
    }
    const abs = this.resolve(path, false);
    let current: Buffer | null = null;
    try { current = readFileSync(abs); } catch { current = null; }
    if (!force) {
      const now = current === null ? null : etagOf(current);
      if (now !== etag) {
        throw Object.assign(new WorkspaceError(409, `文件已在磁盘上被修改 / the file changed on disk since it was opened: ${path}`), {
          disk: current === null ? null : { text: new TextDecoder().decode(current), etag: now },
        });
      }
    }
    writeAtomically(abs, text);
    const st = statSync(abs);
    return { etag: etagOf(Buffer.from(text, 'utf8')), stamp: `${Math.floor(st.mtimeMs)}-${st.size}` };
  }
}
