/**
 * The pseudoterminal Compose tasks run in, with real processes: arguments and the working folder
 * reach the process exactly as given — no shell, no `${…}` expansion — and its output is shown and kept.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { KILL_AFTER_MS, lastLines, ProcessPty } from '../../../src/compose/processPty';

const node = process.execPath;
const script = (code: string): string[] => ['-e', code, '--'];

function started(pty: ProcessPty): { written: string[] } {
  const written: string[] = [];
  pty.onDidWrite((text) => written.push(text));
  pty.open();
  return { written };
}

describe('ProcessPty', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'berth-pty-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('hands every argument and the working folder to the process as written', async () => {
    const marker = path.join(dir, 'pwn');
    const hostile = [`p$(touch ${marker}) "q" \`touch ${marker}\` é 🚢`, '${env:HOME}', '${command:workbench.action.openSettings}', '--help', '; touch ' + marker];
    const cwd = path.join(dir, '${env:HOME} $(id)');
    mkdirSync(cwd);
    const pty = new ProcessPty(node, [...script('process.stdout.write(JSON.stringify({ argv: process.argv.slice(1), cwd: process.cwd() }))'), ...hostile], cwd);
    started(pty);
    const result = await pty.exited;
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.output), { argv: hostile, cwd });
    assert.equal(existsSync(marker), false);
  });

  it('starts before its terminal opens: output and the end wait for open(), readers see the output at once', async () => {
    const pty = new ProcessPty(node, script('console.log("early"); process.exitCode = 4'), dir);
    const written: string[] = [];
    const read: string[] = [];
    const closed: number[] = [];
    pty.onDidWrite((text) => written.push(text));
    pty.onDidOutput((text) => read.push(text));
    pty.onDidClose((code) => closed.push(code));
    pty.start();
    const result = await pty.exited;
    assert.equal(result.code, 4);
    assert.deepEqual(read, ['early\n']);
    assert.deepEqual(written, [], 'VS Code ignores writes before open()');
    assert.deepEqual(closed, []);
    pty.open();
    assert.deepEqual(written, ['early\r\n']);
    assert.deepEqual(closed, [4]);
  });

  it('stops a process started early when it is closed before its terminal opened; the terminal then ends with its code', async () => {
    const pty = new ProcessPty(node, script('console.log("running"); setInterval(() => undefined, 1000)'), dir);
    const closed: number[] = [];
    pty.onDidClose((code) => closed.push(code));
    const running = new Promise<void>((resolve) => pty.onDidOutput(() => resolve()));
    pty.start();
    await running;
    pty.close();
    const result = await pty.exited;
    assert.equal(result.code, 1, 'ended by the signal');
    assert.deepEqual(closed, [], 'no close before open()');
    pty.open();
    assert.deepEqual(closed, [1]);
  });

  it('kills a process that does not end on SIGTERM once the grace period has passed', async function () {
    this.timeout(KILL_AFTER_MS + 10_000);
    // As the docker CLI does during a BuildKit build: SIGTERM asks for a cancel, and the process waits.
    const pty = new ProcessPty(node, script('process.on("SIGTERM", () => console.log("asked")); console.log("running"); setInterval(() => undefined, 1000)'), dir);
    const output: string[] = [];
    const running = new Promise<void>((resolve) => pty.onDidOutput((text) => (output.push(text), resolve())));
    pty.start();
    await running;
    pty.close();
    pty.close(); // Terminate is often asked more than once; one grace period still applies.
    const result = await pty.exited;
    assert.equal(result.code, 1, 'ended by SIGKILL');
    assert.match(output.join(''), /asked/, 'SIGTERM came first');
  });

  it('ends at once when its terminal closes before the process started', async () => {
    const pty = new ProcessPty(node, script('console.log("never")'), dir);
    pty.close();
    assert.equal((await pty.exited).code, 1);
  });

  it('shows output with terminal line ends, keeps a bounded tail, and reports the exit code', async () => {
    const pty = new ProcessPty(node, script('console.error("from stderr"); for (let i = 0; i < 5000; i++) console.log("line " + i + " " + "x".repeat(40)); console.log("no such service: web"); process.exitCode = 3'), dir);
    const { written } = started(pty);
    const closed = new Promise<number>((resolve) => pty.onDidClose!((code) => resolve(code as number)));
    const result = await pty.exited;
    assert.equal(result.code, 3);
    assert.equal(await closed, 3);
    assert.ok(result.output.length <= 64 * 1024, `kept ${result.output.length} chars`);
    assert.equal(lastLines(result.output, 1), 'no such service: web');
    const shown = written.join('');
    assert.ok(shown.includes('line 4999 ') && shown.includes('from stderr'), 'the output reached the terminal');
    assert.doesNotMatch(shown, /[^\r]\n/, 'a bare LF in the terminal');
  });

  it('says so when the program does not exist', async () => {
    const pty = new ProcessPty(path.join(dir, 'no-such-compose'), ['ps'], dir);
    started(pty);
    const result = await pty.exited;
    assert.equal(result.code, 127);
    assert.match(result.output, /no-such-compose: spawn .*ENOENT/);
  });

  it('stops the process when the terminal closes, and on Ctrl+C', async () => {
    for (const stop of [(p: ProcessPty) => p.close(), (p: ProcessPty) => p.handleInput('\x03')]) {
      const pty = new ProcessPty(node, script('console.log("ready"); setInterval(() => {}, 1000)'), dir);
      const { written } = started(pty);
      await waitUntil(() => written.join('').includes('ready'));
      stop(pty);
      assert.notEqual((await pty.exited).code, 0);
    }
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}
