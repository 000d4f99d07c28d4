/**
 * Which linter handles which file: a small registry of file-name matchers and lint functions.
 * `berth lint` walks folders with it; to lint a new kind of file, add one entry to LINTERS.
 */
import * as path from 'node:path';
import type { Finding } from '../language/findings';
import { readDockerignoreFor } from '../language/dockerfile/dockerignoreFile';
import { lintDockerfile, type DockerfileLintSettings } from '../language/dockerfile/lint';
import { nodeComposeHost } from '../language/compose/composeHost';
import { looksLikeCompose } from '../language/compose/composeContent';
import { isYamlFileName } from '../language/compose/composeProject';
import { isComposeFileName, lintComposeFile } from '../language/compose/lintCompose';

/** What a lint function gets besides the text. */
export interface LintInput {
  /** Absolute path of the file. */
  path: string;
  text: string;
  /** Settings as in the editor: the `berth.*` keys, looked up by full name. */
  setting(key: string): unknown;
  dockerfileSettings: DockerfileLintSettings;
  /** The compose files read together with this one (a `-f` list, or a default file and its override). */
  projectFiles: readonly string[];
}

export interface Linter {
  /** Shown in `berth lint --help`. */
  name: string;
  /** Does this linter handle a file with this base name? */
  matches(fileName: string): boolean;
  lint(input: LintInput): Finding[];
}

/** Dockerfile, Containerfile, Dockerfile.*, *.dockerfile, *.Dockerfile. */
export const DOCKERFILE_NAME = /^(?:dockerfile|containerfile)(?:\..+)?$|\.(?:dockerfile|containerfile)$/i;

export const LINTERS: Linter[] = [
  {
    name: 'Dockerfile',
    matches: (fileName) => DOCKERFILE_NAME.test(fileName) && !fileName.toLowerCase().endsWith('.dockerignore'),
    lint: (input) => lintDockerfile(input.text, { dockerignore: readDockerignoreFor(input.path), settings: input.dockerfileSettings }),
  },
  { name: 'Compose', matches: isComposeFileName, lint: (input) => lintComposeFile(input.path, input.text, nodeComposeHost(process.env, input.projectFiles)) },
];

/** Files of a `-f` list are compose files, whatever their names. */
export const COMPOSE_LINTER = LINTERS[1]!;

/**
 * The linter for a file: by its name, or, for another YAML file, by content (`readText` is asked
 * only then): a top-level `services:` mapping makes it a compose file (stack.yml, jibri.yml …).
 */
export function linterFor(filePath: string, readText?: () => string | undefined): Linter | undefined {
  const base = path.basename(filePath);
  const byName = LINTERS.find((l) => l.matches(base));
  if (byName || !readText || !isYamlFileName(base)) return byName;
  const text = readText();
  return text !== undefined && looksLikeCompose(text) ? COMPOSE_LINTER : undefined;
}
