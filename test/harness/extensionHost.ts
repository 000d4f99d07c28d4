/**
 * Runs one extension-host test suite inside a real VS Code: code-server serves the workbench,
 * headless Chromium opens it with a payload that loads Berth from this repo and the compiled
 * test entry, and the entry's run() executes in the (Node) extension host with the full API.
 * Results come back two ways: the entry writes a JSON report to BERTH_TEST_REPORT, and the
 * workbench calls window.codeAutomationExit(code) when the extension host ends.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestReport } from '../vscode/mochaRunner';
import { launchBrowser, workbenchUrl, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { freshResultsDir, keepEvidence } from './evidence';
import { newRunDir } from './paths';

export interface ExtensionHostSuiteOptions {
  /** Short name: the run folder and test-results/<name>/ use it. */
  name: string;
  /** Compiled test entry (out/test/vscode/.../index.js; with or without .js). */
  testsEntry: string;
  /** Folder to open; default: an empty folder in the run folder. */
  workspace?: string;
  trusted: boolean;
  env?: Record<string, string>;
  /** From opening the workbench to the extension host's exit; default 5 minutes. */
  timeoutMs?: number;
  /** Print mocha's spec output from the extension host when the suite ends; default true. */
  echo?: boolean;
}

export async function runExtensionHostSuite(options: ExtensionHostSuiteOptions): Promise<TestReport> {
  const runDir = newRunDir(options.name);
  freshResultsDir(options.name);
  const reportFile = path.join(runDir, 'report.json');
  const specLog = path.join(runDir, 'mocha.log');
  const runId = options.env?.BERTH_TEST_RUN_ID ?? randomBytes(4).toString('hex');
  const workspace = options.workspace ?? path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const timeoutMs = options.timeoutMs ?? 300_000;

  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  let report: TestReport;
  const failure = (title: string, message: string): TestReport => ({ passed: 0, failed: 1, pending: 0, failures: [{ title: `${options.name}: ${title}`, message }] });
  try {
    server = await startCodeServer({
      runDir,
      workspace,
      trusted: options.trusted,
      // NO_COLOR: mocha's check marks colour themselves when CI=true, and the log is a file.
      env: { NO_COLOR: '1', ...options.env, BERTH_TEST_RUN_ID: runId, BERTH_TEST_REPORT: reportFile, BERTH_TEST_LOG: specLog },
    });
    browser = await launchBrowser(runDir);
    const exitCode = await runInPage(browser, workbenchUrl(server.url, workspace, { testsEntry: options.testsEntry }), timeoutMs);
    report = readReport(reportFile, runId, exitCode, failure);
  } catch (error) {
    report = failure('harness', error instanceof Error ? error.message : String(error));
  }
  if (options.echo !== false && fs.existsSync(specLog)) {
    for (const line of fs.readFileSync(specLog, 'utf8').replace(/^\s*\n/, '').trimEnd().split('\n')) process.stdout.write(`  [${options.name}] ${line}\n`);
  }
  if (report.failed > 0) await keepEvidence(options.name, runDir, server, browser);
  await browser?.close();
  await server?.stop();
  return report;
}

/** Opens the page and resolves with the exit code the workbench reports, or rejects on time-out. */
async function runInPage(browser: BrowserSession, url: string, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  let reportExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  // The workbench calls this when the extension host ends after the tests (VS Code's own test hook).
  await browser.page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the extension host did not finish within ${timeoutMs / 1000}s (no codeAutomationExit call); see the browser console and code-server logs`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([browser.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 }), timedOut]);
    return await Promise.race([exited, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function readReport(file: string, runId: string, exitCode: number, failure: (title: string, message: string) => TestReport): TestReport {
  if (!fs.existsSync(file)) {
    return failure(
      'report',
      `the extension host exited with code ${exitCode} and wrote no report to ${file}: the test entry did not run, crashed before the end, or BERTH_TEST_REPORT did not reach the extension host`,
    );
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as TestReport;
  if (report.runId !== runId) {
    report.failed++;
    report.failures.push({ title: 'harness environment', message: `the extension host saw BERTH_TEST_RUN_ID=${report.runId}, expected ${runId}` });
  }
  if (exitCode !== 0 && report.failed === 0) {
    report.failed++;
    report.failures.push({ title: 'extension host exit', message: `the report says all passed but the extension host exited with code ${exitCode}` });
  }
  return report;
}
