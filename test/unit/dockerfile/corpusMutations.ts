/**
 * The real Dockerfiles of the shared corpus, and mutated copies of them from a fixed seed: the
 * corpus test lints them for exceptions and hangs, and `npm run bench` times the same cases.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusPath } from './corpus';

/** The corpus as copied: fewer files means it went missing, and every check over it would pass by absence. */
export const MIN_CORPUS_FILES = 92;

export const FUZZ_SEED = 20261123;

export function corpusDockerfiles(): { name: string; text: string }[] {
  const dir = corpusPath('dockerfiles');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** A small deterministic PRNG (mulberry32), so the fuzz cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['\\\n', '<<EOF\n', '"', "'", '--mount=type=cache,', '$', '${', '#', '\n', ' AS ', '[', ']', '`', '\t', '=', ',', 'FROM ', 'COPY --from=', 'RUN '];

/** `cases` mutated copies of corpus files (1–4 inserts, deletions or pasted slices each), the same for a seed. */
export function* mutatedDockerfiles(files: readonly { text: string }[], cases: number, seed = FUZZ_SEED): Generator<string> {
  const random = rng(seed);
  for (let n = 0; n < cases; n++) {
    let text = files[Math.floor(random() * files.length)]?.text ?? '';
    const edits = 1 + Math.floor(random() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * (text.length + 1));
      const op = random();
      if (op < 0.4) text = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
      else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
      else text = text.slice(0, at) + text.slice(Math.floor(random() * text.length)).slice(0, 200) + text.slice(at);
    }
    yield text;
  }
}
