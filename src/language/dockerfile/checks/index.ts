/**
 * Runs BuildKit's build checks with BuildKit's `# check=` handling: file-wide options from the
 * directive, per-instruction `# check=skip=…` comments, experimental rules off unless enabled, and
 * `error=true` turning the findings into errors. Pure.
 */
import type { Finding } from '../../findings';
import type { Dockerfile } from '../ast';
import type { DockerIgnore } from '../dockerignore';
import type { DockerfileModel } from '../model';
import { consistentInstructionCasing, fromAsCasing, stageNameCasing } from './casing';
import { defaultCheckConfig, instructionCheckConfig, isSkipped, parseCheckOptions, type CheckConfig } from './config';
import type { Check, CheckContext } from './context';
import { copyIgnoredFile } from './copyIgnored';
import { dispatchChecks } from './dispatch';
import { expose } from './expose';
import { fromArgs } from './fromArgs';
import { docsUrl, RULES, type RuleName } from './rules';
import { invalidDefinitionDescription, legacyKeyValueFormat, maintainerDeprecated, noEmptyContinuation, secretsUsedInArgOrEnv } from './simple';
import { duplicateStageName, reservedStageName } from './stageNames';

const CHECKS: Check[] = [
  noEmptyContinuation,
  consistentInstructionCasing,
  fromAsCasing,
  stageNameCasing,
  duplicateStageName,
  reservedStageName,
  maintainerDeprecated,
  legacyKeyValueFormat,
  secretsUsedInArgOrEnv,
  invalidDefinitionDescription,
  expose,
  fromArgs,
  dispatchChecks,
  copyIgnoredFile,
];

export interface BuildkitCheckOptions {
  /** The .dockerignore's text, or the file already parsed. */
  dockerignore?: string | DockerIgnore | undefined;
}

/** The file-wide check options of the `# check=` directive (and the problem with it, if any). */
export function fileCheckConfig(df: Dockerfile): { config: CheckConfig; problem?: string } {
  const directive = df.directives.find((d) => d.name === 'check');
  return directive ? parseCheckOptions(directive.value) : { config: defaultCheckConfig() };
}

export function runBuildkitChecks(df: Dockerfile, model: DockerfileModel, options: BuildkitCheckOptions = {}): Finding[] {
  const { config } = fileCheckConfig(df);
  const findings: Finding[] = [];
  const ctx: CheckContext = {
    df,
    model,
    withTriggers: df.instructions.some((i) => i.trigger) ? df.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i])) : df.instructions,
    dockerignore: options.dockerignore,
    report(rule: RuleName, inst, message, opts = {}) {
      const meta = RULES[rule];
      if (meta.experimental && !config.experimentalAll && !config.experimental.has(rule)) return;
      if (isSkipped(config, rule) || isSkipped(instructionCheckConfig(inst.comments), rule)) return;
      const firstLine = inst.keywordRange.start.line;
      const r = opts.range && (opts.exact || opts.range.start.line === firstLine) ? opts.range : inst.keywordRange;
      const finding: Finding = { range: r, severity: config.error ? 'error' : 'warning', code: rule, message, source: 'buildkit', docsUrl: docsUrl(rule) };
      if (rule === 'MaintainerDeprecated') finding.tags = ['deprecated'];
      if (opts.fixes && opts.fixes.length > 0) finding.fixes = opts.fixes;
      findings.push(finding);
    },
  };
  for (const check of CHECKS) check(ctx);
  return findings;
}
