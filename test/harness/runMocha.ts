/**
 * Runs mocha test files in a plain Node process and reports counts the way the extension-host
 * suites do, so scripts/test.mjs can add up every layer:
 *   node out/test/harness/runMocha.js [--timeout ms] file.js...
 * Writes the report to BERTH_TEST_REPORT; exits 1 if anything failed.
 */
import * as path from 'node:path';
import { runMochaFiles, writeReport } from '../vscode/mochaRunner';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let timeoutMs = 20_000;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--timeout') timeoutMs = Number(args[++i]);
    else files.push(path.resolve(args[i]!));
  }
  if (files.length === 0 || !Number.isFinite(timeoutMs)) {
    console.error('usage: node out/test/harness/runMocha.js [--timeout ms] file.js...');
    process.exit(2);
  }
  const report = await runMochaFiles(files, timeoutMs);
  writeReport(report);
  // Like mocha's --exit: a test that leaks a socket must not hang the whole run.
  process.exit(report.failed > 0 ? 1 : 0);
}

void main();
