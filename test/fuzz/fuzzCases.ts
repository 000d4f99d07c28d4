/**
 * The inputs of the fuzz test, shared with `npm run bench`: the named hostile cases and seeded
 * mutations of them and of the shared corpus (run in child processes), and the in-process compose
 * corpus mutations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeComposeHost } from '../../src/language/compose/composeHost';
import { lintComposeFile } from '../../src/language/compose/lintCompose';
import { mutate, mutatedCases, namedCases, seeded, type HostileCase } from './hostileInputs';
import { corpusFiles } from '../unit/compose/corpus';
import { corpusPath } from '../unit/dockerfile/corpus';

export const FUZZ_SEED = 0x5eed_b3e7;
/** Mutations per run (the fuzz test sets a floor on the total when CI=true, so it cannot quietly become a no-op). */
const MUTATIONS = Number(process.env['BERTH_FUZZ_MUTATIONS'] ?? 90);

/** The corpus texts the mutations start from. */
export function fuzzCorpus(): { name: string; text: string; kind: 'compose' | 'dockerfile' }[] {
  const dockerfiles = fs.readdirSync(corpusPath('dockerfiles')).map((f) => path.join(corpusPath('dockerfiles'), f));
  return [
    ...corpusFiles().map((f) => ({ name: path.basename(path.dirname(f)) + '/' + path.basename(f), text: fs.readFileSync(f, 'utf8'), kind: 'compose' as const })),
    ...dockerfiles.map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8'), kind: 'dockerfile' as const })),
  ];
}

export function fuzzCases(): HostileCase[] {
  return [...namedCases(), ...mutatedCases(MUTATIONS, FUZZ_SEED, fuzzCorpus())];
}

/** `count` mutations of the corpus with their lint times, in milliseconds. */
export function lintMutatedCorpus(count: number, seed = 0xb3e7): { name: string; text: string; ms: number; error?: unknown }[] {
  const random = seeded(seed);
  const files = corpusFiles().map((f) => ({ file: f, text: fs.readFileSync(f, 'utf8') }));
  const host = nodeComposeHost({});
  for (const { file, text } of files) lintComposeFile(file, text, host); // warm up the JIT
  const out: { name: string; text: string; ms: number; error?: unknown }[] = [];
  for (let i = 0; i < count; i++) {
    const { file, text } = files[Math.floor(random() * files.length)]!;
    let mutated = text;
    for (let r = 1 + Math.floor(random() * 4); r > 0; r--) mutated = mutate(mutated, random);
    const name = `mutation ${i} of ${path.basename(path.dirname(file))}/${path.basename(file)}`;
    const started = performance.now();
    try {
      lintComposeFile(file, mutated, host);
      out.push({ name, text: mutated, ms: performance.now() - started });
    } catch (error) {
      out.push({ name, text: mutated, ms: performance.now() - started, error });
    }
  }
  return out;
}

