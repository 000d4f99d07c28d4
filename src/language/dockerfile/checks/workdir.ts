/**
 * The path a WORKDIR names, expanded as BuildKit expands it before WorkdirRelativePath looks at it:
 * with the stage's ENV (its own and the stages it builds on), its ARGs with their defaults, and the
 * base image's env. Offline the base image's env is unknown, and so is a build arg without a
 * default (`--build-arg` may set it): a path that uses either is not judged. Pure.
 */
import type { Instruction } from '../ast';
import { argDefinitions, envPairs, stageChain, type DockerfileModel, type Stage } from '../model';
import { expandWord } from '../shellWord';

/** Values by name; `undefined` means set, but to a value only the build knows. */
type Known = Map<string, string | undefined>;

/**
 * The expanded path of `workdir` in `stage`, or undefined when it depends on a value only the build
 * knows. Walks the stage chain each time: WORKDIR with a variable is rare, so nothing is kept.
 */
export function expandedWorkdir(model: DockerfileModel, stage: Stage, workdir: Instruction, escape: string): string | undefined {
  const chain = stageChain(stage);
  // From scratch nothing is set but what the Dockerfile sets; any other image may set anything.
  const fromScratch = chain[0]?.baseName === 'scratch';
  const known: Known = new Map();
  const envNames = new Set<string>();
  const lookup = (name: string): string | undefined => (known.has(name) ? known.get(name) : fromScratch ? '' : undefined);
  const expand = (raw: string): string | undefined => {
    const e = expandWord(raw, lookup, escape);
    return e.unmatched.size > 0 ? undefined : e.result;
  };
  for (const s of chain) {
    for (const inst of s.instructions) {
      if (inst === workdir) return expand(inst.argsText);
      if (inst.name === 'ENV') {
        // Every pair of one ENV sees the values from before it, as in BuildKit.
        const values = envPairs(inst).map((p) => [p.key, expand(p.value)] as const);
        for (const [key, value] of values) {
          known.set(key, value);
          envNames.add(key);
        }
      } else if (inst.name === 'ARG' && s === stage) {
        for (const def of argDefinitions(inst)) {
          if (envNames.has(def.key)) continue; // ENV wins over an ARG of the same name
          const global = def.value === undefined && model.globalArgs.some((g) => g.key === def.key && g.value !== undefined);
          known.set(def.key, def.value !== undefined ? expand(def.value) : global ? model.fromEnv(def.key) : undefined);
        }
      }
    }
  }
  return undefined;
}
