/**
 * Lints hostile cases, each in a child process (lintChild.js) with a real pipe as its stdin that
 * stays open and empty, as in a CI pipeline: a case that hangs is killed at `timeLimitMs`, one
 * whose memory passes `killAboveMb` is killed at once (so a regression cannot take the machine).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChildReport } from './lintChild';
import { materialize, type HostileCase } from './hostileInputs';

export interface CaseResult {
  name: string;
  /** Wall time of the child, its start included. */
  wallMs: number;
  report?: ChildReport;
  /** Why there is no report: killed for time or memory, or the child's own end. */
  problem?: string;
}

export interface RunOptions {
  timeLimitMs: number;
  killAboveMb: number;
  parallel?: number;
}

const CHILD = path.join(__dirname, 'lintChild.js');

export async function runCases(cases: readonly HostileCase[], options: RunOptions): Promise<CaseResult[]> {
  const root = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'berth-fuzz-'));
  const stdin = path.join(root, 'stdin');
  fs.mkdirSync(root, { recursive: true });
  await new Promise<void>((resolve, reject) => spawn('mkfifo', [stdin]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error('mkfifo failed')))));
  // Read and write end at once: never blocks, never gives the children an end of file.
  const stdinFd = fs.openSync(stdin, fs.constants.O_RDWR);
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i]!;
      const dir = path.join(root, String(i));
      fs.mkdirSync(dir);
      results[i] = await runOne(c, materialize(c, dir), stdinFd, options);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await Promise.all(Array.from({ length: options.parallel ?? 1 }, worker));
  } finally {
    fs.closeSync(stdinFd);
    fs.rmSync(root, { recursive: true, force: true });
  }
  return results;
}

function runOne(c: HostileCase, file: string, stdinFd: number, options: RunOptions): Promise<CaseResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CHILD, file], { cwd: path.dirname(file), stdio: [stdinFd, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let problem: string | undefined;
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const kill = (why: string): void => {
      problem ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill(`still running after ${options.timeLimitMs / 1000} s`), options.timeLimitMs);
    const watch = setInterval(() => {
      const rss = residentMb(child.pid);
      if (rss !== undefined && rss > options.killAboveMb) kill(`used ${rss.toFixed(0)} MB`);
    }, 50);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      const wallMs = performance.now() - started;
      const line = stdout.trim().split('\n').pop();
      if (problem || !line) {
        resolve({ name: c.name, wallMs, problem: problem ?? `the child ended with ${signal ?? `code ${code}`} and no report: ${stderr.trim().slice(-1000)}` });
        return;
      }
      resolve({ name: c.name, wallMs, report: JSON.parse(line) as ChildReport });
    });
  });
}

/** Linux: the child's resident memory now; elsewhere undefined (the child's own peak is still reported). */
function residentMb(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}
