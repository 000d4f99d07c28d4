/**
 * The stats panel as a person sees it, in the real workbench: pick a compose project in
 * "Berth: Show Stats", watch the busy container's CPU chart rise, check its colours read in the
 * dark, high-contrast and light themes, keep a screenshot to look at, and prove that the page's
 * Content Security Policy stops a script someone injects.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { contrastRatio, LINE_CONTRAST, parseColour } from '../../src/shared/colourContrast';
import { freshResultsDir } from '../harness/evidence';
import { createTestContainer, docker, removeTestContainers, runId, TEST_LABEL } from '../support/docker';
import { activityBarItem, openWorkbench, runCommand, untilDone, type Workbench } from './workbench';

/** The frame that holds the stats page (VS Code nests each webview in two iframes). */
async function statsFrame(page: Page): Promise<Frame> {
  let found: Frame | undefined;
  await untilDone(
    page,
    'the stats webview to load',
    async () => {
      await page.waitForTimeout(250);
    },
    async () => {
      for (const frame of page.frames()) {
        if (await frame.locator('#stats .toolbar').count().catch(() => 0)) {
          found = frame;
          return true;
        }
      }
      return false;
    },
    60_000,
  );
  return found!;
}

/** The value the CPU chart's description gives for one series ("CPU: worker 99%, …"). */
async function cpuOf(frame: Frame, label: string): Promise<number | undefined> {
  const description = (await frame.locator('[data-chart="cpu"] .chart-plot').getAttribute('aria-label')) ?? '';
  const m = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ([\\d.]+)%`).exec(description);
  return m ? Number(m[1]) : undefined;
}

/** Each row's series colour against the page's background, as contrast ratios, in the theme shown now. */
async function seriesContrasts(frame: Frame): Promise<{ colour: string; ratio: number }[]> {
  // Runs in the page (written as text: the page's DOM types are not this file's).
  const { background, colours } = (await frame.evaluate(`(() => ({
    background: getComputedStyle(document.body).backgroundColor,
    colours: [...document.querySelectorAll('table.latest .swatch')].map((s) => getComputedStyle(s).backgroundColor),
  }))()`)) as { background: string; colours: string[] };
  const bg = parseColour(background);
  return colours.map((colour) => {
    const fg = parseColour(colour);
    return { colour, ratio: fg && bg ? contrastRatio(fg, bg) : 0 };
  });
}

describe('Stats panel (UI)', function () {
  this.timeout(180_000);
  const results = freshResultsDir('ui-stats');
  const project = `shop-${runId}`;
  const names = { web: `${project}-web-1`, client: `${project}-client-1`, worker: `${project}-worker-1`, db: `${project}-db-1` };
  let workbench: Workbench | undefined;
  let frame: Frame;

  // The project's own network, as compose makes one: the web service gets real traffic from a client.
  const network = `${project}_default`;

  before(async () => {
    await docker(['network', 'create', '--label', `${TEST_LABEL}=${runId}`, network]);
    const compose = (service: string): string[] => ['--network', network, '--network-alias', service, '--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=${service}`];
    await createTestContainer(names.web, { start: true, extraArgs: compose('web'), cmd: ['httpd', '-f', '-p', '80', '-h', '/'] });
    await createTestContainer(names.client, { start: true, extraArgs: compose('client'), cmd: ['sh', '-c', "trap 'exit 0' TERM; while :; do printf 'GET /bin/ HTTP/1.0\\r\\n\\r\\n' | nc web 80 > /dev/null; sleep 0.2; done"] });
    await createTestContainer(names.worker, { start: true, extraArgs: compose('worker'), cmd: ['sh', '-c', 'while :; do :; done'] });
    await createTestContainer(names.db, { start: true, extraArgs: [...compose('db'), '-m', '256m'], cmd: ['sh', '-c', "trap 'exit 0' TERM; head -c 40000000 /dev/zero > /dev/shm/heap; while :; do sleep 1 & wait $!; done"] });
    workbench = await openWorkbench('ui-stats', { trusted: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.keepEvidence();
  });

  after(async () => {
    await workbench?.close();
    await removeTestContainers().catch((e) => console.error(e));
    await docker(['network', 'rm', network]).catch((e) => console.error(e));
  });

  it('opens from the command palette for a compose project', async () => {
    const page = workbench!.page;
    // The project's row, not a container's whose name starts with the project's: it says how many run.
    const projectRow = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: project }).filter({ hasText: /\d+ running/ }).first();
    // Berth's contributions are in once its activity-bar entry is: a palette opened earlier lacks its
    // commands, and clicking a row that never comes waits out Playwright's 30 s.
    await activityBarItem(page, 'Berth').waitFor({ timeout: 60_000 });
    await untilDone(
      page,
      'the project in the Show Stats quick pick',
      async () => {
        // A palette opened before Berth's contributions arrived keeps its stale list: close it first.
        await page.keyboard.press('Escape');
        await runCommand(page, 'Berth: Show Stats');
        await projectRow.waitFor({ timeout: 15_000 });
      },
      () => projectRow.isVisible(),
      90_000,
    );
    await projectRow.click();
    frame = await statsFrame(page);
    for (const name of Object.values(names)) await frame.locator('table.latest tbody th.name', { hasText: name }).waitFor({ timeout: 30_000 });
  });

  it("charts the busy container's CPU rising while the others stay low", async () => {
    const page = workbench!.page;
    await untilDone(page, `${names.worker}'s CPU above 50%`, () => page.waitForTimeout(500), async () => ((await cpuOf(frame, names.worker)) ?? 0) > 50, 60_000);
    assert.ok(((await cpuOf(frame, names.web)) ?? 100) < 20, 'the idle web server is low');
    // The table shows docker stats's own strings: a percentage with two decimals, usage / limit.
    const worker = frame.locator('table.latest tbody tr', { has: frame.locator('th.name', { hasText: names.worker }) });
    assert.match((await worker.locator('[data-column="cpu"]').textContent()) ?? '', /^\d+\.\d\d%$/);
    const db = frame.locator('table.latest tbody tr', { has: frame.locator('th.name', { hasText: names.db }) });
    assert.match((await db.locator('[data-column="memory"]').textContent()) ?? '', /^[\d.]+MiB \/ 256MiB$/);
  });

  it('sorts the table by a column, sums the project, and pauses', async () => {
    const page = workbench!.page;
    const firstName = async (): Promise<string> => (await frame.locator('table.latest tbody tr').first().locator('th.name').textContent()) ?? '';
    // Numbers sort largest first: the busy worker leads on CPU.
    await frame.getByRole('button', { name: 'CPU %' }).click();
    await untilDone(page, 'the worker first by CPU', () => page.waitForTimeout(250), async () => (await firstName()) === names.worker, 10_000);
    assert.equal(await frame.locator('th[aria-sort="descending"]').count(), 1);
    await frame.getByRole('button', { name: 'Name' }).click();

    await frame.locator('select').first().selectOption('project');
    await untilDone(page, 'one summed row for the project', () => page.waitForTimeout(250), async () => (await frame.locator('table.latest tbody tr').count()) === 1 && (await firstName()) === project, 10_000);
    await untilDone(page, 'the summed CPU', () => page.waitForTimeout(500), async () => ((await cpuOf(frame, project)) ?? 0) > 50, 20_000);
    await frame.locator('select').first().selectOption('container');

    await frame.getByRole('button', { name: 'Pause' }).click();
    await frame.locator('.banner', { hasText: 'Paused' }).waitFor({ timeout: 10_000 });
    await frame.getByRole('button', { name: 'Resume' }).click();
    await frame.locator('.banner', { hasText: 'Paused' }).waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('fills the 1-minute window', async () => {
    const page = workbench!.page;
    // Some history reads better than a few seconds, in the screenshots below.
    await frame.getByRole('button', { name: '1 min' }).click();
    const points = async (): Promise<number> => Number(await frame.locator('[data-chart="cpu"] .chart-plot').getAttribute('data-points'));
    await untilDone(page, 'most of a minute of samples', () => page.waitForTimeout(1000), async () => (await points()) >= 40, 90_000);
  });

  it('follows the colour theme, readable in dark, high contrast and light, with a screenshot of each', async () => {
    const page = workbench!.page;
    for (const [theme, kind, file] of [
      ['Dark Modern', 'dark', 'stats-dark.png'],
      ['Dark High Contrast', 'highContrast', 'stats-high-contrast.png'],
      ['Light Modern', 'light', 'stats.png'],
    ] as const) {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Preferences: Color Theme');
      const input = page.locator('.quick-input-widget input');
      await input.fill(theme);
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: new RegExp(`^${theme}`) }).first().click();
      await untilDone(page, `the panel in the ${theme} theme`, () => page.waitForTimeout(250), async () => (await frame.locator('#stats').getAttribute('data-theme')) === kind, 30_000);
      // Every series line reads against this theme's background (WCAG's 3:1 for graphics).
      const contrasts = await seriesContrasts(frame);
      assert.equal(contrasts.length, 4, 'a colour for each of the four containers');
      assert.ok(contrasts.every((c) => c.ratio >= LINE_CONTRAST), `${theme}: ${contrasts.map((c) => `${c.colour} ${c.ratio.toFixed(2)}:1`).join(', ')}`);
      await page.mouse.move(5, 5);
      await page.screenshot({ path: path.join(results, file) });
    }
    // The editor area alone, in the light theme, for the README (docs/screenshots/stats.png).
    const editor = await page.locator('.part.editor').boundingBox();
    if (editor) await page.screenshot({ path: path.join(results, 'stats-panel.png'), clip: editor });
    const png = fs.readFileSync(path.join(results, 'stats.png'));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(png.length > 40_000, `screenshot is only ${png.length} bytes`);
  });

  it('does not run a script injected into the page: the CSP allows only its own nonce', async () => {
    // Runs in the page (written as text: the page's DOM types are not this file's).
    const outcome = (await frame.evaluate(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "script ran";';
      document.body.append(script);
      const image = document.createElement('img');
      image.setAttribute('onerror', 'document.body.dataset.injected = "handler ran"');
      image.src = 'data:,not-an-image';
      document.body.append(image);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { injected: document.body.dataset.injected ?? null, violations };
    })()`)) as { injected: string | null; violations: string[] };
    assert.equal(outcome.injected, null, 'an injected inline script or handler ran');
    assert.ok(outcome.violations.some((d) => d.startsWith('script-src')), `no CSP violation was reported: ${outcome.violations.join(', ')}`);
    // And the page's own script did run: the panel is drawn.
    assert.ok(await frame.locator('#stats .charts figure').count() >= 5);
  });
});
