/**
 * Where a compose file stands in the project Compose runs: which files are read together (a `-f`
 * list, or a default file and its override), which folder relative paths start from, and whether
 * the file is a fragment meant to be merged over another. And which YAML files are compose files at
 * all, by content, whatever their name. Pure: no vscode import.
 */
import * as path from 'node:path';
import { child, entriesOf, parseCompose } from './composeDocument';

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

/** compose.override.yaml, docker-compose.test.override.yml, …: loaded only over another file. */
export function isFragmentName(file: string): boolean {
  return /override/i.test(path.basename(file));
}

/** A line `services:` at the top level (not indented): most YAML files are ruled out without parsing. */
const TOP_LEVEL_SERVICES = /^services[ \t]*:[ \t]*(?:#.*)?$/m;

/**
 * A compose file, judged by content: its top-level `services:` maps service names to definitions.
 * CI files have `services:` too, but as a list (.travis.yml, .gitlab-ci.yml) or below a job
 * (GitHub workflows), so they are not taken for compose.
 */
export function looksLikeCompose(text: string): boolean {
  if (!TOP_LEVEL_SERVICES.test(text)) return false;
  const services = child(parseCompose(text).root, 'services');
  const entries = entriesOf(services);
  return services?.kind === 'map' && entries.length > 0 && entries.every((e) => e.value.kind === 'map');
}

/** The file names YAML files have; only these are read to look for compose content. */
export function isYamlFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
