/**
 * Every view of Berth's side bar as a person sees it: objects made through the engine show in
 * their views, a Create dialog is driven through its real prompts, and each view is kept as a
 * screenshot in test-results/ui-explorer/ to look at.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { freshResultsDir } from '../harness/evidence';
import { createTestContainer, docker, importTinyImage, removeTestContainers, removeTestImages, removeTestNetworks, removeTestVolumes, runId, TEST_LABEL, testRegistries, testSubnetPrefix, waitFor } from '../support/docker';
import { focusView, onlyPane, openWorkbench, runCommand, showRowInBerth, type Workbench } from './workbench';

/** Types into the open quick input and accepts it (Enter). */
async function answer(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(text);
  await input.press('Enter');
}

/** Waits for the quick input's title to name `step`, so each answer goes to its own question. */
async function atStep(page: Page, step: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title').filter({ hasText: step }).first().waitFor({ timeout: 10_000 });
}

/** Widens the side bar to `width` pixels by dragging its edge, for screenshots that show rows whole. */
async function widerSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const edge = box.x + box.width;
  await page.mouse.move(edge + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function screenshot(page: Page, file: string): Promise<void> {
  await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
  await page.screenshot({ path: file });
  const png = fs.readFileSync(file);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(png.length > 20_000, `${path.basename(file)} is only ${png.length} bytes`);
}

describe('Berth side bar views (UI)', function () {
  this.timeout(180_000);
  const results = freshResultsDir('ui-explorer');
  let workbench: Workbench | undefined;
  const network = `berth-ui-net-${runId}`;
  const created = `berth-ui-created-${runId}`;
  const volume = `berth-ui-data-${runId}`;
  const pulled = `${testRegistries().open}/berth-test/ui-${runId}:v1`;

  before(async () => {
    await docker(['network', 'create', '--label', `${TEST_LABEL}=${runId}`, '--subnet', `${testSubnetPrefix(5)}.0/24`, network]);
    await docker(['volume', 'create', '--label', `${TEST_LABEL}=${runId}`, '--label', 'team=shop', volume]);
    await createTestContainer(`berth-ui-web-${runId}`, { start: true, extraArgs: ['--network', network, '-v', `${volume}:/data`] });
    // An image in the open registry and not in the engine, for Pull Image.
    await importTinyImage(pulled);
    await docker(['push', pulled]);
    await docker(['rmi', pulled]);
    workbench = await openWorkbench('ui-explorer', { trusted: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
    await removeTestContainers().catch((e) => console.error(e));
    await removeTestNetworks().catch((e) => console.error(e));
    await removeTestVolumes().catch((e) => console.error(e));
    await removeTestImages().catch((e) => console.error(e));
  });

  it('shows the Networks view with a network and the container on it', async () => {
    const page = workbench!.page;
    await showRowInBerth(page, `berth-ui-web-${runId}`);
    await focusView(page, 'Focus on Networks View');
    const row = page.locator('.monaco-list-row').filter({ hasText: network }).filter({ hasText: `${testSubnetPrefix(5)}.0/24` }).first();
    await row.waitFor({ timeout: 15_000 });
    // Open the network: its container is listed under it with its address there.
    await row.click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row').filter({ hasText: `berth-ui-web-${runId}` }).filter({ hasText: `${testSubnetPrefix(5)}.` }).first().waitFor({ timeout: 10_000 });
    await screenshot(page, path.join(results, 'networks.png'));
  });

  it('creates a network through the Create Network prompts', async () => {
    const page = workbench!.page;
    await runCommand(page, 'Berth: Create Network…');
    await atStep(page, '(1/8)');
    await answer(page, created);
    await atStep(page, '(2/8)');
    await answer(page, 'bridge');
    await atStep(page, '(3/8)');
    await answer(page, `${testSubnetPrefix(6)}.0/24`);
    await atStep(page, '(4/8)');
    await answer(page, `${testSubnetPrefix(6)}.254`);
    await atStep(page, '(5/8)');
    await answer(page, '');
    await atStep(page, '(6/8)');
    await answer(page, '');
    await atStep(page, '(7/8)');
    await answer(page, `${TEST_LABEL}=${runId}`);
    await atStep(page, '(8/8)');
    await answer(page, '');
    const gateway = await waitFor('the network in the engine', () => docker(['network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', created]).catch(() => ''), 15_000, 100);
    assert.equal(gateway, `${testSubnetPrefix(6)}.254`);
    await page.locator('.monaco-list-row').filter({ hasText: created }).first().waitFor({ timeout: 10_000 });
  });

  it('shows the Volumes view with sizes measured on request', async () => {
    const page = workbench!.page;
    await focusView(page, 'Focus on Volumes View');
    const row = page.locator('.monaco-list-row').filter({ hasText: volume }).filter({ hasText: 'in use by 1' }).first();
    await row.waitFor({ timeout: 15_000 });
    await runCommand(page, 'Berth: Measure Volume Sizes');
    await page.locator('.monaco-list-row').filter({ hasText: volume }).filter({ hasText: /\d+ (B|KiB|MiB)/ }).first().waitFor({ timeout: 15_000 });
    await row.click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row').filter({ hasText: `berth-ui-web-${runId}` }).filter({ hasText: '/data' }).first().waitFor({ timeout: 10_000 });
    // Room for the rows' descriptions: a wider side bar, the other panes folded.
    await widerSideBar(page, 560);
    await onlyPane(page, 'VOLUMES');
    await screenshot(page, path.join(results, 'volumes.png'));
  });

  it('pulls an image through Pull Image and shows repositories, tags and layers', async () => {
    const page = workbench!.page;
    await focusView(page, 'Focus on Images View');
    await runCommand(page, 'Berth: Pull Image…');
    await answer(page, pulled);
    // The pull's notification names the image too: wait for the engine to have it, then for the view's row.
    await waitFor('the pulled image in the engine', () => docker(['image', 'inspect', '-f', '{{.Id}}', pulled]).catch(() => ''), 30_000, 100);
    await onlyPane(page, 'IMAGES');
    await page.locator('.pane-body .monaco-list-row').filter({ hasText: `berth-test/ui-${runId}` }).first().waitFor({ timeout: 15_000 });
    // Open berth-test/busybox and its latest tag: its layers are read when it opens.
    const group = page.locator('.monaco-list-row').filter({ hasText: /^berth-test\/busybox/ }).first();
    await group.click();
    await page.keyboard.press('ArrowRight');
    const latest = page.locator('.monaco-list-row').filter({ hasText: /^latest/ }).first();
    await latest.click();
    await page.keyboard.press('ArrowRight');
    // Its one layer, imported by the testbed: the import's comment stands for the instruction.
    await page.locator('.pane-body .monaco-list-row').filter({ hasText: /busybox-static/ }).first().waitFor({ timeout: 10_000 });
    // The pull's notification closes once the pull is done.
    await page.locator('.notification-toast').filter({ hasText: 'Pulling' }).first().waitFor({ state: 'hidden', timeout: 15_000 });
    await screenshot(page, path.join(results, 'images.png'));
  });

  it('shows the System view: the engine’s facts, disk usage and recent events', async () => {
    const page = workbench!.page;
    await focusView(page, 'Focus on System View');
    // The Engine section opens by itself.
    await onlyPane(page, 'SYSTEM');
    await page.locator('.monaco-list-row').filter({ hasText: /^Version/ }).first().waitFor({ timeout: 15_000 });
    // Fold the Engine section, so the sections under it are drawn.
    await page.locator('.monaco-list-row').filter({ hasText: /^Engine/ }).first().click();
    await page.keyboard.press('ArrowLeft');
    const disk = page.locator('.monaco-list-row').filter({ hasText: /^Disk usage/ }).first();
    await disk.click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row').filter({ hasText: /reclaimable/ }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, path.join(results, 'system.png'));
  });
});
