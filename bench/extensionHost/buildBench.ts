/**
 * A rebuild with nothing changed (every step a cache hit), through "Berth: Build Image" and through
 * the plain docker CLI with the same arguments, alternating in one run so both see the same engine.
 * Berth's share is the task, its pseudoterminal, the progress parser and the diagnostics pass.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildArgs, builderEnvironment, defaultBuildOptions } from '../../src/build/buildArgs';
import type { BuildResult } from '../../src/build/buildRunner';
import { TEST_IMAGE, docker } from '../../test/support/docker';

const DOCKER = process.env.BERTH_DOCKER_CLI || '/usr/bin/docker';

export interface CachedRebuildTimes {
  berthMs: number[];
  cliMs: number[];
}

function cli(args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(DOCKER, [...args], { cwd, env: { ...process.env, ...builderEnvironment('classic') }, maxBuffer: 16 << 20 }, (error, _out, stderr) => (error ? reject(new Error(String(stderr))) : resolve()));
  });
}

export async function cachedRebuilds(rounds: number): Promise<CachedRebuildTimes> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-bench-build-'));
  const tag = `berth-bench/build-${process.pid}:cached`;
  writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE} AS base\nRUN --mount=type=cache,target=/cache echo warm > /cache/w && cp /cache/w /w\nFROM base AS app\nCOPY app.txt /app.txt\nRUN cat /app.txt /w\n`);
  writeFileSync(path.join(dir, 'app.txt'), 'bench\n');
  const config = vscode.workspace.getConfiguration('berth');
  await config.update('dockerPath', DOCKER, vscode.ConfigurationTarget.Global);
  const options = { ...defaultBuildOptions(path.join(dir, 'Dockerfile'), dir), tags: [tag] };
  const viaBerth = async (): Promise<number> => {
    const t = performance.now();
    const result = await vscode.commands.executeCommand<BuildResult>('berth.build.image', { dockerfile: vscode.Uri.file(options.dockerfile), options });
    const elapsed = performance.now() - t;
    if (result?.code !== 0) throw new Error(`the Berth build failed: ${JSON.stringify(result)}`);
    return elapsed;
  };
  const viaCli = async (): Promise<number> => {
    const t = performance.now();
    await cli(buildArgs(options, 'classic'), dir);
    return performance.now() - t;
  };
  try {
    // Warm-up: fills the cache, and Berth picks its builder once.
    await viaBerth();
    await viaCli();
    const times: CachedRebuildTimes = { berthMs: [], cliMs: [] };
    for (let i = 0; i < rounds; i++) {
      times.berthMs.push(await viaBerth());
      times.cliMs.push(await viaCli());
    }
    return times;
  } finally {
    await config.update('dockerPath', undefined, vscode.ConfigurationTarget.Global);
    await docker(['rmi', '-f', tag]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
