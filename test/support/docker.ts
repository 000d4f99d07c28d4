/** Test helpers shared by the engine, extension-host and UI suites: the docker CLI (arguments as an array) and condition waits. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** One id per test process; every resource a test makes carries `berth.test=<runId>`. */
export const runId = process.env.BERTH_TEST_RUN_ID || randomBytes(4).toString('hex');
export const TEST_LABEL = 'berth.test';
export const TEST_IMAGE = 'berth-test/busybox:latest';

/** Prefer the 20.10 CLI that comes with the engine (BuildKit works with it); fall back to PATH. */
const DOCKER = process.env.BERTH_DOCKER_CLI || '/usr/bin/docker';

export function docker(args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      DOCKER,
      [...args],
      { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`docker ${args.join(' ')} failed: ${stderr || error.message}`));
        else resolve(stdout.trim());
      },
    );
  });
}

/** Waits until `condition` returns a truthy value, checking often; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, condition: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs until stopped and exits at once on SIGTERM, as a well-behaved service does (busybox `sleep` as PID 1 would ignore it for 10 s). */
export const SERVICE_CMD = ['sh', '-c', "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"];

/** Creates a labelled test container (not started unless `start`), returns its id. */
export async function createTestContainer(
  name: string,
  opts: { start?: boolean; labels?: Record<string, string>; cmd?: string[]; extraArgs?: string[] } = {},
): Promise<string> {
  const labelArgs = Object.entries({ [TEST_LABEL]: runId, ...opts.labels }).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  return docker([opts.start ? 'run' : 'create', ...(opts.start ? ['-d'] : []), '--name', name, ...labelArgs, ...(opts.extraArgs ?? []), TEST_IMAGE, ...(opts.cmd ?? SERVICE_CMD)]);
}

/** Removes every container this run labelled. */
export async function removeTestContainers(): Promise<void> {
  const ids = (await docker(['ps', '-aq', '--filter', `label=${TEST_LABEL}=${runId}`])).split('\n').filter(Boolean);
  if (ids.length > 0) await docker(['rm', '-f', ...ids]);
}

/** Removes every network this run labelled (after the containers on them). */
export async function removeTestNetworks(): Promise<void> {
  const ids = (await docker(['network', 'ls', '-q', '--filter', `label=${TEST_LABEL}=${runId}`])).split('\n').filter(Boolean);
  if (ids.length > 0) await docker(['network', 'rm', ...ids]);
}

/** A /24 in 10.200.0.0/13 that is this run's own, so parallel leftovers do not collide: `10.203.17`. */
export function testSubnetPrefix(salt = 0): string {
  let hash = salt;
  for (const ch of runId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `10.${200 + (hash % 8)}.${(hash >>> 3) % 250}`;
}

/** Removes every volume this run labelled (after the containers that use them). */
export async function removeTestVolumes(): Promise<void> {
  const names = (await docker(['volume', 'ls', '-q', '--filter', `label=${TEST_LABEL}=${runId}`])).split('\n').filter(Boolean);
  if (names.length > 0) await docker(['volume', 'rm', '-f', ...names]);
}

/** The testbed's two registries (scripts/testbed/registry.sh): an open one and one that needs a login. */
export interface TestRegistries {
  open: string;
  auth: string;
  user: string;
  password: string;
}

export function testRegistries(): TestRegistries {
  // This file runs from out/test/support/ in every layer; the testbed folder is the repo's unless BERTH_TESTBED says otherwise.
  const testbed = process.env.BERTH_TESTBED || path.resolve(__dirname, '..', '..', '..', '.testbed');
  const file = path.join(testbed, 'registry', 'registry.env');
  if (!existsSync(file)) throw new Error(`${file} is missing: run bash scripts/testbed/registry.sh ensure (npm test does).`);
  const env = Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { open: env.BERTH_REGISTRY ?? '', auth: env.BERTH_AUTH_REGISTRY ?? '', user: env.BERTH_AUTH_USER ?? '', password: env.BERTH_AUTH_PASSWORD ?? '' };
}

/**
 * A tiny image of its own (one file, imported, not derived from the test image), so a pull of it
 * really downloads a layer. Labelled with this run; resolves with its id.
 */
export async function importTinyImage(ref: string, content: string | Buffer = `${runId} ${ref}\n`): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-tiny-'));
  try {
    writeFileSync(path.join(dir, 'hello.txt'), content);
    const tar = path.join(dir, 'image.tar');
    await new Promise<void>((resolve, reject) => execFile('tar', ['-C', dir, '-cf', tar, 'hello.txt'], (error) => (error ? reject(error) : resolve())));
    return await docker(['import', '--change', `LABEL ${TEST_LABEL}=${runId}`, tar, ref]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes every image this run labelled (by id, with force: its tags go too). */
export async function removeTestImages(): Promise<void> {
  const ids = [...new Set((await docker(['images', '-aq', '--filter', `label=${TEST_LABEL}=${runId}`])).split('\n').filter(Boolean))];
  if (ids.length > 0) await docker(['rmi', '-f', ...ids]).catch(() => undefined);
}
