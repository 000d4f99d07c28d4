/**
 * First-time build options for a Dockerfile, and the one-line list syntax the prompts use. Pure.
 */
import * as path from 'node:path';
import { argDefinitions, buildModel, unquote } from '../language/dockerfile/model';
import { parseDockerfile } from '../language/dockerfile/parser';
import { defaultBuildOptions, type BuildOptions } from './buildArgs';

export type ListKey = 'tags' | 'buildArgs' | 'secrets' | 'ssh' | 'cacheFrom' | 'cacheTo';

/** A tag docker accepts, from a folder name: lowercase, and only the characters a repository name allows. */
export function tagFromFolder(folder: string): string {
  const name = path.basename(folder).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${name || 'image'}:latest`;
}

/** First-time options: the Dockerfile's folder as context, a tag from it, and the file's ARGs with their defaults. */
export function initialOptions(dockerfile: string, source: string): BuildOptions {
  const folder = path.dirname(dockerfile);
  const df = parseDockerfile(source);
  const args = new Map<string, string>();
  for (const inst of df.instructions) {
    if (inst.name !== 'ARG') continue;
    for (const def of argDefinitions(inst)) if (!args.has(def.key)) args.set(def.key, def.value === undefined ? '' : unquote(def.value, () => undefined, df.escapeChar));
  }
  return { ...defaultBuildOptions(dockerfile, folder), tags: [tagFromFolder(folder)], buildArgs: [...args].map(([k, v]) => `${k}=${v}`) };
}

/** `a; b ;; c` → `[a, b, c]`; build args left as `NAME=` are dropped (unset, the ARG's default applies). */
export function splitList(text: string, key: ListKey): string[] {
  const items = text.split(';').map((s) => s.trim()).filter(Boolean);
  return key === 'buildArgs' ? items.filter((s) => !/^[^=]+=$/.test(s)) : items;
}

/** The stage names of a Dockerfile, in order (unnamed stages by index). */
export function stageNames(source: string): string[] {
  return buildModel(parseDockerfile(source)).stages.map((s) => s.name ?? String(s.index));
}
