// What a plan may import (docs/language.md §4.1): a regular file inside the workspace root of the importing
// file (./workspace-root.ts) or in the standard library, at most MAX_IMPORT_BYTES. Everything is decided
// from lstat/realpath/stat, before the file is opened: opening a FIFO blocks, reading /dev/zero never ends.
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Refusal } from '../engine/check/compile.js';
import { workspaceRoot } from './workspace-root.js';

/** The largest file a plan may import: 4 MB (the largest plan of the corpus is well under 100 kB). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

const within = (dir: string, p: string): boolean => {
  const rel = relative(dir, p);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
};

/** A file's kind when it is not a regular file, in both languages. */
function irregular(st: Stats): Refusal | null {
  if (st.isFile()) return null;
  const [zh, en] = st.isDirectory()
    ? ['文件夹', 'a folder']
    : st.isFIFO()
      ? ['命名管道（FIFO）', 'a FIFO (named pipe)']
      : st.isCharacterDevice()
        ? ['字符设备', 'a character device']
        : st.isBlockDevice()
          ? ['块设备', 'a block device']
          : st.isSocket()
            ? ['套接字', 'a socket']
            : ['特殊文件', 'a special file'];
  return { reason: `不是普通文件，而是${zh}`, reasonEn: `not a regular file but ${en}` };
}

/** Why a regular-file check fails for `abs` (null: a regular file, or nothing there for readFile to miss). */
export function fileRefusal(abs: string, maxBytes: number | null): Refusal | null {
  let st: Stats;
  try {
    st = statSync(abs);
  } catch {
    return null;
  }
  const odd = irregular(st);
  if (odd) return odd;
  if (maxBytes !== null && st.size > maxBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
    return {
      reason: `文件过大（${mb(st.size)} MB，上限 ${mb(maxBytes)} MB）`,
      reasonEn: `too large (${mb(st.size)} MB; the limit is ${mb(maxBytes)} MB)`,
    };
  }
  return null;
}

/**
 * Why `abs` may not be imported by `fromAbs` (null: it may, or it does not exist and the compiler says so).
 * `stdDir`: the standard library's folder, importable from anywhere. `show` turns a path into the one messages name.
 */
export function importRefusal(
  abs: string,
  fromAbs: string,
  stdDir: string,
  show: (p: string) => string,
): Refusal | null {
  const inStd = within(stdDir, abs);
  if (!inStd) {
    const root = workspaceRoot(fromAbs);
    const rootShown = show(root) || '.';
    if (!within(root, abs)) {
      return {
        reason: `在工作区 ${rootShown} 之外（工作区根是计划之上最近的含 luoshi.config.yaml 或 .git 的文件夹）`,
        reasonEn: `outside the workspace ${rootShown} (the nearest folder above the plan with luoshi.config.yaml or .git)`,
      };
    }
    try {
      lstatSync(abs);
    } catch {
      return null;
    }
    let real: string, rootReal: string;
    try {
      real = realpathSync(abs);
      rootReal = realpathSync(root);
    } catch {
      return null;
    }
    if (!within(rootReal, real)) {
      return {
        reason: `是指向工作区 ${rootShown} 之外的符号链接（${real}）`,
        reasonEn: `a symbolic link leading outside the workspace ${rootShown} (to ${real})`,
      };
    }
  }
  return fileRefusal(resolve(abs), MAX_IMPORT_BYTES);
}
