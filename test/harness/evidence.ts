/** What a failed suite leaves for a person: a screenshot and every log, in test-results/<name>/. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserSession } from './browser';
import { tail, type CodeServer } from './codeServer';
import { resultsDir } from './paths';

/** test-results/<name>/, emptied: call when a suite starts so old evidence cannot mislead. */
export function freshResultsDir(name: string): string {
  const out = path.join(resultsDir, name);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  return out;
}

/** On failure: a screenshot and every log, in test-results/<name>/, for a person to read. */
export async function keepEvidence(name: string, runDir: string, server: CodeServer | undefined, browser: BrowserSession | undefined): Promise<void> {
  const out = path.join(resultsDir, name);
  fs.mkdirSync(out, { recursive: true });
  await browser?.page.screenshot({ path: path.join(out, 'failure.png') }).catch(() => undefined);
  const copy = (from: string, to: string): void => {
    if (fs.existsSync(from)) fs.cpSync(from, path.join(out, to), { recursive: true });
  };
  if (server) {
    copy(server.logFile, 'code-server.log');
    copy(path.join(server.userDataDir, 'logs'), 'logs');
  }
  copy(path.join(runDir, 'browser-console.log'), 'browser-console.log');
  copy(path.join(runDir, 'report.json'), 'report.json');
  copy(path.join(runDir, 'mocha.log'), 'mocha.log');
  console.error(`  [${name}] failed: evidence in ${path.relative(process.cwd(), out) || out}/`);
  if (server) console.error(tail(server.logFile, 10));
}
