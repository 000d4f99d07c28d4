/**
 * Reads docker contexts the way the docker CLI stores them:
 * `$DOCKER_CONFIG/config.json` (`currentContext`), `contexts/meta/<sha256(name)>/meta.json`
 * and TLS files under `contexts/tls/<sha256(name)>/docker/`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { TlsFiles } from './endpoint';

export interface DockerContext {
  name: string;
  description: string;
  /** The docker endpoint's Host; undefined for a context without a docker endpoint. */
  host: string | undefined;
  tls: TlsFiles | undefined;
}

export class DockerContextError extends Error {
  override readonly name = 'DockerContextError';
}

/** `$DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG && env.DOCKER_CONFIG.trim() !== '' ? env.DOCKER_CONFIG : path.join(home, '.docker');
}

/** The context the CLI would use: `DOCKER_CONTEXT`, else `currentContext`, else `default`. */
export function currentContextName(env: NodeJS.ProcessEnv, configDir: string): string {
  if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT.trim() !== '') return env.DOCKER_CONTEXT.trim();
  const configFile = path.join(configDir, 'config.json');
  if (!existsSync(configFile)) return 'default';
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (error) {
    throw new DockerContextError(`${configFile} is not valid JSON (${(error as Error).message}). Fix or remove it.`);
  }
  const current = (config as { currentContext?: unknown }).currentContext;
  return typeof current === 'string' && current !== '' ? current : 'default';
}

function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

interface MetaFile {
  Name?: unknown;
  Metadata?: { Description?: unknown };
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

function parseMeta(file: string, expectedName: string | undefined): DockerContext {
  let meta: MetaFile;
  try {
    meta = JSON.parse(readFileSync(file, 'utf8')) as MetaFile;
  } catch (error) {
    throw new DockerContextError(`Docker context metadata ${file} is unreadable (${(error as Error).message}).`);
  }
  const name = typeof meta.Name === 'string' ? meta.Name : expectedName ?? path.basename(path.dirname(file));
  const docker = meta.Endpoints?.docker;
  const tlsDir = path.join(path.dirname(path.dirname(path.dirname(file))), 'tls', contextDigest(name), 'docker');
  const pem = (f: string): string | undefined => (existsSync(path.join(tlsDir, f)) ? path.join(tlsDir, f) : undefined);
  const caPath = pem('ca.pem');
  const certPath = pem('cert.pem');
  const keyPath = pem('key.pem');
  const hasTls = caPath !== undefined || certPath !== undefined || keyPath !== undefined;
  return {
    name,
    description: typeof meta.Metadata?.Description === 'string' ? meta.Metadata.Description : '',
    host: typeof docker?.Host === 'string' && docker.Host !== '' ? docker.Host : undefined,
    tls: hasTls
      ? {
          ...(caPath ? { caPath } : {}),
          ...(certPath ? { certPath } : {}),
          ...(keyPath ? { keyPath } : {}),
          verify: docker?.SkipTLSVerify !== true,
        }
      : undefined,
  };
}

/** Reads one named context; throws a DockerContextError with the next step when it does not exist. */
export function readDockerContext(name: string, configDir: string): DockerContext {
  const file = path.join(configDir, 'contexts', 'meta', contextDigest(name), 'meta.json');
  if (!existsSync(file)) {
    throw new DockerContextError(
      `Docker context "${name}" does not exist. Run \`docker context ls\` to see yours, or switch with "Berth: Switch Engine".`,
    );
  }
  return parseMeta(file, name);
}

/** Every stored context (not including the implicit `default`), sorted by name. Unreadable ones are skipped. */
export function listDockerContexts(configDir: string): DockerContext[] {
  const metaDir = path.join(configDir, 'contexts', 'meta');
  if (!existsSync(metaDir)) return [];
  const contexts: DockerContext[] = [];
  for (const entry of readdirSync(metaDir)) {
    const file = path.join(metaDir, entry, 'meta.json');
    if (!existsSync(file)) continue;
    try {
      contexts.push(parseMeta(file, undefined));
    } catch {
      // A half-written context must not hide the others.
    }
  }
  return contexts.sort((a, b) => a.name.localeCompare(b.name));
}
