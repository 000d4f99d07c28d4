/** `berth lint` as CI runs it: the bundled dist/cli.js, its formats and exit codes. */
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LINTERS } from '../../src/cli/linters';
import { run } from '../../src/cli/main';
import { scratch } from './files/hostileFiles';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'dist', 'cli.js');
const fixtures = path.join(repo, 'test', 'fixtures', 'dockerfile');
const corpus = path.resolve(repo, '..', 'shared', 'corpus', 'dockerfiles');
const realworld = path.resolve(repo, '..', 'shared', 'corpus', 'realworld', 'compose');

function berth(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: fixtures, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Runs the CLI with its stdin a real pipe (a FIFO, as `a | berth lint` gives) that stays open and
 * empty. A hang guard kills it after 20 s, so a regression fails the test instead of leaving it behind.
 */
async function berthWithOpenStdin(fifo: string, ...args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn('sh', ['-c', 'exec "$0" "$@" < "$BERTH_STDIN"', process.execPath, cli, ...args], { cwd: fixtures, env: { ...process.env, BERTH_STDIN: fifo }, stdio: ['ignore', 'pipe', 'inherit'] });
  const writer = await fs.promises.open(fifo, 'w');
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(guard);
  await writer.close();
  return { code, stdout };
}

describe('berth lint (dist/cli.js)', function () {
  this.timeout(30000);
  const corpusFiles = fs.readdirSync(corpus).map((f) => path.join(corpus, f));

  before(() => assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run node esbuild.mjs'));

  it('prints json for the whole corpus: one array of findings, 1-based, exit 1 for the one file with an error', async () => {
    const r = await berth('lint', '--format', 'json', ...corpusFiles);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.ok(findings.length > 100);
    for (const f of findings) {
      assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
      assert.ok((f['line'] as number) >= 1 && (f['column'] as number) >= 1);
    }
    const errors = findings.filter((f) => f['severity'] === 'error');
    assert.deepEqual(errors.map((f) => [path.basename(f['file'] as string), f['line'], f['code']]), [['compose__pkg_e2e_fixtures_wrong-composefile_service1_Dockerfile', 17, 'berth/unknown-instruction']]);
    assert.ok(findings.some((f) => f['code'] === 'FromAsCasing'), "BuildKit's rule names are the codes of its checks");
  });

  it('prints SARIF 2.1.0 that code scanning can read', async () => {
    const r = await berth('lint', '--format', 'sarif', ...corpusFiles);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: unknown[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0]!;
    assert.equal(run.tool.driver.name, 'berth');
    assert.ok(run.results.length > 100);
    assert.ok(run.results.every((x) => ['error', 'warning', 'note'].includes(x.level) && x.locations.length === 1 && run.tool.driver.rules.some((r) => r.id === x.ruleId)));
  });

  it('searches folders for Dockerfiles by name and reads .dockerignore; text is one line per finding', async () => {
    const r = await berth('lint', '--min-severity', 'warning', 'project');
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.some((l) => l.startsWith(path.join('project', 'Dockerfile') + ':2:1: error: Unknown instruction COPPY.') && l.endsWith('[berth/unknown-instruction]')), r.stdout);
    assert.ok(lines.some((l) => l.includes('[CopyIgnoredFile]')), 'secret.key is excluded by .dockerignore');
    assert.ok(lines.some((l) => l.startsWith(path.join('project', 'sub', 'app.Dockerfile') + ':1:')), 'sub/app.Dockerfile is found');
    assert.ok(!lines.some((l) => l.includes('notes.txt')));
    assert.ok(lines.every((l) => /^[^:]+:\d+:\d+: (error|warning): .+ \[[^\]]+\]$/.test(l)), r.stdout);
  });

  it('exits 0 without errors, whatever the warnings', async () => {
    const r = await berth('lint', 'clean.Dockerfile', 'project/sub/app.Dockerfile');
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /FromAsCasing/);
  });

  it('exits 2 for bad usage and unreadable paths, with the reason', async () => {
    for (const args of [[], ['lint'], ['lint', '--format', 'xml', 'x'], ['lint', '--min-severity', 'loud', 'x'], ['frobnicate', 'x'], ['lint', '--nope', 'x']]) {
      const r = await berth(...args);
      assert.equal(r.code, 2, `berth ${args.join(' ')}`);
      assert.match(r.stderr, /Usage: berth lint/);
    }
    const missing = await berth('lint', 'no-such-file');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*no-such-file/);
  });

  it('honours berth.dockerfile settings from a settings file', async () => {
    const settings = path.join(fixtures, 'settings.json');
    const r = await berth('lint', '--format', 'json', '--settings', settings, 'project');
    const codes = (JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code);
    assert.ok(!codes.includes('berth/unknown-instruction'), 'disabled in the settings file');
  });

  it('lints compose files by name with the same JSON shape and exit codes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cli-compose-'));
    try {
      fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n');
      fs.writeFileSync(path.join(dir, 'compose.ok.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
      const bad = await berth('lint', '--format', 'json', dir);
      assert.equal(bad.code, 1, bad.stderr);
      const findings = JSON.parse(bad.stdout) as Record<string, unknown>[];
      const missing = findings.find((f) => f['code'] === 'compose/undefined-service');
      assert.ok(missing, bad.stdout);
      assert.deepEqual([path.basename(missing['file'] as string), missing['line'], missing['severity']], ['compose.yaml', 4, 'error']);
      const good = await berth('lint', '--format', 'sarif', path.join(dir, 'compose.ok.yaml'));
      assert.equal(good.code, 0, good.stderr);
      assert.equal((JSON.parse(good.stdout) as { version: string }).version, '2.1.0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('compose projects', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cli-project-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const json = (stdout: string) => JSON.parse(stdout) as { file: string; code: string; severity: string; line: number }[];

    it("merges the override file beside a default-named file: zulip's secrets are declared in its override", async () => {
      // zulip's compose.yaml as published; its compose.override.yaml declares the six secrets (the corpus copy lacks it).
      fs.copyFileSync(path.join(realworld, 'zulip__docker-zulip', 'compose.yaml'), path.join(dir, 'compose.yaml'));
      const names = ['postgres_password', 'memcached_password', 'rabbitmq_password', 'redis_password', 'secret_key', 'email_password'];
      fs.writeFileSync(path.join(dir, 'compose.override.yaml'), ['secrets:', ...names.map((n) => `  zulip__${n}:\n    environment: ZULIP__${n.toUpperCase()}`), ''].join('\n'));
      for (const target of [path.join(dir, 'compose.yaml'), dir]) {
        const r = await berth('lint', '--format', 'json', target);
        assert.deepEqual(json(r.stdout).filter((f) => f.code === 'compose/undefined-secret'), [], target);
      }
      fs.rmSync(path.join(dir, 'compose.override.yaml'));
      const alone = await berth('lint', '--format', 'json', path.join(dir, 'compose.yaml'));
      assert.equal(json(alone.stdout).filter((f) => f.code === 'compose/undefined-secret').length, 10, 'without the override, Compose would refuse them too');
    });

    it('finds compose files of any name by content in a folder, and leaves CI files alone', async () => {
      const files: Record<string, string> = {
        'stack.yml': 'services:\n  web:\n    image: nginx:1.27\n    networks: [front]\n',
        'jibri.yml': 'services:\n  jibri:\n    image: jitsi/jibri:stable\n',
        '.travis.yml': 'language: go\nservices:\n  - docker\n',
        '.gitlab-ci.yml': 'image: golang:1.22\nservices:\n  - name: postgres:16\n    alias: db\ntest:\n  script: go test ./...\n',
        '.github/workflows/ci.yml': 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      redis:\n        image: redis:7\n    steps:\n      - run: make\n',
        'notes.yaml': 'title: not compose\n',
      };
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      const r = await berth('lint', '--format', 'json', dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(json(r.stdout).map((f) => [path.relative(dir, f.file), f.code]), [['stack.yml', 'compose/undefined-network']]);
      // Passed by name, a YAML file is never read as a Dockerfile: compose when it is one, otherwise skipped with a note.
      for (const name of ['.gitlab-ci.yml', '.travis.yml', '.github/workflows/ci.yml', 'notes.yaml']) {
        const one = await berth('lint', '--format', 'json', path.join(dir, name));
        assert.equal(one.code, 0, `${name}: ${one.stdout}`);
        assert.deepEqual(json(one.stdout), [], name);
        assert.match(one.stderr, /not a compose file/, name);
      }
      const stack = await berth('lint', path.join(realworld, 'dockersamples__example-voting-app', 'docker-stack.yml'));
      assert.equal(stack.code, 0, stack.stdout);
      assert.doesNotMatch(stack.stdout, /unknown-instruction/);
    });

    it('lints a -f list as Compose runs it; a fragment linted alone keeps its findings', async () => {
      const elk = path.join(realworld, 'deviantony__docker-elk');
      const fleet = path.join(elk, 'extensions', 'fleet', 'fleet-compose.yml');
      const alone = await berth('lint', '--format', 'json', fleet);
      assert.equal(alone.code, 1);
      assert.deepEqual([...new Set(json(alone.stdout).filter((f) => f.severity === 'error').map((f) => f.code))].sort(), ['compose/missing-build-context', 'compose/undefined-network', 'compose/undefined-service']);
      for (const args of [['-f', path.join(elk, 'docker-compose.yml'), '-f', fleet], [`--file=${path.join(elk, 'docker-compose.yml')}`, '--file', fleet]]) {
        const together = await berth('lint', '--format', 'json', ...args);
        assert.equal(together.code, 0, together.stdout);
        assert.deepEqual(json(together.stdout).filter((f) => f.severity === 'error'), []);
        assert.deepEqual([...new Set(json(together.stdout).map((f) => path.relative(elk, f.file)))].filter((f) => !f.startsWith('docker-compose.yml') && !f.startsWith('extensions')), []);
      }
      const missing = await berth('lint', '-f', path.join(dir, 'nope.yml'));
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read .*nope\.yml/);
    });
  });

  it('goes on past files it cannot read (a device, a FIFO, a missing path): the rest in valid JSON, exit 2', async () => {
    const s = scratch('berth-cli-unreadable-');
    try {
      const fifo = s.fifo('compose.yaml');
      const r = await berth('lint', '--format', 'json', 'project/sub/app.Dockerfile', '/dev/zero', fifo, 'no-such-file', 'project');
      assert.equal(r.code, 2, r.stderr);
      const findings = JSON.parse(r.stdout) as { file: string; code: string; severity: string }[];
      assert.ok(findings.some((f) => f.file === 'project/sub/app.Dockerfile' && f.code === 'FromAsCasing'), 'the readable files are linted');
      assert.ok(findings.some((f) => f.file.startsWith('project') && f.code === 'berth/unknown-instruction'), 'including the folder after the missing path');
      assert.deepEqual(findings.filter((f) => f.code === 'berth/lint-failed').map((f) => [f.file, f.severity]), [['/dev/zero', 'error'], [fifo, 'error']]);
      assert.match(r.stderr, /cannot read \/dev\/zero: it is not a regular file/);
      assert.match(r.stderr, /cannot read .*no-such-file/);
    } finally {
      s.remove();
    }
  });

  it('a .env symlinked to /dev/stdin, with stdin an open pipe: the lint ends (it hung before)', async () => {
    const s = scratch('berth-cli-stdin-');
    try {
      s.link('.env', '/dev/stdin');
      const file = s.write('compose.yaml', 'services:\n  web:\n    image: "busybox:${TAG}"\n');
      const r = await berthWithOpenStdin(s.fifo('stdin'), 'lint', '--format', 'json', file);
      assert.equal(r.code, 0, 'warnings only');
      assert.deepEqual((JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code), ['compose/unreadable-file', 'compose/unset-variable']);
    } finally {
      s.remove();
    }
  });

  it('a linter that throws on a file is an internal failure: exit 2, not 1, and SARIF for the rest (a fault injected into the registry)', () => {
    const s = scratch('berth-cli-crash-');
    const crashing = { name: 'Crashing', matches: (name: string) => name === 'crash.me', lint: (): never => { throw new RangeError('Maximum call stack size exceeded'); } };
    LINTERS.unshift(crashing);
    try {
      const out: string[] = [];
      const err: string[] = [];
      const code = run(['lint', '--format', 'sarif', s.write('crash.me', 'x'), path.join(fixtures, 'project', 'sub', 'app.Dockerfile')], (t) => out.push(t), (t) => err.push(t));
      assert.equal(code, 2);
      const results = (JSON.parse(out.join('\n')) as { runs: { results: { ruleId: string; level: string; message: { text: string } }[] }[] }).runs[0]!.results;
      assert.ok(results.some((r) => r.ruleId === 'FromAsCasing'), 'the other file is reported');
      const failed = results.find((r) => r.ruleId === 'berth/lint-failed');
      assert.equal(failed?.level, 'error');
      assert.match(failed!.message.text, /Maximum call stack size exceeded/);
      assert.match(err.join('\n'), /could not lint .*crash\.me: RangeError: Maximum call stack size exceeded/);
    } finally {
      LINTERS.splice(LINTERS.indexOf(crashing), 1);
      s.remove();
    }
  });
});

