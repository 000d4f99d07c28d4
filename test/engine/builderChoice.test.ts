/**
 * The builder choice against the two real docker CLIs of the test machine: the 20.10 CLI the
 * testbed installs (/usr/bin/docker, builds with the daemon's BuildKit) and the 28.x CLI the
 * machine ships first on PATH (/usr/local/bin/docker, no buildx). Both answer `--version` and
 * `buildx version` without an engine; the engine layer is where the testbed guarantees them.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BuilderUnavailable, chooseBuilder, type ProcessRunner } from '../../src/build/builderChoice';

const realRun: ProcessRunner = (command, args) =>
  new Promise((resolve) => execFile(command, [...args], { timeout: 10_000 }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 127) : 0, stdout, stderr })));

function requireCli(path: string, what: string): void {
  assert.ok(existsSync(path), `${path} is missing: ${what}`);
}

describe('builder choice with the real docker CLIs', () => {
  it('takes the classic builder with DOCKER_BUILDKIT=1 for the 20.10 CLI, which has no buildx', async () => {
    requireCli('/usr/bin/docker', 'the testbed installs the 20.10 CLI (scripts/testbed/setup.sh)');
    const builder = await chooseBuilder('/usr/bin/docker', realRun);
    assert.equal(builder.kind, 'classic');
    assert.match(builder.clientVersion, /^20\.10\./);
  });

  it('refuses a 23+ CLI without buildx and names the fix', async () => {
    requireCli('/usr/local/bin/docker', 'this kind of machine ships the 28.x CLI there');
    await assert.rejects(chooseBuilder('/usr/local/bin/docker', realRun), (error: Error) => {
      assert.ok(error instanceof BuilderUnavailable);
      assert.match(error.message, /has no buildx plugin/);
      assert.match(error.message, /berth\.dockerPath/);
      return true;
    });
  });

  it('says what to do when the CLI is missing', async () => {
    await assert.rejects(chooseBuilder('/nonexistent/docker', realRun), /set berth\.dockerPath/);
  });
});
