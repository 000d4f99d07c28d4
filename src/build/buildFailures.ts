/**
 * Where in the Dockerfile a build failed: the `Dockerfile:12` line when BuildKit printed one for
 * this file, else the step it named, mapped through Berth's parse of the file. Pure.
 */
import * as path from 'node:path';
import type { Range } from '../language/findings';
import type { Dockerfile } from '../language/dockerfile/ast';
import type { DockerfileModel } from '../language/dockerfile/model';
import type { BuildFailure } from './buildProgress';
import { locateStep, planSteps } from './buildSteps';

export interface LocatedFailure {
  range: Range;
  message: string;
}

/** Each failure with a place in this Dockerfile; failures that name another file are left out. */
/** `df` and `model` are the Dockerfile's parse and model (`buildModel(df)`). */
export function locateFailures(failures: readonly BuildFailure[], dockerfilePath: string, df: Dockerfile, model: DockerfileModel): LocatedFailure[] {
  const plan = planSteps(model);
  const located: LocatedFailure[] = [];
  for (const failure of failures) {
    const message = failureMessage(failure);
    if (failure.line !== undefined && (failure.file === undefined || sameFile(failure.file, dockerfilePath))) {
      const start = Math.min(Math.max(failure.line - 1, 0), Math.max(df.lines.length - 1, 0));
      const end = Math.min(Math.max((failure.endLine ?? failure.line) - 1, start), Math.max(df.lines.length - 1, 0));
      located.push({ range: { start: { line: start, character: 0 }, end: { line: end, character: df.lines[end]?.length ?? 0 } }, message });
      continue;
    }
    const inst = failure.step && locateStep(plan, failure.step);
    if (inst) located.push({ range: inst.range, message });
  }
  return located;
}

/** BuildKit prints the name the file was given (`-f`), relative or bare. */
function sameFile(printed: string, dockerfilePath: string): boolean {
  return printed === dockerfilePath || path.basename(printed) === path.basename(dockerfilePath);
}

function failureMessage(failure: BuildFailure): string {
  const reason = failure.message.trim() || 'This step failed.';
  return failure.step ? `Build failed at [${failure.step.stage ? `${failure.step.stage} ` : ''}${failure.step.index}/${failure.step.total}]: ${reason}` : `Build failed: ${reason}`;
}
