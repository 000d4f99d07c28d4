/** Test helpers: an in-memory machine for the compose rules, and a lint that reads findings by code. */
import * as path from 'node:path';
import type { Finding } from '../../../src/language/findings';
import type { ComposeHost } from '../../../src/language/compose/composeHost';
import { lintComposeFile } from '../../../src/language/compose/lintCompose';

export const PROJECT = path.resolve('/project');

/** Files by path relative to /project (or absolute); every parent of a file is a folder. */
export function memoryHost(files: Record<string, string> = {}, env: Record<string, string> = {}): ComposeHost {
  const texts = new Map(Object.entries(files).map(([p, t]) => [path.resolve(PROJECT, p), t]));
  const dirs = new Set<string>();
  for (const p of texts.keys()) for (let d = path.dirname(p); !dirs.has(d); d = path.dirname(d)) dirs.add(d);
  return {
    stat: (p) => (texts.has(p) ? 'file' : dirs.has(p) ? 'directory' : undefined),
    readFile: (p) => {
      const text = texts.get(p);
      return text !== undefined ? { ok: true, text } : { ok: false, missing: true, problem: 'does not exist' };
    },
    env,
    homeDir: '/home/me',
  };
}

export function lint(text: string, files: Record<string, string> = {}, env: Record<string, string> = {}, name = 'compose.yaml'): Finding[] {
  return lintComposeFile(path.join(PROJECT, name), text, memoryHost(files, env));
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

export function withCode(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** The text a finding's range covers. */
export function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  const { start, end } = f.range;
  if (start.line === end.line) return lines[start.line]!.slice(start.character, end.character);
  return [lines[start.line]!.slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line]!.slice(0, end.character)].join('\n');
}

/** Joins lines, so YAML in tests reads as YAML. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
