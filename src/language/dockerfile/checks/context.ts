/** What a BuildKit check sees and how it reports. Pure. */
import type { QuickFix, Range } from '../../findings';
import type { Dockerfile, Instruction } from '../ast';
import type { DockerIgnore } from '../dockerignore';
import type { DockerfileModel } from '../model';
import type { RuleName } from './rules';

export interface CheckContext {
  df: Dockerfile;
  model: DockerfileModel;
  /** Every instruction, ONBUILD triggers included (BuildKit parses them with the same linter). */
  withTriggers: readonly Instruction[];
  /** The build context's .dockerignore (its text, or already parsed), when known. */
  dockerignore: string | DockerIgnore | undefined;
  /**
   * Reports `rule` on `inst`. BuildKit locates a check by its instruction's first line, so a
   * `range` on another line falls back to the keyword unless `exact` says the line is BuildKit's own.
   */
  report(rule: RuleName, inst: Instruction, message: string, options?: { range?: Range; exact?: boolean; fixes?: QuickFix[] }): void;
}

export type Check = (ctx: CheckContext) => void;
