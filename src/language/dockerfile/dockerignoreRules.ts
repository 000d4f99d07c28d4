/**
 * berth/dockerignore: a .dockerignore that BuildKit would stop the build on (a pattern it rejects,
 * a line too long for it), that Berth did not read (a device, a huge file, outside an untrusted
 * workspace), or that is too large to test every source against. Reported once, on the first
 * instruction that reads the build context, after the checks have used the file. Pure.
 */
import type { Finding } from '../findings';
import type { DockerIgnore } from './dockerignore';
import type { DockerignoreRead } from './dockerignoreFile';
import type { Instruction } from './ast';
import type { DockerfileModel } from './model';
import { berthDocsUrl } from './rulesDocs';

const CODE = 'berth/dockerignore';

export function dockerignoreFindings(model: DockerfileModel, read: DockerignoreRead | undefined, ignore: DockerIgnore | undefined): Finding[] {
  if (!read) return [];
  const at = firstContextRead(model);
  if (!at) return []; // nothing reads the build context: BuildKit never applies the file
  const finding = (severity: Finding['severity'], message: string): Finding => ({ range: at.keywordRange, severity, code: CODE, message, source: 'berth', docsUrl: berthDocsUrl(CODE) });
  if ('problem' in read) return [finding('warning', `${read.problem}; CopyIgnoredFile is not checked.`)];
  const out: Finding[] = [];
  const first = ignore?.problems[0];
  if (first) {
    const more = ignore.problems.length - 1;
    out.push(finding('error', `.dockerignore line ${first.line + 1}: \`${first.text}\` ${first.problem}${more > 0 ? ` (and ${more} more line${more > 1 ? 's' : ''})` : ''}. Fix the pattern, or escape a literal \`[\` as \`\\[\`.`));
  }
  if (ignore?.exhausted) {
    out.push(finding('info', `.dockerignore has ${ignore.size.toLocaleString('en-US')} patterns: Berth checked the first ${ignore.checked.toLocaleString('en-US')} COPY and ADD sources against it, and no more.`));
  }
  return out;
}

/** The first COPY or ADD that takes files from the build context (no --from). */
function firstContextRead(model: DockerfileModel): Instruction | undefined {
  for (const stage of model.stages) {
    for (const inst of stage.instructions) if ((inst.name === 'COPY' || inst.name === 'ADD') && !inst.flags.some((f) => f.name === 'from')) return inst;
  }
  return undefined;
}
