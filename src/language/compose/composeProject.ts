/**
 * Where a compose file stands in the project Compose runs: which files are read together (a `-f`
 * list, or a default file and its override), which folder relative paths start from, and whether
 * the file is a fragment meant to be merged over another. Pure (no vscode import) and light (no
 * YAML parser): the extension host loads it at activation.
 */
import * as path from 'node:path';

/** The project one file is linted in. */
export interface ProjectPlace {
  /** The files Compose reads, in order, this one included (absolute). */
  files: string[];
  /** Relative paths in every file of a `-f` list start at the first file's folder. */
  dir: string;
  /**
   * Meant to be merged over another file: a name with `override`, or a `-f` entry after the first.
   * Compose never loads a fragment alone, so what only the whole project can have is not asked of it.
   */
  fragment: boolean;
}

/** `projectFiles` is the `-f` list (or default file plus override) the file was opened with, if any. */
export function projectPlace(file: string, projectFiles: readonly string[] = []): ProjectPlace {
  const self = path.resolve(file);
  const list = projectFiles.map((f) => path.resolve(f));
  const at = list.indexOf(self);
  const files = at < 0 ? [self] : list;
  return { files, dir: path.dirname(files[0]!), fragment: at > 0 || isFragmentName(self) };
}

/**
 * A workspace `-f` list (berth.compose.files) resolved for `file`: from the file's folder, as when it
 * is run, or else from the nearest folder above it, up to `root`, where the list names the file (a
 * fragment in a subfolder, like docker-elk's extensions/fleet/fleet-compose.yml). Empty when the list
 * does not name the file from anywhere.
 */
export function resolveFileList(file: string, list: readonly string[], root?: string): string[] {
  if (list.length === 0) return [];
  const self = path.resolve(file);
  const top = root === undefined ? undefined : path.resolve(root);
  for (let dir = path.dirname(self); ; dir = path.dirname(dir)) {
    const resolved = list.map((f) => path.resolve(dir, f));
    if (resolved.includes(self)) return resolved;
    // Up to the workspace folder, never past it (nor past the file system's root).
    const last = top === undefined || dir === top || path.relative(top, dir).startsWith('..') || path.dirname(dir) === dir;
    if (last) return [];
  }
}

/** compose.override.yaml, docker-compose.test.override.yml, …: loaded only over another file. */
export function isFragmentName(file: string): boolean {
  return /override/i.test(path.basename(file));
}


/** The file names YAML files have; only these are read to look for compose content. */
export function isYamlFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
