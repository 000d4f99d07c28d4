/** Where the harness finds the repo, the testbed state and the tools that scripts/testbed installs. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repo root: this file runs from out/test/harness/. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Per-run state (logs, run folders); the same folder scripts/testbed/lib.sh uses. */
export const testbedDir = process.env.BERTH_TESTBED || path.join(repoRoot, '.testbed');

/** Screenshots and logs kept for people to look at (gitignored). */
export const resultsDir = path.join(repoRoot, 'test-results');

export const codeServerVersion = '4.100.3';

/** The tools folder scripts/testbed/codeServer.sh fills. */
export const codeServerDir =
  process.env.BERTH_CODE_SERVER_DIR ||
  path.join(process.env.BERTH_TESTBED_CACHE || path.join(os.homedir(), '.cache', 'berth-testbed'), `code-server-${codeServerVersion}`);

export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Debian's Chromium: playwright cannot download its own browser here. */
export const chromiumPath = process.env.BERTH_CHROMIUM || '/usr/bin/chromium';

/** A fresh folder for one run of `name`, under .testbed/runs; only the previous run of that name is kept beside it. */
export function newRunDir(name: string, keep = 1): string {
  const runs = path.join(testbedDir, 'runs');
  fs.mkdirSync(runs, { recursive: true });
  const previous = fs
    .readdirSync(runs)
    .filter((d) => d.startsWith(`${name}-`))
    .sort();
  for (const old of previous.slice(0, Math.max(0, previous.length - keep))) removeRunDir(path.join(runs, old));
  // Short names: Chromium and VS Code put unix sockets under it, and those paths max out at 107 bytes.
  const dir = path.join(runs, `${name}-${Date.now().toString(36)}${process.pid.toString(36)}`);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, 'tmp');
  if (tmp.length <= 60) {
    fs.mkdirSync(tmp);
  } else {
    // A deep checkout: keep the sockets' folder short, reachable through a link from the run folder.
    fs.symlinkSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-run-')), tmp);
  }
  return dir;
}

/**
 * The run's TMPDIR as the processes must be given it: the link's target when the run folder is deep,
 * since Chromium and VS Code build socket paths from the TMPDIR string without resolving links.
 */
export function runTmpDir(runDir: string): string {
  const tmp = path.join(runDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  return fs.realpathSync(tmp);
}

function removeRunDir(dir: string): void {
  try {
    const tmp = path.join(dir, 'tmp');
    if (fs.lstatSync(tmp).isSymbolicLink()) fs.rmSync(fs.readlinkSync(tmp), { recursive: true, force: true });
  } catch {
    // No tmp folder: nothing extra to remove.
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
