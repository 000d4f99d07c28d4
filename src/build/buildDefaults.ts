/**
 * First-time build options for a Dockerfile, and the one-line list syntax the prompts use. Pure.
 */
import * as path from 'node:path';
import type { Dockerfile } from '../language/dockerfile/ast';
import type { DockerfileModel } from '../language/dockerfile/model';
import { defaultBuildOptions, type BuildOptions } from './buildArgs';

export type ListKey = 'tags' | 'buildArgs' | 'secrets' | 'ssh' | 'cacheFrom' | 'cacheTo';

/** A tag docker accepts, from a folder name: lowercase, and only the characters a repository name allows. */
export function tagFromFolder(folder: string): string {
  const name = path.basename(folder).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${name || 'image'}:latest`;
}

/** A default as written (`"hello world"`, `'x'`) without its quotes. */
function withoutQuotes(value: string): string {
  const m = /^(["'])(.*)\1$/s.exec(value);
  return m ? (m[2] ?? '') : value;
}

/** First-time options: the Dockerfile's folder as context, a tag from it, and the file's ARGs (`df`, parsed) with their defaults. */
export function initialOptions(dockerfile: string, df: Dockerfile): BuildOptions {
  const folder = path.dirname(dockerfile);
  const args = new Map<string, string>();
  for (const inst of df.instructions) {
    if (inst.name !== 'ARG') continue;
    for (const word of inst.words) {
      const eq = word.text.indexOf('=');
      const key = eq < 0 ? word.text : word.text.slice(0, eq);
      if (!args.has(key)) args.set(key, eq < 0 ? '' : withoutQuotes(word.text.slice(eq + 1)));
    }
  }
  return { ...defaultBuildOptions(dockerfile, folder), tags: [tagFromFolder(folder)], buildArgs: [...args].map(([k, v]) => `${k}=${v}`) };
}

/** `a; b ;; c` → `[a, b, c]`; build args left as `NAME=` are dropped (unset, the ARG's default applies). */
export function splitList(text: string, key: ListKey): string[] {
  const items = text.split(';').map((s) => s.trim()).filter(Boolean);
  return key === 'buildArgs' ? items.filter((s) => !/^[^=]+=$/.test(s)) : items;
}

/** The stage names of a Dockerfile's model, in order (unnamed stages by index). */
export function stageNames(model: DockerfileModel): string[] {
  return model.stages.map((s) => s.name ?? String(s.index));
}
