/**
 * The Dockerfile engine's one entry point, shared by the editor and `berth lint`: parse, then
 * Berth's errors, BuildKit's checks (with # check= handling), Berth's good-practice rules and the
 * BuildKit mount hints, filtered by the settings. Pure.
 */
import type { Finding } from '../findings';
import type { Dockerfile } from './ast';
import { runBuildkitChecks } from './checks';
import { DockerIgnore } from './dockerignore';
import type { DockerignoreRead } from './dockerignoreFile';
import { dockerignoreFindings } from './dockerignoreRules';
import { mountHints, type MountHintSettings } from './mountHints';
import { buildModel, type DockerfileModel } from './model';
import { parseDockerfile } from './parser';
import { practiceRules } from './practice';
import { validate } from './validate';

export interface DockerfileLintSettings {
  /** Berth's good-practice rules (unpinned images, apt habits, curl | sh …). */
  practice: boolean;
  hints: MountHintSettings;
  /** Rule codes to leave out (`berth/sudo`, `JSONArgsRecommended`). */
  disabled: readonly string[];
}

export const DEFAULT_LINT_SETTINGS: DockerfileLintSettings = {
  practice: true,
  hints: { cacheMount: true, secretMount: true, bindMount: true },
  disabled: [],
};

export interface LintOptions {
  /** The build context's .dockerignore (its text, or why it was not read), for CopyIgnoredFile. */
  dockerignore?: string | DockerignoreRead | undefined;
  settings?: Partial<DockerfileLintSettings>;
}

export interface DockerfileAnalysis {
  df: Dockerfile;
  model: DockerfileModel;
  findings: Finding[];
}

export function analyzeDockerfile(text: string, options: LintOptions = {}): DockerfileAnalysis {
  const settings = { ...DEFAULT_LINT_SETTINGS, ...options.settings };
  const df = parseDockerfile(text);
  const model = buildModel(df);
  const read = typeof options.dockerignore === 'string' ? { text: options.dockerignore } : options.dockerignore;
  const ignore = read && 'text' in read ? new DockerIgnore(read.text) : undefined;
  const checks = runBuildkitChecks(df, model, { dockerignore: ignore });
  const findings = [
    ...validate(df, model),
    ...checks,
    ...dockerignoreFindings(model, read, ignore),
    ...(settings.practice ? practiceRules(model) : []),
    ...mountHints(model, settings.hints),
  ]
    .filter((f) => !settings.disabled.includes(f.code))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { df, model, findings };
}

export function lintDockerfile(text: string, options: LintOptions = {}): Finding[] {
  return analyzeDockerfile(text, options).findings;
}
