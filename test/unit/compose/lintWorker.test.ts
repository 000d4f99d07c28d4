/**
 * The compose lint worker: a real worker thread answers with exactly what the in-process lint
 * finds, keeps concurrent answers apart, restarts after an input that hangs or kills it (that input
 * gets a "could not lint" finding, never an in-process retry), keeps only the newest request per
 * file, and only when it cannot start at all is every lint refused (so the editor lints in-process).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeComposeHost } from '../../../src/language/compose/composeHost';
import { ComposeLintClient, COMPOSE_LINT_WORKER, LintFailed, lintOffThread, LintSuperseded, WorkerUnavailable } from '../../../src/language/compose/composeLintClient';
import { lintComposeFile } from '../../../src/language/compose/lintCompose';
import { corpusFiles } from './corpus';

const FAULTY = path.join(__dirname, 'faultyLintWorker.js');
const GOOD = 'services:\n  web:\n    image: busybox\n    depends_on: [db]\n';

describe('compose lint worker', function () {
  this.timeout(30_000);
  const client = new ComposeLintClient();
  after(() => client.dispose());

  it('runs beside the client module, where the bundle puts it too', () => {
    assert.equal(path.basename(COMPOSE_LINT_WORKER), 'composeLintWorker.js');
    assert.ok(fs.existsSync(COMPOSE_LINT_WORKER), COMPOSE_LINT_WORKER);
  });

  it('finds what the in-process lint finds, for every corpus file, asked all at once', async () => {
    const files = corpusFiles();
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    const answers = await Promise.all(files.map((f, i) => client.lint(f, texts[i] as string, [])));
    files.forEach((f, i) => assert.deepEqual(answers[i], lintComposeFile(f, texts[i] as string, nodeComposeHost(process.env, [])), f));
    assert.ok(answers.some((a) => a.length > 0), 'some corpus files have findings');
  });

  it('lints unsaved text with the project’s -f files', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'berth-worker-'));
    try {
      const base = path.join(dir, 'base.yaml');
      fs.writeFileSync(base, 'services:\n  db:\n    image: busybox\n');
      const file = path.join(dir, 'app.yaml');
      const text = 'services:\n  web:\n    image: busybox\n    depends_on: [db, cache]\n';
      const found = await client.lint(file, text, [base, file]);
      assert.deepEqual(found.map((f) => f.message.includes('cache') && f.range.start.line), [3], JSON.stringify(found));
      const untrusted = await client.lint(file, text, [base, file], [path.join(dir, 'elsewhere')]);
      assert.ok(untrusted.some((f) => f.code === 'compose/unreadable-file'), 'outside the allowed roots, the -f file is not read');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses every lint when the worker cannot start (a fault injected with a missing script)', async () => {
    const broken = new ComposeLintClient({ script: path.join(__dirname, 'no-such-worker.js') });
    await assert.rejects(broken.lint('/x/compose.yaml', 'services: {}\n', []), WorkerUnavailable);
    await assert.rejects(broken.lint('/x/compose.yaml', 'services: {}\n', []), WorkerUnavailable, 'and stays refused');
    broken.dispose();
  });

  it('ends a lint that takes too long, restarts the worker, and lints the next file', async () => {
    const faulty = new ComposeLintClient({ script: FAULTY, timeoutMs: 1000 });
    try {
      const stalled = faulty.lint('/x/a/compose.yaml', '#stall\n', []);
      const next = faulty.lint('/x/b/compose.yaml', GOOD, []);
      await assert.rejects(stalled, (e: Error) => e instanceof LintFailed && /took longer than 1 s/.test(e.message));
      assert.deepEqual((await next).map((f) => f.code), ['compose/undefined-service']);
      assert.equal(faulty.started, 2, 'a fresh worker');
    } finally {
      faulty.dispose();
    }
  });

  it('a worker that dies on an input fails that input only; the next one runs on a new worker', async () => {
    const faulty = new ComposeLintClient({ script: FAULTY });
    try {
      await assert.rejects(faulty.lint('/x/a/compose.yaml', '#crash\n', []), (e: Error) => e instanceof LintFailed && /exited with code 70/.test(e.message));
      assert.deepEqual((await faulty.lint('/x/a/compose.yaml', GOOD, [])).map((f) => f.code), ['compose/undefined-service']);
      assert.equal(faulty.started, 2);
    } finally {
      faulty.dispose();
    }
  });

  it('the editor falls back in-process only when the worker cannot start; a failed input gets one finding', async () => {
    const faulty = new ComposeLintClient({ script: FAULTY });
    const broken = new ComposeLintClient({ script: path.join(__dirname, 'no-such-worker.js') });
    let inProcess = 0;
    const fallback = () => {
      inProcess++;
      return [];
    };
    try {
      const failed = await lintOffThread(faulty, { file: '/x/compose.yaml', text: '#crash\n', projectFiles: [] }, fallback);
      assert.deepEqual(failed.map((f) => [f.code, f.severity]), [['berth/lint-failed', 'warning']]);
      assert.match(failed[0]!.message, /^Berth could not lint this file: the compose lint worker stopped on it: it exited with code 70/);
      assert.equal(inProcess, 0, 'never retried in the extension host');
      assert.deepEqual(await lintOffThread(broken, { file: '/x/compose.yaml', text: GOOD, projectFiles: [] }, fallback), []);
      assert.equal(inProcess, 1);
    } finally {
      faulty.dispose();
      broken.dispose();
    }
  });

  it('keeps the newest request per file while one runs, and a bounded number of files', async () => {
    const faulty = new ComposeLintClient({ script: FAULTY, timeoutMs: 1000, maxQueued: 2 });
    try {
      await faulty.lint('/x/a/compose.yaml', GOOD, []); // the worker is up: the next lint is sent at once
      const running = faulty.lint('/x/a/compose.yaml', '#stall\n', []);
      const older = faulty.lint('/x/b/compose.yaml', 'services: {}\n', []);
      const newer = faulty.lint('/x/b/compose.yaml', GOOD, []);
      const c = faulty.lint('/x/c/compose.yaml', GOOD, []);
      const d = faulty.lint('/x/d/compose.yaml', GOOD, []);
      await assert.rejects(older, LintSuperseded);
      await assert.rejects(newer, LintSuperseded, 'b is the oldest file waiting when d arrives');
      await assert.rejects(running, LintFailed);
      assert.equal((await c).length, 1);
      assert.equal((await d).length, 1);
    } finally {
      faulty.dispose();
    }
  });
});
