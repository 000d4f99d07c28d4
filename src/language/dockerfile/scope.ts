/** Which stage and which variables are in scope at a line of a Dockerfile. Pure. */
import type { Dockerfile, Instruction } from './ast';
import { argDefinitions, envPairs, PLATFORM_ARGS, stageChain, unquote, type DockerfileModel, type Stage } from './model';

export interface VariableDefinition {
  name: string;
  /** The default or value as written, unquoted; undefined for `ARG name`. */
  value: string | undefined;
  kind: 'ARG' | 'ENV' | 'predefined';
  instruction: Instruction | undefined;
}

/** The instruction whose lines (heredoc bodies included) hold `line`: a binary search, as instructions are in order. */
export function instructionAt(df: Dockerfile, line: number): Instruction | undefined {
  const list = df.instructions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((list[mid] as Instruction).keywordRange.start.line <= line) lo = mid;
    else hi = mid - 1;
  }
  const inst = list[lo];
  return inst && inst.keywordRange.start.line <= line && line <= inst.range.end.line ? inst : undefined;
}

export function stageAt(model: DockerfileModel, line: number): Stage | undefined {
  let found: Stage | undefined;
  for (const s of model.stages) if (s.from.keywordRange.start.line <= line) found = s;
  return found;
}

/**
 * Variables usable at `line`: inside a stage its ARGs and ENVs so far (and the ENVs of the stages
 * it builds on); before the first FROM and on FROM lines, the global ARGs; always BuildKit's
 * platform args. Later definitions win; values are resolved (`$X` replaced by X's value).
 */
export function variablesAt(model: DockerfileModel, line: number): Map<string, VariableDefinition> {
  const vars = new Map<string, VariableDefinition>();
  for (const [name, value] of PLATFORM_ARGS) vars.set(name, { name, value, kind: 'predefined', instruction: undefined });
  const stage = stageAt(model, line);
  const inFrom = stage !== undefined && stage.from.range.start.line <= line && line <= stage.from.range.end.line;
  if (!stage || inFrom) {
    for (const a of model.globalArgs) if (a.instruction.range.end.line < line) vars.set(a.key, { name: a.key, value: a.value === undefined ? undefined : unquote(a.value), kind: 'ARG', instruction: a.instruction });
    return vars;
  }
  // Values are resolved with what is defined before them, as BuildKit expands them.
  const env = (name: string): string | undefined => vars.get(name)?.value;
  for (const s of stageChain(stage)) {
    for (const inst of s.instructions) {
      if (s === stage && inst.range.start.line >= line) break;
      if (inst.name === 'ENV') for (const p of envPairs(inst)) vars.set(p.key, { name: p.key, value: unquote(p.value, env), kind: 'ENV', instruction: inst });
      if (inst.name === 'ARG' && s === stage) {
        for (const a of argDefinitions(inst)) {
          const global = model.globalArgs.find((g) => g.key === a.key);
          const value = a.value ?? global?.value;
          vars.set(a.key, { name: a.key, value: value === undefined ? undefined : unquote(value, env), kind: 'ARG', instruction: inst });
        }
      }
    }
  }
  return vars;
}
