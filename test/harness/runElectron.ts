/**
 * Runs the main extension-host suite in desktop VS Code (Electron) through @vscode/test-electron,
 * for machines that can download VS Code. The same test entry runs under code-server in `npm test`.
 *   npm run test:electron   (builds first)
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { newRunDir, repoRoot } from './paths';

/** The VS Code the code-server testbed runs, so both hosts test the same API. */
const VSCODE_VERSION = process.env.BERTH_VSCODE_VERSION || '1.100.3';

async function main(): Promise<void> {
  const runDir = newRunDir('electron');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const reportFile = path.join(runDir, 'report.json');
  try {
    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'vscode', 'index'),
      extensionTestsEnv: {
        BERTH_TEST_RUN_ID: process.env.BERTH_TEST_RUN_ID || randomBytes(4).toString('hex'),
        BERTH_TEST_REPORT: reportFile,
        BERTH_TEST_LOG: path.join(runDir, 'mocha.log'),
      },
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${path.join(runDir, 'user-data')}`],
    });
  } catch (error) {
    const text = error instanceof Error ? `${error.message}${(error as NodeJS.ErrnoException).code ? ` (${(error as NodeJS.ErrnoException).code})` : ''}` : String(error);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/i.test(text)) {
      console.error(
        `test:electron could not download VS Code ${VSCODE_VERSION}: ${text}\n` +
          'This machine has no route to update.code.visualstudio.com. Run the same suite in code-server instead: npm test -- --only vscode',
      );
    } else {
      console.error(`test:electron failed: ${text}`);
    }
    process.exit(1);
  }
  if (fs.existsSync(reportFile)) {
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { passed: number; failed: number };
    console.log(`${report.passed} passed, ${report.failed} failed`);
  }
}

void main();
