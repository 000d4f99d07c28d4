/**
 * Berth as a user gets it: `npm run package` makes the .vsix, code-server installs it with
 * `--install-extension` into this run's own extensions folder, and the workbench runs it with no
 * development path. The views, the lazily loaded Dockerfile bundle and the compose lint worker
 * must all work from the installed package.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, testbedDir } from '../harness/paths';
import { docker, removeTestContainers, runId, TEST_IMAGE, TEST_LABEL } from '../support/docker';
import { openFile, openWorkbench, runCommand, showRowInBerth, type Workbench } from './workbench';

const DOCKERFILE = ['FROM berth-test/busybox AS build', 'FROM berth-test/busybox', 'COPY --from=biuld /a /b', ''].join('\n');
const COMPOSE = ['services:', '  web:', '    image: berth-test/busybox', '    depends_on: [databse]', ''].join('\n');

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('the installed .vsix (UI)', function () {
  this.timeout(180_000);
  const name = `berth-installed-${runId}`;
  let workbench: Workbench | undefined;
  let extensionDir: string | undefined;

  before(async () => {
    const vsix = path.join(testbedDir, `berth-${runId}.vsix`);
    await promisify(execFile)(process.execPath, [path.join(repoRoot, 'scripts/package.mjs'), '--out', vsix], { cwd: repoRoot });
    await docker(['rm', '-f', name]).catch(() => undefined);
    await docker(['run', '-d', '--label', `${TEST_LABEL}=${runId}`, '--name', name, TEST_IMAGE, 'sleep', '3600']);
    workbench = await openWorkbench('ui-installed', { trusted: true, vsix, files: { Dockerfile: DOCKERFILE, 'compose.yaml': COMPOSE } });
    extensionDir = path.join(workbench.runDir, 'extensions', fs.readdirSync(path.join(workbench.runDir, 'extensions')).find((d) => d.startsWith('berth-dev.berth-'))!);
    fs.rmSync(vsix, { force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
    await docker(['rm', '-f', name]).catch((e) => console.error(e));
    await removeTestContainers().catch((e) => console.error(e));
  });

  it('is installed under its own publisher id, with its bundles and no sources', () => {
    assert.ok(extensionDir && fs.existsSync(path.join(extensionDir, 'package.json')), 'berth-dev.berth-* is not in the extensions folder');
    const files = filesUnder(extensionDir).map((f) => path.relative(extensionDir!, f));
    for (const bundle of ['extension.js', 'dockerode.js', 'dockerfileFeatures.js', 'composeFeatures.js', 'composeLintWorker.js']) {
      assert.ok(files.includes(path.join('dist', bundle)), `dist/${bundle} is not installed`);
    }
    assert.deepEqual(files.filter((f) => /(^|\/)(src|test|node_modules)\/|\.ts$|\.map$/.test(f)), []);
  });

  it('lists a container in the Containers view', async () => {
    await showRowInBerth(workbench!.page, name);
  });

  it('checks a Dockerfile with the lazily loaded Dockerfile bundle', async () => {
    const page = workbench!.page;
    await openFile(page, 'Dockerfile', 'COPY --from=biuld');
    await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Problems: Focus on Problems View');
    await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'berth/copy-from' }).first().waitFor({ timeout: 15_000 });
  });

  it('checks a compose file on the lint worker', async () => {
    const page = workbench!.page;
    await openFile(page, 'compose.yaml', 'databse');
    await runCommand(page, 'Problems: Focus on Problems View');
    await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'compose/undefined-service' }).first().waitFor({ timeout: 30_000 });
    // Berth's log says so when compose files fall back to the extension host: a missing or broken
    // worker bundle would still give diagnostics, so the log is what tells the two apart.
    const logs = filesUnder(path.join(workbench!.userDataDir, 'logs')).filter((f) => path.basename(f) === 'Berth.log');
    assert.ok(logs.length > 0, 'no Berth.log under the user data folder');
    const log = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.doesNotMatch(log, /linted in the extension host/);
  });
});
