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
import { createTestContainer, docker, removeTestContainers, removeTestNetworks, runId, TEST_LABEL, testSubnetPrefix, waitFor } from '../support/docker';
import { openWorkbench, runCommand, showRowInBerth, type Workbench } from './workbench';

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

/** Opens `view` (its header in the side bar), with its other panes collapsed so it has the room. */
async function focusView(page: Page, command: string): Promise<void> {
  await runCommand(page, command);
  await page.mouse.move(900, 700);
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

  before(async () => {
    await docker(['network', 'create', '--label', `${TEST_LABEL}=${runId}`, '--subnet', `${testSubnetPrefix(5)}.0/24`, network]);
    await createTestContainer(`berth-ui-web-${runId}`, { start: true, extraArgs: ['--network', network] });
    workbench = await openWorkbench('ui-explorer', { trusted: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
    await removeTestContainers().catch((e) => console.error(e));
    await removeTestNetworks().catch((e) => console.error(e));
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
});
