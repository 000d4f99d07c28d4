/**
 * What the compose rules need from the machine: what a path is, file text, the environment and the
 * home folder. Rules take it as a parameter so tests and the CLI can give their own. Pure interface;
 * `nodeComposeHost()` is the real one (node:fs through safeRead, no vscode).
 */
import * as os from 'node:os';
import { pathKind, readTextFile, type FileRead, type PathKind, type ReadPolicy } from '../safeRead';

export interface ComposeHost {
  /** 'file', 'directory', 'other' (device, pipe, socket), 'outside' (a path Berth may not follow), or undefined when nothing is there. */
  stat(path: string): PathKind;
  /** The file's text, or why it was not read (only regular files, size-capped, within the allowed folders). */
  readFile(path: string): FileRead;
  /** The environment Compose would run in (the shell's), for interpolation. */
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** The files of the project the linted file belongs to (a workspace `-f` list), absolute: they declare names too. */
  projectFiles?: readonly string[];
}

/** `policy.allowedRoots`: in an untrusted workspace, its folders; nothing outside them is read or stat'ed. */
export function nodeComposeHost(env: Readonly<Record<string, string | undefined>> = process.env, projectFiles: readonly string[] = [], policy: ReadPolicy = {}): ComposeHost {
  return {
    projectFiles,
    stat: (path) => pathKind(path, policy),
    readFile: (path) => readTextFile(path, policy),
    env,
    homeDir: os.homedir(),
  };
}

/** Remembers answers for the length of one lint, so a path used by many services is stat'ed once. */
export function cachedHost(host: ComposeHost): ComposeHost {
  const stats = new Map<string, PathKind>();
  const texts = new Map<string, FileRead>();
  return {
    stat(path) {
      if (!stats.has(path)) stats.set(path, host.stat(path));
      return stats.get(path);
    },
    readFile(path) {
      let read = texts.get(path);
      if (!read) texts.set(path, (read = host.readFile(path)));
      return read;
    },
    env: host.env,
    homeDir: host.homeDir,
    ...(host.projectFiles ? { projectFiles: host.projectFiles } : {}),
  };
}

/** The text when the file was read; undefined when it is missing or was refused. */
export function textOf(read: FileRead): string | undefined {
  return read.ok ? read.text : undefined;
}
