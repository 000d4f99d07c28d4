/**
 * Runs one folder of mocha tests inside the extension host and reports the counts in a JSON
 * file the harness reads (the page's exit code alone says nothing about which test failed).
 * Shared by the main, restricted and outage entries, and by whatever drives them:
 * code-server through the harness, or @vscode/test-electron.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export interface TestFailure {
  title: string;
  message: string;
}

/** What every test layer reports; the harness sums these per layer. */
export interface TestReport {
  passed: number;
  failed: number;
  pending: number;
  failures: TestFailure[];
  /** BERTH_TEST_RUN_ID as the tests saw it: proves the harness's environment reached them. */
  runId?: string;
  /** Whether pending tests failed this run (CI): proves CI's rules reached the tests' process. */
  forbidPending?: boolean;
}

/**
 * CI=true (any value but "", "0" or "false"): pending tests fail the run there, as `.only` does
 * everywhere. Locally a pending test is counted and shown, so work in progress can be skipped.
 */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** A run that ran nothing passes nothing: it fails, whatever mocha's exit code says. */
export function failIfNothingRan(report: TestReport, what: string): TestReport {
  if (report.passed + report.failed + report.pending === 0) {
    report.failed++;
    report.failures.push({ title: 'no tests ran', message: `${what} defined no test: a suite whose data or files went missing must not pass` });
  }
  return report;
}

/**
 * The test files directly in `folder` (not its subfolders, which are suites of their own).
 * BERTH_TEST_FILES (comma-separated base names, e.g. `build,images`) keeps a local run targeted.
 */
export function testFilesIn(folder: string, only = process.env.BERTH_TEST_FILES): string[] {
  const wanted = only?.split(',').map((n) => n.trim()).filter(Boolean);
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !wanted?.length || wanted.includes(f.slice(0, -'.test.js'.length)))
    .sort()
    .map((f) => path.join(folder, f));
}

/**
 * Copies the spec reporter's output to `file`: in the extension host console.log goes only to
 * the workbench's developer console, where a harness cannot read it as plain text.
 */
function teeSpecOutput(file: string | undefined): () => void {
  if (!file) return () => undefined;
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    original(...args);
    fs.appendFileSync(file, `${format(...args)}\n`);
  };
  return () => {
    base.consoleLog = original;
  };
}

export function runMochaFiles(files: readonly string[], timeoutMs = 20_000): Promise<TestReport> {
  const forbidPending = isCi();
  const report: TestReport = { passed: 0, failed: 0, pending: 0, failures: [], runId: process.env.BERTH_TEST_RUN_ID, forbidPending };
  // failZero, forbidOnly and forbidPending as mocha's own options; failIfNothingRan below also
  // counts a zero run as a failure, since failZero alone only sets mocha's exit code.
  const mocha = new Mocha({ ui: 'bdd', timeout: timeoutMs, color: false, reporter: 'spec', failZero: true, forbidOnly: true, forbidPending });
  for (const file of files) mocha.addFile(file);
  const untee = teeSpecOutput(process.env.BERTH_TEST_LOG);
  return new Promise<TestReport>((resolve) => {
    try {
      mocha
        .run(() => resolve(failIfNothingRan(report, `${files.length} test file(s)`)))
        .on('pass', () => report.passed++)
        .on('pending', () => report.pending++)
        // Also fires for failing hooks, which mocha counts as failures too.
        .on('fail', (test, error: Error) => {
          report.failed++;
          report.failures.push({ title: test.fullTitle(), message: error?.message ?? String(error) });
        });
    } catch (error) {
      // A test file that throws while loading never reaches the runner.
      report.failed++;
      report.failures.push({ title: 'loading the test files', message: error instanceof Error ? error.stack ?? error.message : String(error) });
      resolve(report);
    }
  }).finally(untee);
}

export function writeReport(report: TestReport, file = process.env.BERTH_TEST_REPORT): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
}

/** The body of a test entry's run(): test `folder`, write the report, reject if anything failed. */
export async function runTestFolder(folder: string): Promise<void> {
  const files = testFilesIn(folder);
  const report: TestReport =
    files.length > 0
      ? await runMochaFiles(files)
      : { passed: 0, failed: 1, pending: 0, failures: [{ title: 'finding tests', message: `no *.test.js in ${folder}` }], runId: process.env.BERTH_TEST_RUN_ID };
  writeReport(report);
  console.log(`[berth tests] ${path.basename(folder)}: ${report.passed} passed, ${report.failed} failed, ${report.pending} pending`);
  if (report.failed > 0) throw new Error(`${report.failed} test(s) failed: ${report.failures.map((f) => f.title).join('; ')}`);
}
