/**
 * A workbench a person would see: code-server with Berth loaded from this repo (no test entry,
 * so the extension host keeps running), in headless Chromium, plus the few gestures UI tests need.
 */
import type { Locator, Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, workbenchUrl, type BrowserSession } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { keepEvidence } from '../harness/evidence';
import { newRunDir } from '../harness/paths';

export interface Workbench {
  page: Page;
  runDir: string;
  /** Saves a screenshot and the logs in test-results/<name>/ (call when a test failed). */
  keepEvidence(): Promise<void>;
  close(): Promise<void>;
}

export async function openWorkbench(name: string, options: { trusted?: boolean; env?: Record<string, string>; files?: Record<string, string> } = {}): Promise<Workbench> {
  const runDir = newRunDir(name);
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  for (const [file, text] of Object.entries(options.files ?? {})) fs.writeFileSync(path.join(workspace, file), text);
  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  try {
    server = await startCodeServer({ runDir, workspace, trusted: options.trusted ?? true, env: options.env });
    browser = await launchBrowser(runDir);
    await browser.page.goto(workbenchUrl(server.url, workspace), { waitUntil: 'domcontentloaded' });
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

/** Our activity-bar entry (view container `berth`, title "Berth"). */
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
