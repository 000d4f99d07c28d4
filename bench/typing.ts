/**
 * Diagnostics as fast as you type, measured in the real workbench (code-server and Chromium, driven
 * by Playwright) the way a person sees them: from the last keystroke, or from opening a file, until
 * the status bar's problem count changes. The times are taken inside the page (a keydown listener and
 * a MutationObserver on the status bar item), so Playwright's own round trips are not counted.
 */
import type { Page } from 'playwright-core';
import { generateCompose } from './compose';
import { generateDockerfile } from './dockerfile';
import { percentile } from './stats';
import { openWorkbench, untilDone, type Workbench } from '../test/ui/workbench';

export interface TypingResult {
  /** One key that makes a 200-line Dockerfile wrong (and Backspace, which makes it right): key → count changed. */
  dockerfileKeyMs: number[];
  /** A line `COPPY a /b` typed into the 200-line Dockerfile: last key → the error counted (0 when it already was). */
  dockerfileLineMs: number[];
  /** That line deleted (Ctrl+Shift+K) → the error gone. */
  dockerfileDeleteMs: number[];
  /** One key that makes a 200-line compose file wrong, and Backspace. */
  composeKeyMs: number[];
  /** A fresh workbench opens a 2,000-line Dockerfile with an error: Enter in Quick Open → the error counted. */
  coldOpenMs: number[];
}

const SMALL = generateDockerfile(200);
const BIG = generateDockerfile(1999) + 'COPPY a /b\n';
const COMPOSE = generateCompose(10);
/** Lines where one key in front of the first word makes an error: `EXPOSE 8080/tcp`, a service's `networks:`. */
const DOCKERFILE_LINE = SMALL.split('\n').indexOf('EXPOSE 8080/tcp') + 1;
const COMPOSE_LINE = COMPOSE.split('\n').findIndex((l) => l.startsWith('    networks:')) + 1;

/**
 * In the page: the time of every keydown and of every change of the status bar's problem count
 * (its text reads "N M …", errors first, or "No Problems"). Plain JavaScript: it runs in Chromium.
 */
const PROBE = `(() => {
  // The item is looked up each time: the status bar may render it anew.
  const errors = () => Number((/\\d+/.exec(document.getElementById('status.problems')?.textContent || '') || [0])[0]);
  const probe = { lastKey: 0, changes: [{ t: performance.now(), errors: errors() }] };
  window.berthProbe = probe;
  window.addEventListener('keydown', () => { probe.lastKey = performance.now(); }, true);
  new MutationObserver(() => {
    const n = errors();
    if (n !== probe.changes[probe.changes.length - 1].errors) probe.changes.push({ t: performance.now(), errors: n });
  }).observe(document.querySelector('.part.statusbar'), { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

async function installProbe(page: Page): Promise<void> {
  await page.locator('[id="status.problems"]').waitFor({ timeout: 30_000 });
  await page.evaluate(PROBE);
}

const errorCount = async (page: Page): Promise<number> => Number(await page.evaluate('window.berthProbe.changes[window.berthProbe.changes.length - 1].errors'));

/** The error count to wait for: exactly `is`, or anything but `not`. */
type Target = { is: number } | { not: number };

/** Runs `act` and waits until the error count meets `target`: ms from the last keystroke (0 if it already did). */
async function timeUntil(page: Page, target: Target, act: () => Promise<void>): Promise<number> {
  const from = Number(await page.evaluate('window.berthProbe.changes.length'));
  await act();
  const meets = 'is' in target ? `c.errors === ${target.is}` : `c.errors !== ${target.not}`;
  const handle = await page
    .waitForFunction(
      `(() => { const p = window.berthProbe; const c = p.changes.slice(${from}).find((c) => ${meets}); return c ? { ms: Math.max(0, c.t - p.lastKey) } : false; })()`,
      undefined,
      { timeout: 15_000, polling: 5 },
    )
    .catch(async (error: Error) => {
      const seen = await page.evaluate(`JSON.stringify({ changes: window.berthProbe.changes.slice(${from}), now: document.getElementById('status.problems')?.textContent })`);
      throw new Error(`the error count never met ${JSON.stringify(target)}: ${String(seen)} (${error.message})`);
    });
  // An object, because 0 ms (counted before the last key) would read as "not yet".
  return Number(((await handle.jsonValue()) as { ms: number }).ms);
}

async function openFile(page: Page, name: string): Promise<void> {
  await untilDone(
    page,
    `${name} open in an editor`,
    async () => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 5_000 });
      await input.fill(name);
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
    },
    () => page.locator('.tab.active').filter({ hasText: name }).isVisible(),
  );
}

async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 5_000 });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
}

/** One key that breaks the line the cursor is on, then Backspace: both times, `samples` times. */
async function keyEdits(page: Page, key: string, samples: number): Promise<number[]> {
  const out: number[] = [];
  const clean = await errorCount(page);
  // Once untimed: the first edit after opening pays for loading and warming up the checker.
  await timeUntil(page, { not: clean }, () => page.keyboard.press(key));
  await timeUntil(page, { is: clean }, () => page.keyboard.press('Backspace'));
  for (let i = 0; i < samples; i++) {
    out.push(await timeUntil(page, { not: clean }, () => page.keyboard.press(key)));
    out.push(await timeUntil(page, { is: clean }, () => page.keyboard.press('Backspace')));
  }
  return out;
}

async function typingRun(samples: number): Promise<Omit<TypingResult, 'coldOpenMs'>> {
  const workbench = await openWorkbench('bench-typing', { trusted: true, files: { Dockerfile: SMALL, 'compose.yaml': COMPOSE } });
  try {
    const page = workbench.page;
    await installProbe(page);
    await openFile(page, 'Dockerfile');
    await page.waitForFunction('window.berthProbe.changes.length > 1', undefined, { timeout: 30_000 }).catch(() => undefined);
    await goToLine(page, DOCKERFILE_LINE);
    const dockerfileKeyMs = await keyEdits(page, 'X', samples);
    const clean = await errorCount(page);
    const dockerfileLineMs: number[] = [];
    const dockerfileDeleteMs: number[] = [];
    await page.keyboard.press('End');
    for (let i = 0; i < samples; i++) {
      dockerfileLineMs.push(
        await timeUntil(page, { is: clean + 1 }, async () => {
          await page.keyboard.press('Enter');
          await page.keyboard.type('COPPY a /b', { delay: 40 });
        }),
      );
      dockerfileDeleteMs.push(
        await timeUntil(page, { is: clean }, async () => {
          await page.keyboard.press('Escape'); // the suggestions typing opened
          await page.keyboard.press('Control+Shift+K');
        }),
      );
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
    }
    await openFile(page, 'compose.yaml');
    await untilDone(page, 'the compose file linted', async () => {}, async () => (await errorCount(page)) > clean);
    await goToLine(page, COMPOSE_LINE);
    const composeKeyMs = await keyEdits(page, 'x', samples);
    return { dockerfileKeyMs, dockerfileLineMs, dockerfileDeleteMs, composeKeyMs };
  } catch (error) {
    await workbench.keepEvidence();
    throw error;
  } finally {
    await workbench.close();
  }
}

/** A fresh workbench per sample: nothing loaded, nothing warm. */
async function coldOpen(): Promise<number> {
  let workbench: Workbench | undefined;
  try {
    workbench = await openWorkbench('bench-cold', { trusted: true, files: { 'big.Dockerfile': BIG } });
    const page = workbench.page;
    await installProbe(page);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('big.Dockerfile');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'big.Dockerfile' }).first().waitFor({ timeout: 10_000 });
    return await timeUntil(page, { is: 1 }, () => page.keyboard.press('Enter'));
  } catch (error) {
    await workbench?.keepEvidence();
    throw error;
  } finally {
    await workbench?.close();
  }
}

export async function typingBench(samples = 10, coldSamples = 5): Promise<TypingResult> {
  const result = await typingRun(samples);
  const coldOpenMs: number[] = [];
  for (let i = 0; i < coldSamples; i++) coldOpenMs.push(await coldOpen());
  return { ...result, coldOpenMs };
}

/** The table rows: p50 and p95 of each measure, against the targets. */
export function typingRows(r: TypingResult): { measure: string; value: string; target: string; ok: boolean | undefined }[] {
  const ms = (v: number): string => `${v.toFixed(0)} ms`;
  const pair = (v: number[]): string => `${ms(percentile(v, 50))} / ${ms(percentile(v, 95))}`;
  return [
    { measure: `Dockerfile, 200 lines: one key → problem count, p50 / p95 (n=${r.dockerfileKeyMs.length})`, value: pair(r.dockerfileKeyMs), target: 'p95 ≤ 100 ms', ok: percentile(r.dockerfileKeyMs, 95) <= 100 },
    { measure: `  a line with an error typed → counted, p50 / p95 (n=${r.dockerfileLineMs.length})`, value: pair(r.dockerfileLineMs), target: 'p95 ≤ 100 ms', ok: percentile(r.dockerfileLineMs, 95) <= 100 },
    { measure: `  the line deleted → the error gone, p50 / p95 (n=${r.dockerfileDeleteMs.length})`, value: pair(r.dockerfileDeleteMs), target: 'p95 ≤ 100 ms', ok: percentile(r.dockerfileDeleteMs, 95) <= 100 },
    { measure: `compose, 200 lines: one key → problem count, p50 / p95 (n=${r.composeKeyMs.length})`, value: pair(r.composeKeyMs), target: 'p95 ≤ 100 ms', ok: percentile(r.composeKeyMs, 95) <= 100 },
    { measure: `first open of a 2,000-line Dockerfile → error counted, p50 / p95 (n=${r.coldOpenMs.length})`, value: pair(r.coldOpenMs), target: 'p50 ≤ 1200 ms', ok: percentile(r.coldOpenMs, 50) <= 1200 },
  ];
}
