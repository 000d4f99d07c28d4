/**
 * Finds the engine like the docker CLI does:
 * a workspace choice → setting `berth.host` → `DOCKER_HOST` → the current docker context → the platform default.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { currentContextName, dockerConfigDir, readDockerContext } from './dockerContext';
import { parseDockerHost, type EngineEndpoint, type TlsFiles } from './endpoint';

export interface ResolveInput {
  /** A host or context chosen with "Switch Engine" for this workspace only. */
  workspaceChoice?: { host: string } | { context: string } | undefined;
  /** `berth.host`. */
  hostSetting?: string;
  /** `berth.context`. */
  contextSetting?: string;
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
}

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
export const DEFAULT_NPIPE = '//./pipe/docker_engine';

/** TLS from `DOCKER_TLS_VERIFY` / `DOCKER_TLS` / `DOCKER_CERT_PATH`, with the CLI's meaning: any non-empty value counts. */
export function tlsFromEnv(env: NodeJS.ProcessEnv, configDir: string): TlsFiles | undefined {
  const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  const tls = verify || (env.DOCKER_TLS ?? '') !== '';
  if (!tls) return undefined;
  const certDir = env.DOCKER_CERT_PATH && env.DOCKER_CERT_PATH !== '' ? env.DOCKER_CERT_PATH : configDir;
  const pem = (f: string): string | undefined => (existsSync(path.join(certDir, f)) ? path.join(certDir, f) : undefined);
  // With verification on, the CA is required, as the docker CLI requires it: naming the missing
  // file makes the client refuse, rather than silently trust the system's certificate authorities.
  const caPath = verify ? path.join(certDir, 'ca.pem') : pem('ca.pem');
  const certPath = pem('cert.pem');
  const keyPath = pem('key.pem');
  return {
    ...(caPath ? { caPath } : {}),
    ...(certPath ? { certPath } : {}),
    ...(keyPath ? { keyPath } : {}),
    verify,
  };
}

function defaultEndpoint(input: ResolveInput): EngineEndpoint {
  if (input.platform === 'win32') {
    return parseDockerHost(`npipe://${DEFAULT_NPIPE}`, { source: 'default', contextName: 'default' });
  }
  // Docker Desktop on macOS and Linux puts a per-user socket here when the system one is absent.
  const userSocket = path.join(input.home, '.docker', 'run', 'docker.sock');
  const socket = !existsSync(DEFAULT_UNIX_SOCKET) && existsSync(userSocket) ? userSocket : DEFAULT_UNIX_SOCKET;
  return parseDockerHost(`unix://${socket}`, { source: 'default', contextName: 'default' });
}

function fromContext(name: string, input: ResolveInput, configDir: string): EngineEndpoint {
  if (name === 'default') return defaultEndpoint(input);
  const context = readDockerContext(name, configDir);
  if (context.host === undefined) return { ...defaultEndpoint(input), source: 'context', contextName: name };
  return parseDockerHost(context.host, { source: 'context', contextName: name, ...(context.tls ? { tls: context.tls } : {}) });
}

export function resolveEndpoint(input: ResolveInput): EngineEndpoint {
  const configDir = dockerConfigDir(input.env, input.home);
  const choice = input.workspaceChoice;
  if (choice && 'context' in choice) return { ...fromContext(choice.context, input, configDir), source: 'workspace' };
  if (choice && 'host' in choice && choice.host.trim() !== '') {
    return parseDockerHost(choice.host, { source: 'workspace', contextName: 'default', ...tlsOption(input.env, configDir) });
  }
  if (input.hostSetting && input.hostSetting.trim() !== '') {
    return parseDockerHost(input.hostSetting, { source: 'setting', contextName: 'default', ...tlsOption(input.env, configDir) });
  }
  const envHost = input.env.DOCKER_HOST;
  if (envHost && envHost.trim() !== '') {
    return parseDockerHost(envHost, { source: 'env', contextName: 'default', ...tlsOption(input.env, configDir) });
  }
  const contextName =
    input.contextSetting && input.contextSetting.trim() !== '' ? input.contextSetting.trim() : currentContextName(input.env, configDir);
  return fromContext(contextName, input, configDir);
}

function tlsOption(env: NodeJS.ProcessEnv, configDir: string): { tls?: TlsFiles } {
  const tls = tlsFromEnv(env, configDir);
  return tls ? { tls } : {};
}
