/** Finds and reads the .dockerignore that applies to a Dockerfile on disk (node fs through safeRead; no vscode). */
import * as path from 'node:path';
import { readTextFile, type ReadPolicy } from '../safeRead';

/** The file's text, or why it was not read. */
export type DockerignoreRead = { text: string } | { problem: string };

/**
 * BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile first, then `.dockerignore` at the
 * root of the build context; without a known context, the Dockerfile's folder stands in for it.
 * Undefined when there is none. A device, a pipe, a huge file or (with `policy.allowedRoots`) a
 * path outside the workspace is not read: the reason comes back instead.
 */
export function readDockerignoreFor(dockerfilePath: string, policy: ReadPolicy = {}): DockerignoreRead | undefined {
  for (const candidate of [dockerfilePath + '.dockerignore', path.join(path.dirname(dockerfilePath), '.dockerignore')]) {
    const read = readTextFile(candidate, policy);
    if (read.ok) return { text: read.text };
    if (!read.missing) return { problem: `\`${path.basename(candidate)}\` was not read: it ${read.problem}` };
  }
  return undefined;
}
