/**
 * Reads the files a workspace points at (`include:`, `extends.file`, env files, `.env`,
 * `.dockerignore`, the `-f` list, the files `berth lint` is given) without trusting them: only a
 * regular file is read (a device, pipe or socket would never end, or never start), at most
 * MAX_READ_BYTES of it, and with `allowedRoots` nothing outside those folders, symlinks followed.
 * The one door for such reads, editor and CLI alike. Pure: node:fs only, no vscode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Far above any real compose file, Dockerfile or ignore file; far below what hurts the editor. */
export const MAX_READ_BYTES = 4 * 1024 * 1024;

export interface ReadPolicy {
  /** Larger files are refused; MAX_READ_BYTES by default. */
  maxBytes?: number;
  /**
   * Only paths inside these folders are followed (an untrusted workspace's folders). Undefined:
   * anywhere. An empty list: nowhere.
   */
  allowedRoots?: readonly string[];
}

/** A file's text, or why it was not read; `missing` separates "not there" from a refusal. */
export type FileRead = { ok: true; text: string } | { ok: false; missing: boolean; problem: string };

/** What a path is, without reading it: 'other' is a device, pipe or socket; 'outside' a path the policy keeps Berth from. */
export type PathKind = 'file' | 'directory' | 'other' | 'outside' | undefined;

const OUTSIDE = 'is outside the workspace folders, and Berth follows no such path in a workspace you have not trusted';

export function readTextFile(file: string, policy: ReadPolicy = {}): FileRead {
  const max = policy.maxBytes ?? MAX_READ_BYTES;
  const target = confined(file, policy);
  if (target === undefined) return refused(OUTSIDE);
  if (target === null) return { ok: false, missing: true, problem: 'does not exist' };
  let fd: number;
  try {
    // O_NONBLOCK: opening a pipe with no writer returns at once instead of waiting for one.
    fd = fs.openSync(target, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return failed(error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return refused('is a folder, not a file');
    if (!stat.isFile()) return refused('is not a regular file (a device, pipe or socket)');
    if (stat.size > max) return refused(`is larger than ${mebibytes(max)}`);
    const text = readUpTo(fd, stat.size, max);
    return text === undefined ? refused(`is larger than ${mebibytes(max)}`) : { ok: true, text };
  } catch (error) {
    return failed(error);
  } finally {
    fs.closeSync(fd);
  }
}

/** The text, or undefined past `max` bytes: the file may grow while it is read, so one byte more is asked for. */
function readUpTo(fd: number, size: number, max: number): string | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(max + 1, size + 1));
  let length = 0;
  for (;;) {
    const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return buffer.toString('utf8', 0, length);
    length += n;
    if (length > max) return undefined;
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.min(max + 1, buffer.length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
  }
}

/** stat() under the same policy; never opens the path. */
export function pathKind(file: string, policy: ReadPolicy = {}): PathKind {
  const target = confined(file, policy);
  if (target === undefined) return 'outside';
  if (target === null) return undefined;
  try {
    const stat = fs.statSync(target);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  } catch {
    return undefined;
  }
}

/**
 * The path to open: `file` itself without roots; with roots its real path when that lies inside
 * one (a symlink out of the workspace is refused too). Undefined: outside. Null: not there.
 */
function confined(file: string, policy: ReadPolicy): string | null | undefined {
  const roots = policy.allowedRoots;
  if (roots === undefined) return file;
  const absolute = path.resolve(file);
  // Outside already by its name: not even looked at.
  if (!roots.some((r) => inside(absolute, path.resolve(r)))) return undefined;
  let real: string;
  try {
    real = fs.realpathSync(absolute);
  } catch {
    return null;
  }
  return roots.some((r) => inside(real, realOr(r))) ? real : undefined;
}

function inside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realOr(p: string): string {
  try {
    return fs.realpathSync(path.resolve(p));
  } catch {
    return path.resolve(p);
  }
}

function refused(problem: string): FileRead {
  return { ok: false, missing: false, problem };
}

function failed(error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true, problem: 'does not exist' };
  if (code === 'EISDIR') return refused('is a folder, not a file');
  return refused(`cannot be read (${code ?? (error as Error).message})`);
}

function mebibytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
