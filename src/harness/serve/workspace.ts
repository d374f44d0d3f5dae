// The folder(s) `luoshi serve` works on, as one tree of workspace paths (`ningbo-2018.plan`, or with
// several folders `policies/ningbo-2018.plan`, `examples/data/…`). Every path from the page goes through
// resolve(), which refuses what lies outside: absolute paths, `..`, backslashes, NUL, and symbolic links
// that lead out of the folder. Reads return an etag (a hash of the content); a save whose etag no longer
// matches the file on disk is a conflict, never a silent overwrite. Hidden files and folders (a path
// segment starting with `.`: .git, .env) are neither listed, read nor written. Files are read
// asynchronously and only as far as needed; pipes and devices are refused, never opened for reading.
import { createHash } from 'node:crypto';
import { constants, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../files.js';
import { decodeText, encodeText, previewText, type TextEncodingName } from './file-text.js';
import { dataKindOf, formatOf } from '../loaders/index.js';
import { listPlanFiles, STD_DIR } from '../host.js';
import { CONFIG_FILE_NAMES } from '../../engine/plugins/config.js';
import type { FileEntry, FileKind } from '../../workers/protocol.js';

export type { FileEntry, FileKind };

export interface Root {
  name: string;
  dir: string;
  real: string;
}

/** A refusal the page can show: an HTTP status and a message in both languages. */
export class WorkspaceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_TEXT_BYTES = 16 * 1024 * 1024;
const MAX_FILES = 20_000;
const MiB = (n: number): string => (n / 1024 / 1024).toFixed(1);

/** What a read answers: the text, its etag (a hash of the bytes on disk), its stamp and encoding. */
export interface FileText {
  text: string;
  etag: string;
  stamp: string;
  encoding: TextEncodingName;
}

/** A regular file opened for reading (never a pipe or device: those would block or never end). */
async function openRegular(abs: string, path: string): Promise<{ handle: FileHandle; size: number; stamp: string }> {
  const notRegular = (): WorkspaceError =>
    new WorkspaceError(
      400,
      `不是普通文件（文件夹、管道或设备），不能读取 / not a regular file (a folder, pipe or device): ${path}`,
    );
  let st;
  try {
    st = await stat(abs);
  } catch {
    throw new WorkspaceError(404, `没有这个文件 / no such file: ${path}`);
  }
  if (!st.isFile()) throw notRegular();
  // O_NONBLOCK: should it have become a pipe since, opening it does not wait for a writer.
  let handle: FileHandle;
  try {
    handle = await open(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkspaceError(404, `没有这个文件 / no such file: ${path}`);
    throw new WorkspaceError(
      403,
      `无法读取（${code ?? 'error'}） / cannot read the file (${code ?? (e as Error).message}): ${path}`,
    );
  }
  const now = await handle.stat();
  if (!now.isFile()) {
    await handle.close();
    throw notRegular();
  }
  return { handle, size: now.size, stamp: `${Math.floor(now.mtimeMs)}-${now.size}` };
}

/** Up to `max` bytes from the start of an open file. */
async function readUpTo(handle: FileHandle, max: number): Promise<Buffer> {
  const buf = Buffer.alloc(max);
  let got = 0;
  while (got < max) {
    const { bytesRead } = await handle.read(buf, got, max - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** Whether a path relative to a folder names something hidden (a segment starting with `.`). */
const hidden = (rel: string): boolean => rel.split(/[\\/]/).some((p) => p.startsWith('.'));

export function etagOf(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 20);
}

/** Folders whose files are CI recipes or configuration, never case data (any depth). */
const CONFIG_FOLDERS = /(^|\/)(\.github|\.gitlab|\.circleci|\.ci|ci|workflows|config|\.vscode)\//i;
/**
 * Names of tools' configuration and CI files in data formats: luoshi.config.yaml, plugin.json, package.json
 * and its lock files, tsconfig*.json, *.config.{json,yaml}, dot-files, CI recipes (*ci*.yml, *pipelines*.yml).
 */
const CONFIG_NAMES =
  /^(\.|plugin\.json$|package(-lock)?\.json$|npm-shrinkwrap\.json$|pnpm-(lock|workspace)\.ya?ml$|yarn\.lock$|[jt]sconfig([.-].*)?\.json$|.*\.config\.(json|ya?ml)$|(docker-)?compose\.ya?ml$|(azure|bitbucket)-pipelines\.ya?ml$|appveyor\.ya?ml$|codecov\.ya?ml$|renovate\.json$|mkdocs\.ya?ml$|(config|ci)[-._])/i;

export function kindOf(path: string): FileKind {
  const name = basename(path);
  if (name.endsWith('.plan')) return 'plan';
  if (/\.test\.ya?ml$/i.test(name)) return 'test';
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(name)) return 'other';
  if (formatOf(name) !== null) return CONFIG_FOLDERS.test(path) || CONFIG_NAMES.test(name) ? 'other' : dataKindOf(name);
  if (/\.(md|txt)$/i.test(name)) return 'doc';
  return 'other';
}

const inside = (real: string, root: string): boolean =>
  real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

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
    if (
      typeof path !== 'string' ||
      path === '' ||
      path.includes('\0') ||
      path.includes('\\') ||
      path.startsWith('/') ||
      /^[a-zA-Z]:/.test(path)
    ) {
      throw new WorkspaceError(403, `路径不在工作区内 / path outside the workspace: ${String(path)}`);
    }
    const parts = path.split('/');
    if (parts.some((p) => p === '..' || p === '.' || p === ''))
      throw new WorkspaceError(403, `路径不在工作区内 / path outside the workspace: ${path}`);
    if (parts.some((p) => p.startsWith('.')))
      throw new WorkspaceError(403, `隐藏文件不可访问 / hidden files are not served: ${path}`);
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
      try {
        parent = realpathSync(dirname(abs));
      } catch {
        throw new WorkspaceError(404, `没有这个文件夹 / no such folder: ${path}`);
      }
      real = join(parent, basename(abs));
    }
    if (!inside(real, root.real))
      throw new WorkspaceError(403, `路径指向工作区之外 / path leads outside the workspace: ${path}`);
    if (hidden(relative(root.real, real)))
      throw new WorkspaceError(403, `路径指向隐藏文件 / path leads to a hidden file: ${path}`);
    return abs;
  }

  /** Every file of the workspace (dot-files, node_modules and links out of the folder skipped). */
  list(): FileEntry[] {
    const out: FileEntry[] = [];
    for (const root of this.roots) {
      const walk = (dir: string, prefix: string): void => {
        let names: string[];
        try {
          names = readdirSync(dir).sort();
        } catch {
          return;
        }
        for (const name of names) {
          if (out.length >= MAX_FILES) return;
          if (name.startsWith('.') || name === 'node_modules') continue;
          const abs = join(dir, name);
          let st;
          try {
            st = lstatSync(abs);
            if (st.isSymbolicLink()) {
              const real = realpathSync(abs);
              if (!inside(real, root.real) || hidden(relative(root.real, real))) continue;
              st = statSync(abs);
            }
          } catch {
            continue;
          }
          const path = prefix ? `${prefix}/${name}` : name;
          if (st.isDirectory()) walk(abs, path);
          else if (st.isFile())
            out.push({ path, kind: kindOf(path), size: st.size, stamp: `${Math.floor(st.mtimeMs)}-${st.size}` });
        }
      };
      walk(root.dir, root.name);
    }
    return out;
  }

  /** A whole text file (up to MAX_TEXT_BYTES), decoded in its own encoding. */
  async read(path: string): Promise<FileText> {
    const { handle, size, stamp } = await openRegular(this.resolve(path), path);
    try {
      if (size > MAX_TEXT_BYTES) {
        throw new WorkspaceError(
          413,
          `文件过大（${MiB(size)} MiB，编辑器上限 ${MiB(MAX_TEXT_BYTES)} MiB），只能预览开头 / file too large for the editor (${MiB(size)} MiB; the limit is ${MiB(MAX_TEXT_BYTES)} MiB): only a preview of its start is shown: ${path}`,
        );
      }
      const bytes = await readUpTo(handle, size);
      return { ...decodeText(bytes), etag: etagOf(bytes), stamp };
    } finally {
      await handle.close();
    }
  }

  /** The first `bytes` of a file (a preview of a data file too large to open): only those are read. */
  async head(path: string, bytes: number): Promise<{ text: string; size: number; encoding: TextEncodingName }> {
    const { handle, size } = await openRegular(this.resolve(path), path);
    try {
      const buf = await readUpTo(handle, Math.min(bytes, size));
      return { ...(buf.length < size ? previewText(buf) : decodeText(buf)), size };
    } finally {
      await handle.close();
    }
  }

  private saving: Promise<unknown> = Promise.resolve();

  /**
   * Saves atomically (temporary file, then rename), in the file's own encoding. `etag` is what the page
   * read: null for a new file. When the file on disk changed since (or appeared, or vanished), answers a
   * conflict with what is on disk now, unless `force`. A symbolic link stays a link: its target is
   * written. Saves run one at a time, so a check and its write are never split by another save.
   */
  save(
    path: string,
    text: string,
    etag: string | null,
    force: boolean,
  ): Promise<{ etag: string; stamp: string; encoding: TextEncodingName }> {
    const run = this.saving.then(() => this.saveNow(path, text, etag, force));
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async saveNow(
    path: string,
    text: string,
    etag: string | null,
    force: boolean,
  ): Promise<{ etag: string; stamp: string; encoding: TextEncodingName }> {
    if (!path.endsWith('.plan') && !/\.(test\.ya?ml|md|txt)$/i.test(path)) {
      throw new WorkspaceError(
        403,
        `只能保存计划、测试和文档文件 / only plan, test and text files can be saved: ${path}`,
      );
    }
    const abs = this.resolve(path, false);
    let target = abs;
    try {
      target = realpathSync(abs);
    } catch {
      target = abs; /* a new file */
    }
    let current: Buffer | null = null;
    try {
      const { handle, size } = await openRegular(target, path);
      try {
        if (size > MAX_TEXT_BYTES)
          throw new WorkspaceError(
            413,
            `文件过大（${MiB(size)} MiB，上限 ${MiB(MAX_TEXT_BYTES)} MiB），不能在此保存 / file too large to save here (${MiB(size)} MiB; the limit is ${MiB(MAX_TEXT_BYTES)} MiB): ${path}`,
          );
        current = await readUpTo(handle, size);
      } finally {
        await handle.close();
      }
    } catch (e) {
      if (!(e instanceof WorkspaceError) || e.status !== 404) throw e;
    }
    const disk = current === null ? null : decodeText(current);
    if (!force) {
      const now = current === null ? null : etagOf(current);
      if (now !== etag) {
        throw Object.assign(
          new WorkspaceError(409, `文件已在磁盘上被修改 / the file changed on disk since it was opened: ${path}`),
          {
            disk: disk === null ? null : { text: disk.text, etag: now },
          },
        );
      }
    }
    const encoding = disk?.encoding ?? 'utf-8';
    const encoded = encodeText(text, encoding);
    if ('refusal' in encoded) throw new WorkspaceError(422, `${encoded.refusal}: ${path}`);
    try {
      writeFileAtomic(target, encoded.bytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new WorkspaceError(403, `无法写入（${code}） / cannot write the file (${code}): ${path}`);
    }
    const st = statSync(target);
    return { etag: etagOf(encoded.bytes), stamp: `${Math.floor(st.mtimeMs)}-${st.size}`, encoding };
  }
}
