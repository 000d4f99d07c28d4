/**
 * Attach Shell as a person uses it: pick a running container from the palette, type into the
 * terminal Berth opens over the exec API, read the answer from the drawn terminal, make the panel
 * bigger and see the shell learn its new size, and keep a screenshot (docs/screenshots/shell.png).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { freshResultsDir } from '../harness/evidence';
import { createTestContainer, removeTestContainers, runId, waitFor } from '../support/docker';
import { assertScreenshotShows } from './png';
import { openWorkbench, runCommand, showRowInBerth, type Workbench } from './workbench';

/** The text the terminal draws. The DOM renderer (GPU off) keeps it in `.xterm-rows`, one div per row. */
async function terminalLines(page: Page): Promise<string[]> {
  return page.locator('.terminal-wrapper.active .xterm-rows > div').allTextContents().catch(() => []);
}

/** Types a line into the focused terminal and waits for a line of output that matches. */
async function typeAndRead(page: Page, line: string, expected: RegExp): Promise<string> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  let found = '';
  await waitFor(`terminal output matching ${expected}`, async () => {
    found = (await terminalLines(page)).map((l) => l.replace(/\u00a0/g, ' ').trim()).find((l) => expected.test(l)) ?? '';
    return found !== '';
  }, 15_000, 100);
  return found;
}

describe('Attach Shell (UI)', function () {
  this.timeout(120_000);
  const name = `berth-shell-ui-${runId}`;
  const results = freshResultsDir('ui-shell');
  let workbench: Workbench | undefined;

  before(async () => {
    await createTestContainer(name, { start: true, extraArgs: ['--network', 'none', '--hostname', 'shop-web'] });
    workbench = await openWorkbench('ui-shell', {
      trusted: true,
      files: { '.vscode/settings.json': JSON.stringify({ 'terminal.integrated.gpuAcceleration': 'off' }) },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
    await removeTestContainers().catch((e) => console.error(e));
  });

  it('opens a shell in the picked container and runs what is typed', async () => {
    const page = workbench!.page;
    // As a person would: Berth's view shows the container, then the palette attaches to it.
    await showRowInBerth(page, name);
    await runCommand(page, 'Berth: Attach Shell');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().click({ timeout: 15_000 });
    // The terminal tab is named after the container; busybox has no bash, so Berth falls back to sh.
    await page.locator('.terminal-wrapper.active .xterm-rows').waitFor({ timeout: 15_000 });
    await page.locator('.terminal-wrapper.active').click();
    assert.equal(await typeAndRead(page, 'echo $((6*7))', /^42$/), '42');
  });

  it('resizes the shell with the panel', async () => {
    const page = workbench!.page;
    const sizeOf = async (marker: string): Promise<[number, number]> => {
      const line = await typeAndRead(page, `echo ${marker} $(stty size)`, new RegExp(`^${marker} \\d+ \\d+$`));
      const [, rows, cols] = line.split(' ').map(Number);
      return [rows ?? 0, cols ?? 0];
    };
    const [rowsBefore] = await sizeOf('before');
    await runCommand(page, 'View: Toggle Maximized Panel');
    await page.locator('.terminal-wrapper.active').click();
    let rowsAfter = 0;
    await waitFor('the shell to see more rows', async () => {
      [rowsAfter] = await sizeOf(`after${Date.now() % 100000}`);
      return rowsAfter > rowsBefore;
    }, 20_000, 200);
    assert.ok(rowsAfter > rowsBefore, `rows ${rowsBefore} → ${rowsAfter}`);
  });

  it('saves a screenshot that shows the terminal and its output', async () => {
    const page = workbench!.page;
    await typeAndRead(page, 'cat /etc/hostname; id', /^uid=0\(root\)/);
    const file = path.join(results, 'shell.png');
    const terminal = page.locator('.terminal-wrapper.active').first();
    const tab = page.locator('.terminal-tabs-entry, .single-terminal-tab').filter({ hasText: name.slice(0, 12) }).first();
    const boxes: Record<string, Awaited<ReturnType<typeof terminal.boundingBox>>> = { 'the terminal': await terminal.boundingBox() };
    if (await tab.isVisible()) boxes['the terminal named after the container'] = await tab.boundingBox();
    await page.screenshot({ path: file });
    assertScreenshotShows(fs.readFileSync(file), page.viewportSize()!, boxes);
  });
});
