/**
 * Which linter handles which file: a small registry of file-name matchers and lint functions.
 * `berth lint` walks folders with it; to lint a new kind of file, add one entry to LINTERS.
 */
import * as path from 'node:path';
import type { Finding } from '../language/findings';
import { readDockerignoreFor } from '../language/dockerfile/dockerignoreFile';
import { lintDockerfile, type DockerfileLintSettings } from '../language/dockerfile/lint';
import { isComposeFileName, lintComposeFile } from '../language/compose/lintCompose';

/** What a lint function gets besides the text. */
export interface LintInput {
  /** Absolute path of the file. */
  path: string;
  text: string;
  /** Settings as in the editor: the `berth.*` keys, looked up by full name. */
  setting(key: string): unknown;
  dockerfileSettings: DockerfileLintSettings;
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
  { name: 'Compose', matches: isComposeFileName, lint: (input) => lintComposeFile(input.path, input.text) },
];

export function linterFor(filePath: string): Linter | undefined {
  const base = path.basename(filePath);
  return LINTERS.find((l) => l.matches(base));
}
