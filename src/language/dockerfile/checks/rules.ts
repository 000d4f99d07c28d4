/** BuildKit's build checks: names, what they are about, and where Docker documents them. Pure. */

export interface BuildkitRule {
  name: string;
  description: string;
  /** Off unless `# check=experimental=<name>` (or `all`) enables it, as in BuildKit. */
  experimental?: boolean;
}

const rule = (name: string, description: string, experimental = false): BuildkitRule => ({ name, description, experimental });

export const RULES = {
  ConsistentInstructionCasing: rule('ConsistentInstructionCasing', 'All instructions in a Dockerfile should use the same casing, upper or lower.'),
  CopyIgnoredFile: rule('CopyIgnoredFile', 'A COPY or ADD source is excluded by .dockerignore.'),
  DuplicateStageName: rule('DuplicateStageName', 'Stage names should be unique.'),
  ExposeInvalidFormat: rule('ExposeInvalidFormat', 'EXPOSE takes a port and protocol, never an IP address or a host port.'),
  ExposeProtoCasing: rule('ExposeProtoCasing', 'The protocol in EXPOSE should be lowercase.'),
  FromAsCasing: rule('FromAsCasing', "The 'as' keyword should match the case of 'from'."),
  FromPlatformFlagConstDisallowed: rule('FromPlatformFlagConstDisallowed', 'FROM --platform should not be a constant.'),
  InvalidDefaultArgInFrom: rule('InvalidDefaultArgInFrom', 'The default value of a global ARG gives an empty or invalid base image name.'),
  InvalidDefinitionDescription: rule('InvalidDefinitionDescription', 'A comment above ARG or FROM should read `# <name> <description>`.', true),
  JSONArgsRecommended: rule('JSONArgsRecommended', 'Use JSON (exec) form for CMD and ENTRYPOINT so signals reach the process.'),
  LegacyKeyValueFormat: rule('LegacyKeyValueFormat', 'Use `key=value`, not the legacy `key value` form.'),
  MaintainerDeprecated: rule('MaintainerDeprecated', 'MAINTAINER is deprecated; use a LABEL.'),
  MultipleInstructionsDisallowed: rule('MultipleInstructionsDisallowed', 'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage counts.'),
  NoEmptyContinuation: rule('NoEmptyContinuation', 'Empty continuation lines will become errors.'),
  RedundantTargetPlatform: rule('RedundantTargetPlatform', 'FROM --platform=$TARGETPLATFORM is the default already.'),
  ReservedStageName: rule('ReservedStageName', 'Reserved words should not be stage names.'),
  SecretsUsedInArgOrEnv: rule('SecretsUsedInArgOrEnv', 'Secrets should not be passed through ARG or ENV.'),
  StageNameCasing: rule('StageNameCasing', 'Stage names should be lowercase.'),
  UndefinedArgInFrom: rule('UndefinedArgInFrom', 'FROM uses an ARG that is not declared.'),
  UndefinedVar: rule('UndefinedVar', 'A variable is used before it is defined.'),
  WorkdirRelativePath: rule('WorkdirRelativePath', 'A relative WORKDIR depends on the base image.'),
} as const;

export type RuleName = keyof typeof RULES;

export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

export function docsUrl(name: string): string {
  return `https://docs.docker.com/reference/build-checks/${kebab(name)}/`;
}
