/**
 * The log view as a person sees it: Show Project Logs from the palette opens a compose project's
 * interleaved logs in the editor area (service names in colour, stderr marked, ANSI colours), a
 * restart shows as a marked line, and a screenshot is kept to look at (docs/screenshots/logs.png).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshResultsDir } from '../harness/evidence';
import { createTestContainer, docker, removeTestContainers, runId, waitFor } from '../support/docker';
import { assertScreenshotShows } from './png';
import { openWorkbench, runCommand, showRowInBerth, type Workbench } from './workbench';

/** Runs in the page: the colour the browser computed for an element. */
const colourOf = (e: unknown): string => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color;

describe('Log view (UI)', function () {
  this.timeout(120_000);
  const project = `shop-logs-${runId}`;
  const results = freshResultsDir('ui-logs');
  let workbench: Workbench | undefined;
  let db = '';

  const compose = (service: string): string[] => ['--network', 'none', '--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=${service}`];
  const forever = "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done";

  before(async () => {
    const web = [
      "printf 'Listening on :8080\\n'",
      "printf '\\033[32mGET\\033[0m /health \\033[1;32m200\\033[0m 2 ms\\n'",
      "printf '\\033[32mGET\\033[0m /cart \\033[1;33m404\\033[0m 1 ms\\n'",
      "printf 'deprecated option --legacy-tls\\n' >&2",
      "printf '\\033[32mPOST\\033[0m /checkout \\033[1;31m500\\033[0m 31 ms\\n'",
    ].join('; ');
    await createTestContainer(`${project}-web-1`, { start: true, extraArgs: compose('web'), cmd: ['sh', '-c', `${web}; ${forever}`] });
    db = await createTestContainer(`${project}-db-1`, {
      start: true,
      extraArgs: compose('db'),
      cmd: ['sh', '-c', `printf 'database system is ready to accept connections\\n'; printf '\\033[33mWARNING\\033[0m: no password set for user app\\n' >&2; ${forever}`],
    });
    workbench = await openWorkbench('ui-logs', { trusted: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
    await removeTestContainers().catch((e) => console.error(e));
  });

  it('opens a project\'s logs in the editor area, follows a restart, and saves a screenshot', async () => {
    const page = workbench!.page;
    await showRowInBerth(page, project);
    await runCommand(page, 'Berth: Show Project Logs');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: project }).first().click();
    await page.locator('.tab').filter({ hasText: `Logs: ${project}` }).first().waitFor({ timeout: 15_000 });
    const view = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    const rows = view.locator('#rows .row');
    await rows.filter({ hasText: 'POST /checkout 500' }).first().waitFor({ timeout: 15_000 });
    await rows.filter({ hasText: 'no password set' }).first().waitFor({ timeout: 15_000 });

    await docker(['restart', '-t', '1', db]);
    const marker = rows.filter({ hasText: /── restarted at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC ──/ }).first();
    await marker.waitFor({ timeout: 15_000 });
    await waitFor('the second run of db', async () => (await rows.filter({ hasText: 'database system is ready' }).count()) === 2, 15_000, 100);

    // What the page drew: the service column, stderr marked, colours from ANSI codes, the driver.
    const stderrRow = rows.filter({ hasText: 'deprecated option' }).first();
    assert.match((await stderrRow.getAttribute('class')) ?? '', /\bstderr\b/);
    assert.match((await rows.filter({ hasText: 'POST /checkout' }).first().textContent()) ?? '', /^web \| POST \/checkout 500 31 ms$/);
    const red = await rows.filter({ hasText: 'POST /checkout' }).locator('span', { hasText: /^500$/ }).first().evaluate(colourOf);
    const plain = await rows.filter({ hasText: 'POST /checkout' }).locator('span', { hasText: /31 ms/ }).first().evaluate(colourOf);
    assert.notEqual(red, plain, 'the 500 is drawn in its ANSI colour');
    assert.match((await view.locator('#driver').textContent()) ?? '', /Log driver: json-file/);

    // Search finds a line and marks it; Pause holds the view.
    await view.locator('#search').fill('checkout');
    await view.locator('#search').press('Enter');
    await view.locator('#matches').filter({ hasText: '1 of 1' }).waitFor({ timeout: 10_000 });
    assert.equal(await rows.filter({ hasText: 'POST /checkout' }).locator('mark').first().textContent(), 'checkout');
    assert.match((await rows.filter({ hasText: 'POST /checkout' }).first().getAttribute('class')) ?? '', /\bcurrent-match\b/);
    assert.equal(await view.locator('#follow').textContent(), 'Resume', 'going to a match pauses following');
    await view.locator('#follow').click();
    assert.equal(await view.locator('#follow').textContent(), 'Pause');

    // Timestamps on, then the screenshot for the README.
    await view.locator('#timestamps').check();
    await rows.locator('.ts').first().waitFor({ timeout: 5_000 });
    await page.mouse.move(900, 700);
    const file = path.join(results, 'logs.png');
    const boxes = { 'the restart marker': await marker.boundingBox(), 'the stderr row': await stderrRow.boundingBox(), 'the toolbar': await view.locator('#toolbar').boundingBox() };
    await page.screenshot({ path: file });
    assertScreenshotShows(fs.readFileSync(file), page.viewportSize()!, boxes);
  });
});
