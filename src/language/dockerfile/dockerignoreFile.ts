/** Finds the .dockerignore that applies to a Dockerfile on disk (node fs; no vscode). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile first, then `.dockerignore` at the
 * root of the build context; without a known context, the Dockerfile's folder stands in for it.
 */
export function readDockerignoreFor(dockerfilePath: string): string | undefined {
  for (const candidate of [dockerfilePath + '.dockerignore', path.join(path.dirname(dockerfilePath), '.dockerignore')]) {
    try {
      return fs.readFileSync(candidate, 'utf8');
    } catch {
      // not there: try the next
    }
  }
  return undefined;
}
