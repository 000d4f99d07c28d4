/**
 * Berth's merge against `docker-compose config` (Compose 1.29, Debian's package) on the shared
 * corpus: every file v1 accepts must agree after `normalizeForComparison`, except the few named
 * below where v1 keeps a legacy behaviour the compose spec does not have.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { nodeComposeHost } from '../../../src/language/compose/composeHost';
import { mergeCompose } from '../../../src/language/compose/merge';
import { CORPUS, corpusFiles } from './corpus';
import { normalizeForComparison } from './normalizeForComparison';

const V1 = '/usr/bin/docker-compose';

/** Files where v1 differs from the spec, by path under the corpus, with the reason. */
const V1_LEGACY: Record<string, string> = {
  'compose-e2e/logs-test/cat.yaml': '`${FILE}` is unset, so the bind source is empty; v1 reads an empty source as `.` and prints it unresolved, compose-go rejects it',
};

/** The same small environment for both sides, so the shell running the tests does not leak in. */
const ENV = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: os.homedir() };

/** A pair with one of each merge rule v1 shares with the spec, and both kinds of extends. */
const PAIR = path.join(os.tmpdir(), `berth-merge-agreement-${process.pid}`);
const PAIR_FILES: Record<string, string> = {
  'compose.yaml': [
    'services:',
    '  web:',
    '    image: nginx:1',
    '    command: [nginx, -g, daemon off;]',
    '    ports: ["8080:80", "9000:9000"]',
    '    expose: ["3000"]',
    '    dns: [8.8.8.8]',
    '    environment: [A=1, B=2]',
    '    labels: {x: "1"}',
    '    volumes: ["./data:/data", "logs:/logs"]',
    '    build: ./app',
    '  worker:',
    '    extends: {file: common/base.yaml, service: base}',
    '    environment: {W: "1"}',
    '  helper:',
    '    extends: web',
    '    image: busybox',
    'volumes:',
    '  logs:',
  ].join('\n'),
  'compose.override.yaml': [
    'services:',
    '  web:',
    '    command: [nginx]',
    '    ports: ["8080:80", "8443:443"]',
    '    expose: ["3000", "4000"]',
    '    dns: [1.1.1.1]',
    '    environment: {B: "3", C: "4"}',
    '    labels: [y=2]',
    '    volumes: ["./other:/data:ro"]',
    '    build: {dockerfile: Dockerfile.dev}',
  ].join('\n'),
  'common/base.yaml': ['services:', '  base:', '    image: alpine', '    build: ./src', '    environment: {BASE: "1"}', '    volumes: ["./conf:/conf"]'].join('\n'),
  // v1 checks that build contexts exist.
  'app/.keep': '',
  'common/src/.keep': '',
};
const PAIR_LIST = [path.join(PAIR, 'compose.yaml'), path.join(PAIR, 'compose.override.yaml')];

interface V1Result {
  code: number;
  stdout: string;
}

/**
 * Runs v1's own entry point (`compose.cli.main.main`, what /usr/bin/docker-compose calls) once per
 * file inside one Python process: 97 interpreter start-ups take over a minute on a busy machine,
 * this takes seconds. One file is also run through the real CLI to show both give the same output.
 */
const DRIVER = [
  'import contextlib, io, json, os, sys',
  'from compose.cli.main import main',
  'for arg in sys.argv[1:]:',
  '    files = json.loads(arg)',
  '    os.chdir(os.path.dirname(files[0]))',
  "    sys.argv = ['docker-compose'] + [a for f in files for a in ('-f', f)] + ['config']",
  '    out, code = io.StringIO(), 0',
  '    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):',
  '        try:',
  '            main()',
  '        except SystemExit as e:',
  '            code = e.code if isinstance(e.code, int) else 1',
  "    sys.stdout.write(json.dumps({'file': os.pathsep.join(files), 'code': code, 'stdout': out.getvalue()}) + '\\n')",
].join('\n');

function run(command: string, args: string[], cwd: string): Promise<V1Result> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 60_000, env: ENV, maxBuffer: 64 << 20 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout });
    });
  });
}

/** v1's output per file list (keyed by the files joined with the path separator). */
async function runAll(lists: string[][]): Promise<Map<string, V1Result>> {
  const all = await run('/usr/bin/python3', ['-c', DRIVER, ...lists.map((l) => JSON.stringify(l))], os.tmpdir());
  assert.equal(all.code, 0, 'the docker-compose driver failed');
  const results = new Map<string, V1Result>();
  for (const line of all.stdout.trim().split('\n')) {
    const r = JSON.parse(line) as { file: string; code: number; stdout: string };
    results.set(r.file, { code: r.code, stdout: r.stdout });
  }
  return results;
}

function differs(a: unknown, b: unknown): string | undefined {
  try {
    assert.deepStrictEqual(a, b);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('compose merge agrees with docker-compose 1.29 config', function () {
  this.timeout(120_000);
  let v1: Map<string, V1Result> | undefined;
  let pair: V1Result | undefined;

  before(async () => {
    // The testbed installs docker-compose and CI has ../shared: a missing one is a broken setup, not a reason to skip.
    assert.ok(fs.existsSync(V1), `${V1} is missing: run npm run testbed (it installs Debian's docker-compose)`);
    assert.ok(fs.existsSync(CORPUS), `${CORPUS} is missing: the shared corpus must sit beside the repo`);
    fs.mkdirSync(PAIR, { recursive: true });
    for (const [name, text] of Object.entries(PAIR_FILES)) {
      fs.mkdirSync(path.dirname(path.join(PAIR, name)), { recursive: true });
      fs.writeFileSync(path.join(PAIR, name), text);
    }
    v1 = await runAll([...corpusFiles().map((f) => [f]), PAIR_LIST]);
    pair = v1.get(PAIR_LIST.join(path.delimiter));
    v1.delete(PAIR_LIST.join(path.delimiter));
  });

  after(() => fs.rmSync(PAIR, { recursive: true, force: true }));

  it('agrees on an override pair and on extends, in the file and from another file', () => {
    const r = pair!;
    assert.equal(r.code, 0, 'v1 accepts the pair');
    const ours = normalizeForComparison(mergeCompose(PAIR_LIST, nodeComposeHost(ENV)).model);
    assert.deepStrictEqual(ours, normalizeForComparison(parse(r.stdout) as Record<string, unknown>));
  });

  it('gets the same output from the driver as from the docker-compose CLI', async () => {
    const [file, viaDriver] = [...v1!].find(([, r]) => r.code === 0)!;
    const viaCli = await run(V1, ['-f', file, 'config'], path.dirname(file));
    assert.deepEqual(viaCli, viaDriver);
  });

  it('agrees on every corpus file v1 accepts, bar the named legacy cases', () => {
    const host = nodeComposeHost(ENV);
    const accepted = [...v1!].filter(([, r]) => r.code === 0);
    const disagree: string[] = [];
    let agree = 0;
    for (const [file, r] of accepted) {
      const relative = path.relative(CORPUS, file).split(path.sep).join('/');
      const ours = normalizeForComparison(mergeCompose([file], host).model);
      const theirs = normalizeForComparison(parse(r.stdout) as Record<string, unknown>);
      const difference = differs(ours, theirs);
      const legacy = V1_LEGACY[relative];
      if (difference === undefined) agree++;
      if (difference === undefined && legacy) disagree.push(`${relative} agrees now: take it off the legacy list`);
      if (difference !== undefined && !legacy) disagree.push(`${relative}:\n${difference}`);
    }
    console.log(`      ${agree} of ${accepted.length} files agree; ${Object.keys(V1_LEGACY).length} on the v1 legacy list; ${v1!.size - accepted.length} of ${v1!.size} rejected by v1 (newer syntax, or fixtures meant to fail), not compared`);
    assert.equal(disagree.length, 0, disagree.join('\n\n'));
    assert.ok(accepted.length > 40, `only ${accepted.length} files accepted by v1: is docker-compose working?`);
  });
});
