/**
 * Berth's build cores against the real BuildKit (the 20.10 CLI with DOCKER_BUILDKIT=1 and the
 * daemon's own BuildKit): the argument array Berth makes builds a multi-stage file with a cache
 * mount, a secret, a target and build args; the progress parser sees every step and the image id;
 * a failing RUN is mapped to its Dockerfile line; the secret never lands in the image.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildArgs, builderEnvironment, defaultBuildOptions, type BuildOptions } from '../../src/build/buildArgs';
import { locateFailures } from '../../src/build/buildFailures';
import { PlainProgressParser } from '../../src/build/buildProgress';
import { planSteps, stepCount } from '../../src/build/buildSteps';
import { buildModel } from '../../src/language/dockerfile/model';
import { parseDockerfile } from '../../src/language/dockerfile/parser';
import { docker, runId, TEST_LABEL } from '../support/docker';

const DOCKER = process.env.BERTH_DOCKER_CLI || '/usr/bin/docker';
const SECRET = 'berth-secret-value-7f3c';
const project = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'build', 'project');
const dockerfile = path.join(project, 'Dockerfile');

/** Runs the CLI as Berth does (argument array, no shell) and feeds its output to the parser. */
function build(options: BuildOptions, cwd = options.context): Promise<{ code: number; output: string; parser: PlainProgressParser; iid: string }> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-test-'));
  const iidFile = path.join(temp, 'iid');
  const parser = new PlainProgressParser(stepCount(planSteps(buildModel(parseDockerfile(fs.readFileSync(dockerfile, 'utf8')))), options.target));
  return new Promise((resolve) => {
    const child = spawn(DOCKER, buildArgs(options, 'classic', iidFile), { cwd, env: { ...process.env, ...builderEnvironment('classic') } });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => {
        output += text;
        parser.push(text);
      });
    }
    child.on('close', (code) => {
      parser.end();
      const iid = fs.existsSync(iidFile) ? fs.readFileSync(iidFile, 'utf8').trim() : '';
      fs.rmSync(temp, { recursive: true, force: true });
      resolve({ code: code ?? 1, output, parser, iid });
    });
  });
}

describe('BuildKit builds with Berth arguments (real engine)', function () {
  this.timeout(120_000);
  const tag = `berth-test/build-${runId}:secret`;
  const secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-secret-'));
  const secretFile = path.join(secretDir, 'token');
  fs.writeFileSync(secretFile, SECRET);
  const options: BuildOptions = {
    ...defaultBuildOptions(dockerfile, project),
    tags: [tag],
    target: 'secret',
    buildArgs: ['GREETING=bonjour'],
    secrets: [`id=token,src=${secretFile}`],
  };

  after(async () => {
    fs.rmSync(secretDir, { recursive: true, force: true });
    await docker(['rmi', '-f', tag]).catch(() => undefined);
  });

  it('builds the target stage with a cache mount, a secret and a build arg', async () => {
    const result = await build(options);
    assert.equal(result.code, 0, result.output);
    const progress = result.parser.progress;
    assert.equal(progress.total, 3, 'FROM + RUN in base, RUN in secret');
    assert.equal(progress.done, 3);
    assert.deepEqual(progress.failures, []);
    assert.equal(progress.imageId, result.iid);
    assert.equal(await docker(['run', '--rm', '--label', `${TEST_LABEL}=${runId}`, tag, 'cat', '/greeting', '/secret-length']), `bonjour\n${SECRET.length}`);
  });

  it('keeps the secret out of the image, its history and the output', async () => {
    const history = await docker(['history', '--no-trunc', tag]);
    assert.ok(!history.includes(SECRET), 'secret in docker history');
    const saved = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn(DOCKER, ['save', tag]);
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', reject);
      child.on('close', () => resolve(Buffer.concat(chunks)));
    });
    assert.ok(saved.length > 1000, 'docker save gave an archive');
    assert.equal(saved.indexOf(SECRET), -1, 'secret in docker save');
    const again = await build(options);
    assert.equal(again.code, 0);
    assert.ok(!again.output.includes(SECRET), 'secret in build output');
  });

  it('fails on the RUN without the secret, and the failure lands on that RUN line', async () => {
    const result = await build({ ...options, tags: [], secrets: [], noCache: true });
    assert.notEqual(result.code, 0);
    const failures = result.parser.progress.failures;
    assert.equal(failures[0]?.step?.stage, 'secret');
    const df = parseDockerfile(fs.readFileSync(dockerfile, 'utf8'));
    const [located] = locateFailures(failures, dockerfile, df, buildModel(df));
    assert.equal(located?.range.start.line, 7, 'the RUN on line 8');
    assert.equal(located?.range.end.line, 8, 'through its continuation line');
    assert.match(located?.message ?? '', /\[secret 1\/1\].*exit code: [12]/);
  });

  it('passes a context folder that starts with a dash as a folder', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-dash-'));
    const context = path.join(parent, '--help');
    fs.mkdirSync(context);
    try {
      fs.copyFileSync(dockerfile, path.join(context, 'Dockerfile'));
      const result = await build({ ...options, dockerfile: path.join(context, 'Dockerfile'), tags: [], target: 'base', secrets: [], context: '--help' }, parent);
      // Relative to cwd = options.context: the CLI gets `-- --help`, a folder, not its help text.
      assert.equal(result.code, 0, result.output);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
