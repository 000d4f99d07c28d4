/**
 * `npm start` without a desktop VS Code: it serves code-server until it is told to stop, and a
 * closed terminal (SIGHUP) must take code-server down with it as Ctrl-C and a kill do. code-server
 * runs in its own process group, so nothing else would stop it.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, healthy } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { waitFor } from '../support/docker';

/** Processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}

/** PATH without the folders that hold a `code` command, so start.mjs serves code-server even on a desktop. */
function pathWithoutDesktopCode(): string {
  return (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => dir && !fs.existsSync(path.join(dir, 'code')))
    .join(':');
}

describe('npm start (code-server)', function () {
  this.timeout(120_000);

  for (const signal of ['SIGHUP', 'SIGTERM'] as const) {
    it(`stops its code-server on ${signal}`, async () => {
      const port = await freePort();
      const start: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs'), '--no-build'], {
        cwd: repoRoot,
        env: { ...process.env, BERTH_PORT: String(port), PATH: pathWithoutDesktopCode() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
      try {
        const runDir = await waitFor('npm start to print its code-server log', () => /code-server log: (\S+)\/code-server\.log/.exec(output)?.[1], 90_000, 100);
        assert.ok(await healthy(`http://127.0.0.1:${port}/healthz`), 'code-server does not answer');
        assert.ok(processesMentioning(runDir).length > 0, 'no code-server process names the run folder');

        start.kill(signal);
        assert.equal(await exited, 0, `start.mjs did not exit cleanly on ${signal}:\n${output}`);
        await waitFor('code-server to stop answering', async () => !(await healthy(`http://127.0.0.1:${port}/healthz`)), 15_000, 100);
        await waitFor(`every process of ${runDir} to end`, () => processesMentioning(runDir).length === 0, 15_000, 100);
      } finally {
        start.kill('SIGKILL');
      }
    });
  }
});
