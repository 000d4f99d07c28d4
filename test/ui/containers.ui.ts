/**
 * The Containers view as a person sees it: open the workbench, click Berth in the activity bar,
 * find the row of a container this test started, and keep a screenshot to look at.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshResultsDir } from '../harness/evidence';
import { createTestContainer, docker, removeTestContainers, runId, TEST_IMAGE, TEST_LABEL, waitFor } from '../support/docker';
import { assertScreenshotShows } from './png';
import { activityBarItem, openWorkbench, runCommand, showRowInBerth, sideBar, type Workbench } from './workbench';

describe('Containers view (UI)', function () {
  this.timeout(120_000);
  const name = `berth-ui-${runId}`;
  const results = freshResultsDir('ui');
  let workbench: Workbench | undefined;

  // A compose project of two services (one paused) beside a plain container: what a person's engine looks like.
  const project = `shop-${runId}`;
  const compose = (service: string): string[] => ['--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=${service}`];

  before(async () => {
    await docker(['rm', '-f', name]).catch(() => undefined);
    await docker(['run', '-d', '--label', `${TEST_LABEL}=${runId}`, '--name', name, TEST_IMAGE, 'sleep', '3600']);
    await createTestContainer(`${project}-web-1`, { start: true, extraArgs: [...compose('web'), '-p', '127.0.0.1::80'], cmd: ['httpd', '-f', '-p', '80', '-h', '/'] });
    const db = await createTestContainer(`${project}-db-1`, { start: true, extraArgs: compose('db') });
    await docker(['pause', db]);
    // Security badges: one privileged container (created only: this sandbox cannot grant it every
    // capability to start), and one with a user and nothing else (no badge).
    await createTestContainer(`berth-badge-privileged-${runId}`, { extraArgs: ['--privileged', '--network', 'none'] });
    await createTestContainer(`berth-badge-confined-${runId}`, { start: true, extraArgs: ['--user', '1000', '--network', 'none'] });
    workbench = await openWorkbench('ui', { trusted: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
    await docker(['rm', '-f', name]).catch((e) => console.error(e));
    await removeTestContainers().catch((e) => console.error(e));
  });

  it('shows Berth in the activity bar', async () => {
    await activityBarItem(workbench!.page, 'Berth').waitFor({ timeout: 30_000 });
  });

  it('lists the running test container after a click on Berth', async () => {
    const page = workbench!.page;
    await showRowInBerth(page, name);
    // The compose project is a group row with its running count, and its services are listed under it.
    await page.locator('.monaco-list-row').filter({ hasText: project }).filter({ hasText: '1/2 running' }).first().waitFor({ timeout: 10_000 });
    await page.locator('.monaco-list-row').filter({ hasText: `${project}-db-1` }).first().waitFor({ timeout: 10_000 });
    // The status bar names the engine and its version (20.10.x on the testbed).
    await page.locator('.statusbar-item').filter({ hasText: /default\s+\d+\.\d+/ }).first().waitFor({ timeout: 10_000 });
    // Berth's side bar holds the Containers view (with Images, Networks, … beside it, each under its own header).
    assert.match((await page.locator('.part.sidebar .title-label').first().textContent()) ?? '', /Berth/i);
    await page.locator('.part.sidebar .pane-header').filter({ hasText: /^Containers/i }).first().waitFor({ timeout: 10_000 });
  });

  it('pauses a container from the command palette, picking it in a quick pick', async () => {
    const page = workbench!.page;
    await runCommand(page, 'Berth: Pause Container');
    // The quick pick offers only running containers; type the name and take it.
    const pick = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name });
    await pick.first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: `${project}-db-1` }).count(), 0, 'a paused container is not offered for Pause');
    await pick.first().click();
    await waitFor(`${name} paused in the engine`, async () => (await docker(['inspect', '-f', '{{.State.Status}}', name])) === 'paused', 15_000, 100);
    await docker(['unpause', name]);
  });

  it('marks the privileged container with a badge, and the confined one with none', async () => {
    const page = workbench!.page;
    const privileged = await showRowInBerth(page, `berth-badge-privileged-${runId}`);
    const confined = sideBar(page).locator('.monaco-list-row').filter({ hasText: `berth-badge-confined-${runId}` }).first();
    await confined.waitFor({ timeout: 10_000 });
    // A file decoration's badge is drawn by a CSS ::after rule on the label, not as text in the DOM.
    const badges = (row: typeof confined): Promise<string[]> =>
      row.evaluate((el) => {
        // Runs in the page; the test project has no DOM types, so the browser's globals are named here.
        const page = globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } };
        const all = [el, ...(el as unknown as { querySelectorAll(s: string): Iterable<unknown> }).querySelectorAll('*')];
        return all.map((e) => page.getComputedStyle(e, '::after').content).filter((c) => /^"[A-Z]{1,2}"$/.test(c));
      });
    // Privileged, and root as well: the most dangerous letter first.
    await waitFor('the PR badge on the privileged row', async () => (await badges(privileged)).includes('"PR"'), 15_000, 100);
    const root = sideBar(page).locator('.monaco-list-row').filter({ hasText: name }).first();
    await waitFor('the R badge on the row of a container running as root', async () => (await badges(root)).includes('"R"'), 15_000, 100);
    assert.deepEqual(await badges(confined), [], 'a container with a user and nothing else has no badge');
  });

  it('saves a screenshot that shows the rows and the engine in the status bar', async () => {
    const page = workbench!.page;
    const file = path.join(results, 'containers.png');
    // Move the pointer off the activity bar so its hover tooltip does not cover the view.
    await page.mouse.move(900, 700);
    await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    // Where the page shows them right now; the screenshot must show them drawn there.
    const rows = sideBar(page).locator('.monaco-list-row');
    const group = rows.filter({ hasText: project }).filter({ hasText: 'running' }).first();
    const container = rows.filter({ hasText: name }).first();
    const engine = page.locator('.statusbar-item').filter({ hasText: /default\s+\d+\.\d+/ }).first();
    for (const shown of [group, container, engine]) await shown.waitFor({ timeout: 10_000 });
    const boxes = { 'the compose group row': await group.boundingBox(), [`the row of ${name}`]: await container.boundingBox(), 'the engine in the status bar': await engine.boundingBox() };
    await page.screenshot({ path: file });
    assertScreenshotShows(fs.readFileSync(file), page.viewportSize()!, boxes);
  });
});
