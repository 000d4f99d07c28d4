/**
 * What the compose rules need from the machine: file existence, file text, the environment and the
 * home folder. Rules take it as a parameter so tests and the CLI can give their own. Pure interface;
 * `nodeComposeHost()` is the real one (node:fs, no vscode).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

export interface ComposeHost {
  /** 'file', 'directory', or undefined when nothing is there. */
  stat(path: string): 'file' | 'directory' | undefined;
  /** The file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** The environment Compose would run in (the shell's), for interpolation. */
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** The files of the project the linted file belongs to (a workspace `-f` list), absolute: they declare names too. */
  projectFiles?: readonly string[];
}

export function nodeComposeHost(env: Readonly<Record<string, string | undefined>> = process.env, projectFiles: readonly string[] = []): ComposeHost {
  return {
    projectFiles,
    stat(path) {
      try {
        const s = fs.statSync(path);
        return s.isDirectory() ? 'directory' : 'file';
      } catch {
        return undefined;
      }
    },
    readFile(path) {
      try {
        return fs.readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    env,
    homeDir: os.homedir(),
  };
}

/** Remembers answers for the length of one lint, so a path used by many services is stat'ed once. */
export function cachedHost(host: ComposeHost): ComposeHost {
  const stats = new Map<string, 'file' | 'directory' | undefined>();
  const texts = new Map<string, string | undefined>();
  return {
    stat(path) {
      if (!stats.has(path)) stats.set(path, host.stat(path));
      return stats.get(path);
    },
    readFile(path) {
      if (!texts.has(path)) texts.set(path, host.readFile(path));
      return texts.get(path);
    },
    env: host.env,
    homeDir: host.homeDir,
    ...(host.projectFiles ? { projectFiles: host.projectFiles } : {}),
  };
}
