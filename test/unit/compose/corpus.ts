/** The shared compose corpus, found relative to the repository. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const CORPUS = path.resolve(repoRoot, '..', 'shared', 'corpus', 'compose');

/** Compose files by content: YAML with a top-level `services:` or `include:` (Kubernetes expectations left out). */
export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'expected-kubernetes') walk(p);
      } else if (/\.ya?ml$/.test(e.name) && /^(services|include):/m.test(fs.readFileSync(p, 'utf8'))) {
        out.push(p);
      }
    }
  };
  walk(CORPUS);
  return out.sort();
}
