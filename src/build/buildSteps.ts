/**
 * Which Dockerfile instruction each BuildKit step is. BuildKit names a step `[stage k/n] TEXT`
 * (`[k/n]` in a one-stage file, `stage-N` for an unnamed stage of a multi-stage file); it counts,
 * per stage, FROM an image (not scratch, not another stage), then every RUN, COPY, ADD and
 * WORKDIR. Berth replays that count on its own parse of the file. Pure.
 */
import type { Instruction } from '../language/dockerfile/ast';
import type { DockerfileModel, Stage } from '../language/dockerfile/model';

/** A step as BuildKit's progress names it. */
export interface StepRef {
  /** `build`, `stage-2`, or undefined in a one-stage file. */
  stage: string | undefined;
  /** 1-based. */
  index: number;
  total: number;
  /** The instruction as BuildKit printed it (`RUN echo hi`). */
  text: string;
}

export interface PlannedStage {
  /** The name BuildKit prints for this stage. */
  label: string | undefined;
  stage: Stage;
  /** The instructions that are steps, in order. */
  steps: Instruction[];
}

const COUNTED = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** The steps of each stage of a Dockerfile's model (`buildModel(parseDockerfile(text))`). */
export function planSteps(model: DockerfileModel): PlannedStage[] {
  const { stages } = model;
  const multi = stages.length > 1;
  return stages.map((stage) => {
    const fromImage = !stage.base && stage.baseName.toLowerCase() !== 'scratch';
    const steps = [...(fromImage ? [stage.from] : []), ...stage.instructions.filter((i) => COUNTED.has(i.name))];
    return { label: multi ? (stage.name ?? `stage-${stage.index}`) : undefined, stage, steps };
  });
}

/** The instruction behind a step, or undefined when the plan has no such step. */
export function locateStep(plan: readonly PlannedStage[], ref: StepRef): Instruction | undefined {
  const stage = plan.find((s) => s.label === ref.stage?.toLowerCase()) ?? (plan.length === 1 && ref.stage === undefined ? plan[0] : undefined);
  if (!stage) return undefined;
  const byCount = stage.steps[ref.index - 1];
  // The count is BuildKit's rule; the text confirms it, or finds the step when a BuildKit counts differently.
  if (byCount && sameText(byCount, ref.text)) return byCount;
  return stage.steps.find((s) => sameText(s, ref.text)) ?? byCount;
}

/** BuildKit prints the keyword and the logical line with continuations joined. */
function sameText(inst: Instruction, text: string): boolean {
  const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const printed = squash(text);
  return printed === squash(inst.logical) || (printed.startsWith(inst.name.toLowerCase()) && printed.endsWith(squash(inst.argsText)));
}

/** How many steps building `target` (default: the last stage) runs: its stage and every stage it needs. */
export function stepCount(plan: readonly PlannedStage[], target?: string): number {
  const byName = new Map<string, PlannedStage>();
  plan.forEach((p, i) => {
    byName.set(String(i), p);
    if (p.stage.name && !byName.has(p.stage.name)) byName.set(p.stage.name, p);
  });
  const last = target ? byName.get(target.toLowerCase()) : plan[plan.length - 1];
  if (!last) return 0;
  const needed = new Set<PlannedStage>();
  const visit = (p: PlannedStage | undefined): void => {
    if (!p || needed.has(p)) return;
    needed.add(p);
    if (p.stage.base) visit(plan[p.stage.base.index]);
    for (const inst of p.stage.instructions) for (const from of stagesUsed(inst)) visit(byName.get(from.toLowerCase()));
  };
  visit(last);
  let total = 0;
  for (const p of needed) total += p.steps.length;
  return total;
}

/** Stages (by name or index) an instruction reads from: COPY/ADD --from, RUN --mount from=. */
function stagesUsed(inst: Instruction): string[] {
  const used: string[] = [];
  for (const flag of inst.flags) {
    if (flag.value === undefined) continue;
    if (flag.name === 'from' && (inst.name === 'COPY' || inst.name === 'ADD')) used.push(flag.value);
    if (flag.name === 'mount' && inst.name === 'RUN') {
      // A mount is one CSV record; `from=` names a stage or an image (an image is simply not found).
      const from = /(?:^|,)\s*from=("?)([^",]+)\1/.exec(flag.value)?.[2];
      if (from) used.push(from);
    }
  }
  return used;
}
