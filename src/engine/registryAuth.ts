/**
 * Registry credentials the way the docker CLI finds them: `$DOCKER_CONFIG/config.json` (or
 * `~/.docker/config.json`), its `credHelpers` for one registry, its `auths`, then its `credsStore`.
 * A credential helper is run as `docker-credential-<name> get` with the server on stdin — a
 * program and an argument list, never a shell.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** What the engine takes in X-Registry-Auth. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string } | null>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** Docker Hub is known under several names; the CLI stores it under this one. */
export const DOCKER_HUB = 'https://index.docker.io/v1/';
const HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** `https://127.0.0.1:5000/v2/` → `127.0.0.1:5000`; Hub's names → `docker.io`. */
export function registryHost(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return HUB_NAMES.has(host) ? 'docker.io' : host;
}

/** The server address to send (and ask a helper about): Hub's v1 URL, or the host as written. */
export function serverAddress(registry: string): string {
  return registryHost(registry) === 'docker.io' ? DOCKER_HUB : registry;
}

export type CredentialHelper = (helper: string, server: string) => Promise<{ username: string; secret: string } | undefined>;

/** Runs `docker-credential-<helper> get`; undefined when it has nothing for `server`. */
export const runCredentialHelper: CredentialHelper = (helper, server) =>
  new Promise((resolve, reject) => {
    if (!/^[\w.-]+$/.test(helper)) {
      reject(new Error(`"${helper}" in config.json is not a credential helper name.`));
      return;
    }
    const program = `docker-credential-${helper}`;
    const child = execFile(program, ['get'], { timeout: 30_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error(`${program}, named in your docker config.json, is not installed or not on PATH.`));
        else if (/not found|no credentials/i.test(`${stdout}${stderr}`)) resolve(undefined);
        else reject(new Error(`${program} failed: ${(stderr || stdout || error.message).trim()}`));
        return;
      }
      try {
        const answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
        resolve(typeof answer.Secret === 'string' ? { username: typeof answer.Username === 'string' ? answer.Username : '', secret: answer.Secret } : undefined);
      } catch {
        reject(new Error(`${program} answered something that is not JSON.`));
      }
    });
    child.stdin?.end(server);
  });

function readConfig(configDir: string): DockerConfig {
  const file = path.join(configDir, 'config.json');
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DockerConfig;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}). Fix it, or log in again with docker login.`);
  }
}

function fromHelper(answer: { username: string; secret: string } | undefined, server: string): RegistryAuth | undefined {
  if (!answer) return undefined;
  // A helper answers "<token>" as the user name for an identity token.
  return answer.username === '<token>' ? { identitytoken: answer.secret, serveraddress: server } : { username: answer.username, password: answer.secret, serveraddress: server };
}

/** The credentials for `registry` (a host like `127.0.0.1:5000`, or `docker.io`), or undefined when there are none. */
export async function registryAuthFor(registry: string, configDir: string, helper: CredentialHelper = runCredentialHelper): Promise<RegistryAuth | undefined> {
  const config = readConfig(configDir);
  const host = registryHost(registry);
  const server = serverAddress(registry);
  const named = Object.entries(config.credHelpers ?? {}).find(([key]) => registryHost(key) === host)?.[1];
  if (named) return fromHelper(await helper(named, server), server);
  const entry = Object.entries(config.auths ?? {}).find(([key]) => registryHost(key) === host)?.[1];
  if (entry?.identitytoken) return { identitytoken: entry.identitytoken, serveraddress: server };
  if (entry?.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: server };
  }
  if (entry?.username && entry.password) return { username: entry.username, password: entry.password, serveraddress: server };
  if (config.credsStore) return fromHelper(await helper(config.credsStore, server), server);
  return undefined;
}

/** The X-Registry-Auth header: base64url JSON; `{}` (`e30=`) when there is nothing, which a push needs all the same. */
export function authHeader(auth: RegistryAuth | undefined): string {
  return Buffer.from(JSON.stringify(auth ?? {})).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}
