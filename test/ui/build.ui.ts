/**
 * Building from the editor as a person does: the "Build this stage" lenses on the Dockerfile,
 * "Berth: Build Image" from the palette, the stage and the options list, and a build that fails
 * on a RUN: the error shows on that line and in a notification. Keeps a screenshot to look at.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshResultsDir } from '../harness/evidence';
import { repoRoot } from '../harness/paths';
import { assertScreenshotShows } from './png';
import { openFile, openWorkbench, runCommand, type Workbench } from './workbench';

const DOCKERFILE = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'build', 'project', 'Dockerfile'), 'utf8');

describe('Build Image (UI)', function () {
  this.timeout(180_000);
  const results = freshResultsDir('ui-build');
  let workbench: Workbench | undefined;

  before(async () => {
    workbench = await openWorkbench('ui-build', { trusted: true, files: { Dockerfile: DOCKERFILE } });
    // The 20.10 CLI builds with BuildKit here; the one first on PATH has no buildx.
    const settings = path.join(workbench.userDataDir, 'User', 'settings.json');
    const current = fs.existsSync(settings) ? (JSON.parse(fs.readFileSync(settings, 'utf8')) as Record<string, unknown>) : {};
    fs.writeFileSync(settings, JSON.stringify({ ...current, 'berth.dockerPath': '/usr/bin/docker' }, null, 2));
    // The workbench reads user settings at start: reload it so the setting is there before any build.
    await workbench.page.reload({ waitUntil: 'domcontentloaded' });
    await workbench.page.locator('.part.activitybar').waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows "Build this stage" above each named stage', async () => {
    const page = workbench!.page;
    await openFile(page, 'Dockerfile', 'FROM secret AS final');
    await page.locator('.contentWidgets .codelens-decoration, .view-zones .codelens-decoration').filter({ hasText: 'Build this stage' }).nth(2).waitFor({ timeout: 30_000 });
  });

  it('builds the chosen stage from the palette, and the failing RUN is marked on its line', async () => {
    const page = workbench!.page;
    await runCommand(page, 'Berth: Build Image');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'secret' }).first().click({ timeout: 15_000 });
    await rows.filter({ hasText: 'Build' }).first().click({ timeout: 15_000 });
    const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'Build failed at [secret 1/1]' }).first();
    await toast.waitFor({ timeout: 90_000 });
    await page.locator('.squiggly-error').first().waitFor({ timeout: 10_000 });
    const line = page.locator('.editor-instance .view-line').filter({ hasText: 'RUN --mount=type=secret' }).first();
    await line.hover();
    await page.locator('.monaco-hover').filter({ hasText: 'Build failed at [secret 1/1]' }).first().waitFor({ timeout: 10_000 });
    const boxes = { 'the failing RUN line': await line.boundingBox(), 'the failure notification': await toast.boundingBox() };
    const file = path.join(results, 'build.png');
    await page.screenshot({ path: file });
    assertScreenshotShows(fs.readFileSync(file), page.viewportSize()!, boxes);
  });
});
