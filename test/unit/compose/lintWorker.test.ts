/**
 * The compose lint worker: a real worker thread answers with exactly what the in-process lint
 * finds, keeps concurrent answers apart, and when it cannot run every lint is refused (so the
 * editor lints in-process).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeComposeHost } from '../../../src/language/compose/composeHost';
import { ComposeLintClient, COMPOSE_LINT_WORKER } from '../../../src/language/compose/composeLintClient';
import { lintComposeFile } from '../../../src/language/compose/lintCompose';
import { corpusFiles } from './corpus';

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
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses every lint when the worker cannot start (a fault injected with a missing script)', async () => {
    const broken = new ComposeLintClient(path.join(__dirname, 'no-such-worker.js'));
    await assert.rejects(broken.lint('/x/compose.yaml', 'services: {}\n', []));
    await assert.rejects(broken.lint('/x/compose.yaml', 'services: {}\n', []), 'and stays refused');
    broken.dispose();
  });
});
