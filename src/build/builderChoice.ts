/**
 * Which docker CLI builds, and how: `docker buildx build` when the CLI has buildx, else the
 * classic `docker build` with DOCKER_BUILDKIT=1 — which a CLI of Docker 23 or later refuses
 * without buildx, so Berth says so and names the fix instead of failing silently. Also the
 * environment that points the CLI at Berth's engine. Pure: process runs come in as a function.
 */
import * as path from 'node:path';
import type { EngineEndpoint } from '../engine/endpoint';
import type { BuilderKind } from './buildArgs';

export interface Builder {
  kind: BuilderKind;
  /** The docker executable (berth.dockerPath, or `docker` from PATH). */
  command: string;
  clientVersion: string;
}

export type ProcessRunner = (command: string, args: readonly string[]) => Promise<{ code: number; stdout: string; stderr?: string }>;

export class BuilderUnavailable extends Error {
  override readonly name = 'BuilderUnavailable';
}

/** The first CLI release whose classic `docker build` no longer builds with BuildKit itself. */
const CLASSIC_BUILDKIT_REMOVED = 23;

export async function chooseBuilder(command: string, run: ProcessRunner): Promise<Builder> {
  // `--version` answers without the engine, so a stopped or slow engine does not hold the choice up.
  const version = await run(command, ['--version']).catch((error: Error) => ({ code: 127, stdout: '', stderr: error.message }));
  const clientVersion = /version ([^\s,]+)/i.exec(version.stdout)?.[1] ?? '';
  if (clientVersion === '') {
    throw new BuilderUnavailable(`Berth could not run the docker CLI "${command}"${version.stderr ? ` (${version.stderr.trim().split('\n')[0]})` : ''}. Install Docker's CLI, or set berth.dockerPath to its full path.`);
  }
  const buildx = await run(command, ['buildx', 'version']).catch(() => ({ code: 1, stdout: '' }));
  if (buildx.code === 0) return { kind: 'buildx', command, clientVersion };
  const major = Number(/^(\d+)\./.exec(clientVersion)?.[1] ?? '0');
  if (major >= CLASSIC_BUILDKIT_REMOVED) {
    throw new BuilderUnavailable(
      `The docker CLI "${command}" (${clientVersion}) has no buildx plugin, and since Docker 23 its classic "docker build" refuses to build with BuildKit without it. ` +
        'Install the buildx plugin (the docker-buildx-plugin package, or https://docs.docker.com/go/buildx/), or set berth.dockerPath to a docker CLI that builds with BuildKit.',
    );
  }
  return { kind: 'classic', command, clientVersion };
}

/** Names the builder for a notification: `docker buildx build (28.1.1)`. */
export function describeBuilder(builder: Builder): string {
  return `${builder.kind === 'buildx' ? 'docker buildx build' : 'docker build with DOCKER_BUILDKIT=1'} (${builder.command === 'docker' ? 'docker' : builder.command} ${builder.clientVersion})`;
}

const ENGINE_VARIABLES = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH'];

/**
 * The CLI's environment for Berth's engine: the docker context by name when the endpoint came from
 * one, else DOCKER_HOST with the TLS variables. Inherited engine variables are dropped first, so
 * the build never reaches a different engine than the views show.
 */
export function engineEnvironment(endpoint: EngineEndpoint, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of ENGINE_VARIABLES) delete env[name];
  if (endpoint.source === 'context' || (endpoint.source === 'default' && endpoint.contextName !== 'default')) {
    env.DOCKER_CONTEXT = endpoint.contextName;
    return env;
  }
  env.DOCKER_HOST = endpoint.host.includes('://') ? endpoint.host : `tcp://${endpoint.host}`;
  const tls = endpoint.tls;
  if (tls) {
    const certDir = [tls.caPath, tls.certPath, tls.keyPath].find((p) => p !== undefined);
    if (certDir) env.DOCKER_CERT_PATH = path.dirname(certDir);
    if (tls.verify) env.DOCKER_TLS_VERIFY = '1';
    else env.DOCKER_TLS = '1';
  }
  return env;
}
