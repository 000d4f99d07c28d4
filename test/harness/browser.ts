/** Headless Debian Chromium (driven by playwright-core) pointed at a code-server workbench. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, repoRoot, runTmpDir } from './paths';

/** The flags that work on these machines (shared/TESTBED.md §3): no sandbox as root, no network chatter. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Everything the page logged (the workbench and the extension host's forwarded console). */
  consoleLog: string;
  close(): Promise<void>;
}

/**
 * The workbench URL that opens `workspace` and loads the extension (and optionally tests) from this
 * repo; with `development: false`, only the extensions installed in the server run.
 */
export function workbenchUrl(serverUrl: string, workspace: string, options: { testsEntry?: string; development?: boolean } = {}): string {
  const folder = `${serverUrl}/?folder=${encodeURIComponent(workspace)}`;
  if (options.development === false) return folder;
  const authority = new URL(serverUrl).host;
  const remote = (file: string): string => `vscode-remote://${authority}${file}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(repoRoot)]];
  // The test entry is named without .js, as VS Code's own test runners pass it.
  if (options.testsEntry) payload.push(['extensionTestsPath', remote(options.testsEntry.replace(/\.js$/, ''))]);
  return `${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Launches Chromium with a fresh profile, HOME and TMPDIR inside `runDir`. */
export async function launchBrowser(runDir: string, options: { echo?: (line: string) => void } = {}): Promise<BrowserSession> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium is not at ${chromiumPath}: run \`npm run testbed\` (it installs Debian's chromium) or set BERTH_CHROMIUM`);
  }
  const home = path.join(runDir, 'home');
  const tmp = runTmpDir(runDir);
  fs.mkdirSync(home, { recursive: true });
  const context = await chromium.launchPersistentContext(path.join(runDir, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: home, TMPDIR: tmp },
    viewport: { width: 1400, height: 900 },
  });
  // Tests read what a terminal shows through the workbench's Copy and the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleLog = path.join(runDir, 'browser-console.log');
  const log = fs.createWriteStream(consoleLog, { flags: 'a' });
  page.on('console', (message) => {
    const text = message.text();
    log.write(`[${message.type()}] ${text}\n`);
    options.echo?.(text);
  });
  page.on('pageerror', (error) => log.write(`[pageerror] ${error.stack ?? error.message}\n`));
  return {
    context,
    page,
    consoleLog,
    close: async () => {
      await context.close().catch(() => undefined);
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}
