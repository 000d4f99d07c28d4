/**
 * A workbench a person would see: code-server with Berth loaded from this repo (no test entry,
 * so the extension host keeps running), in headless Chromium, plus the few gestures UI tests need.
 */
import type { Locator, Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, workbenchUrl, type BrowserSession } from '../harness/browser';
import { installExtension, startCodeServer, type CodeServer } from '../harness/codeServer';
import { keepEvidence } from '../harness/evidence';
import { newRunDir } from '../harness/paths';

export interface Workbench {
  page: Page;
  runDir: string;
  /** code-server's user data folder: the extension host's logs are under its logs/. */
  userDataDir: string;
  /** Saves a screenshot and the logs in test-results/<name>/ (call when a test failed). */
  keepEvidence(): Promise<void>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  trusted?: boolean;
  env?: Record<string, string>;
  files?: Record<string, string>;
  /** Install this .vsix and run it instead of loading Berth from the repo as a development extension. */
  vsix?: string;
}

export async function openWorkbench(name: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  const runDir = newRunDir(name);
  if (options.vsix) await installExtension(runDir, options.vsix);
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  for (const [file, text] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), text);
  }
  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  try {
    server = await startCodeServer({ runDir, workspace, trusted: options.trusted ?? true, env: options.env });
    browser = await launchBrowser(runDir);
    await browser.page.goto(workbenchUrl(server.url, workspace, { development: !options.vsix }), { waitUntil: 'domcontentloaded' });
    await browser.page.locator('.part.activitybar').waitFor({ timeout: 60_000 });
  } catch (error) {
    await browser?.close();
    await server?.stop();
    throw error;
  }
  const opened = { server, browser };
  return {
    page: opened.browser.page,
    runDir,
    userDataDir: opened.server.userDataDir,
    keepEvidence: () => keepEvidence(name, runDir, opened.server, opened.browser),
    close: async () => {
      await opened.browser.close();
      await opened.server.stop();
    },
  };
}

/** Runs a command by its title from the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().click();
}

/** The modal "Do you trust the authors…?" dialog, when the workbench shows one. */
export function trustDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box').filter({ hasText: /trust the authors/i });
}

/** Our activity-bar entry (view container `berth-docker`, title "Berth"). */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator('.part.activitybar').getByRole('tab', { name: new RegExp(`^${title}\\b`) });
}

/**
 * Repeats `step` until `done` holds or the deadline passes, answering the trust dialog
 * whenever it shows up: it can appear late and blocks every click under it.
 */
export async function untilDone(page: Page, what: string, step: () => Promise<void>, done: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dialog = trustDialog(page);
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: /^Yes/ }).click();
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await step().catch(() => undefined);
  }
}

/** Opens a workspace file by name with Quick Open (Ctrl+P) and waits for an editor showing `marker`. */
export async function openFile(page: Page, name: string, marker: string): Promise<void> {
  const editor = page.locator('.editor-instance .view-lines').filter({ hasText: marker });
  await untilDone(
    page,
    `${name} open in an editor`,
    async () => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 5_000 });
      await input.fill(name);
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().click({ timeout: 5_000 });
    },
    () => editor.first().waitFor({ timeout: 2_000 }).then(() => true, () => false),
  );
}

/** The side bar, where Berth's views draw (their rows, and their empty and error states). */
export function sideBar(page: Page): Locator {
  return page.locator('.part.sidebar');
}

/** Clicks our activity-bar entry until `shown` is visible in the side bar. */
export async function showInBerth(page: Page, what: string, shown: Locator): Promise<Locator> {
  const berth = activityBarItem(page, 'Berth');
  await untilDone(
    page,
    `${what} in the Berth side bar`,
    // A second click on an open container would close the side bar again.
    async () => {
      if ((await berth.getAttribute('aria-selected')) !== 'true') await berth.click({ timeout: 5_000 });
    },
    () => shown.first().waitFor({ timeout: 2_000 }).then(() => true, () => false),
  );
  return shown.first();
}

/** Clicks our activity-bar entry until the side bar shows a row containing `text`. */
export function showRowInBerth(page: Page, text: string): Promise<Locator> {
  return showInBerth(page, `a row for ${text}`, sideBar(page).locator('.monaco-list-row').filter({ hasText: text }));
}

/** Opens `view` (its header in the side bar), with its other panes collapsed so it has the room. */
export async function focusView(page: Page, command: string): Promise<void> {
  await runCommand(page, command);
  await page.mouse.move(900, 700);
}

/** Collapses every side bar pane but `title` (CONTAINERS, IMAGES…), so that view has the height for a screenshot. */
export async function onlyPane(page: Page, title: string): Promise<void> {
  for (let i = 0; i < 8; i++) {
    const other = page.locator('.part.sidebar .pane-header[aria-expanded="true"]').filter({ hasNotText: new RegExp(title, 'i') }).first();
    if ((await other.count()) === 0) break;
    // At the left end: the title's own actions (Create, Prune…) sit to the right.
    await other.click({ position: { x: 12, y: 10 } });
  }
  await page.locator('.part.sidebar .pane-header[aria-expanded="true"]').filter({ hasText: new RegExp(title, 'i') }).first().waitFor({ timeout: 5_000 });
}
