/**
 * The plain-progress parser and the step-to-line mapping, pinned on output recorded from the real
 * BuildKit of a 20.10 daemon (test/fixtures/build/*.buildkit-20.10.txt). That BuildKit names only
 * the failed step (` > [build 2/2] RUN …:`) and never prints `Dockerfile:N` for a failing RUN.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PlainProgressParser, parseStepName } from '../../../src/build/buildProgress';
import { locateFailures } from '../../../src/build/buildFailures';
import { planSteps, stepCount } from '../../../src/build/buildSteps';
import { buildModel } from '../../../src/language/dockerfile/model';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';

/** Parse and model, as the editor's door gives them. */
const analysed = (source: string): [ReturnType<typeof parseDockerfile>, ReturnType<typeof buildModel>] => {
  const df = parseDockerfile(source);
  return [df, buildModel(df)];
};

const fixtures = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'build');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

function parseAll(output: string, chunk = output.length, expected = 0): PlainProgressParser {
  const parser = new PlainProgressParser(expected);
  for (let i = 0; i < output.length; i += chunk) parser.push(output.slice(i, i + chunk));
  parser.end();
  return parser;
}

describe('BuildKit plain progress', () => {
  it('reads a step name with and without a stage, and with a platform prefix', () => {
    assert.deepEqual(parseStepName('[build 2/2] RUN false'), { stage: 'build', index: 2, total: 2, text: 'RUN false' });
    assert.deepEqual(parseStepName('[2/2] RUN nosuchcmd'), { stage: undefined, index: 2, total: 2, text: 'RUN nosuchcmd' });
    assert.deepEqual(parseStepName('[linux/arm64 build 1/3] COPY . .'), { stage: 'build', index: 1, total: 3, text: 'COPY . .' });
    assert.equal(parseStepName('[internal] load .dockerignore'), undefined);
  });

  it('counts steps done of total and names the failed step of a multi-stage build (recorded)', () => {
    for (const chunk of [7, 4096]) {
      const p = parseAll(fixture('multistage-fail.buildkit-20.10.txt'), chunk).progress;
      assert.equal(p.total, 4, 'deps 2 + build 2');
      assert.equal(p.done, 4, 'CACHED, DONE, DONE, ERROR all ended');
      assert.equal(p.imageId, undefined);
      assert.equal(p.failures.length, 1);
      assert.deepEqual(p.failures[0]?.step, { stage: 'build', index: 2, total: 2, text: 'RUN echo about to fail &&     false' });
      assert.equal(p.failures[0]?.line, undefined, 'BuildKit 20.10 prints no Dockerfile:N for a RUN');
      assert.match(p.failures[0]?.message ?? '', /exit code: 1/);
    }
  });

  it('says which step runs now while a build is under way', () => {
    const out = fixture('multistage-fail.buildkit-20.10.txt');
    const cut = out.indexOf('#6 DONE');
    const p = parseAll(out.slice(0, cut)).progress;
    assert.equal(p.current, '[build 1/2] RUN --mount=type=cache,target=/cache echo "hi" > /cache/x && cp /cache/x /built');
    assert.equal(p.done, 2);
  });

  it('reads the image id of a finished build, and cached steps count as done (recorded)', () => {
    for (const name of ['secret-cache.buildkit-20.10.txt', 'secret-cache-rebuild.buildkit-20.10.txt']) {
      const p = parseAll(fixture(name), 13).progress;
      assert.equal(p.imageId, 'sha256:33f8bc7252ed7b368b0f935da1c506bd6af08f38c9d9d759db4ac05e43e08494');
      assert.equal(p.done, 4);
      assert.equal(p.total, 4);
      assert.deepEqual(p.failures, []);
      assert.equal(p.current, undefined);
    }
  });

  it('takes the total from the Dockerfile before BuildKit has named every step', () => {
    const p = parseAll('#4 [deps 1/2] FROM docker.io/berth-test/busybox\n', undefined, 4).progress;
    assert.equal(p.total, 4);
    assert.equal(p.done, 0);
  });

  it('reads the Dockerfile:N form newer BuildKit prints (buildx; not producible by this daemon)', () => {
    // Shape of BuildKit ≥ 0.10's error report, as `docker buildx build --progress=plain` prints it.
    const out = [
      '#7 [build 2/2] RUN false',
      '#7 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1',
      '------',
      ' > [build 2/2] RUN false:',
      '------',
      'web.Dockerfile:8-9',
      '--------------------',
      '   7 |     ARG GREETING=hi',
      '   8 | >>> RUN echo about to fail && \\',
      '   9 | >>>     false',
      '--------------------',
      'ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
    ].join('\n');
    const [failure] = parseAll(out).progress.failures;
    assert.equal(failure?.file, 'web.Dockerfile');
    assert.equal(failure?.line, 8);
    assert.equal(failure?.endLine, 9);
    assert.match(failure?.message ?? '', /did not complete successfully/);
  });

  it('reads a parse error with its line (recorded)', () => {
    const [failure] = parseAll(fixture('parse-error.buildkit-20.10.txt')).progress.failures;
    assert.equal(failure?.line, 2);
    assert.match(failure?.message ?? '', /unknown instruction: RUNX/);
  });

  it('keeps memory bounded on a runaway output line', () => {
    const parser = new PlainProgressParser();
    for (let i = 0; i < 200; i++) parser.push('x'.repeat(100_000));
    parser.push('\n#1 [1/1] RUN true\n#1 DONE 0.1s\n');
    assert.equal(parser.progress.done, 1);
  });
});

describe('BuildKit steps mapped to Dockerfile lines', () => {
  it('puts the failed RUN of the recorded multi-stage build on its line (both continuation lines)', () => {
    const source = fixture('multistage-fail.Dockerfile');
    const failures = parseAll(fixture('multistage-fail.buildkit-20.10.txt')).progress.failures;
    const [located] = locateFailures(failures, '/ws/Dockerfile', ...analysed(source));
    assert.equal(located?.range.start.line, 7, 'line 8, 0-based 7');
    assert.equal(located?.range.end.line, 8);
    assert.match(located?.message ?? '', /\[build 2\/2\].*exit code: 1/);
  });

  it('maps unnamed stages (stage-N) and counts WORKDIR, not ENV (recorded)', () => {
    const source = fixture('unnamed-stages.Dockerfile');
    const p = parseAll(fixture('unnamed-stages.buildkit-20.10.txt')).progress;
    assert.deepEqual(p.failures[0]?.step, { stage: 'stage-2', index: 3, total: 3, text: 'RUN false' });
    const [located] = locateFailures(p.failures, '/ws/Dockerfile.two', ...analysed(source));
    assert.equal(located?.range.start.line, 8);
    const plan = planSteps(buildModel(parseDockerfile(source)));
    assert.deepEqual(plan.map((s) => [s.label, s.steps.map((i) => i.name)]), [
      ['stage-0', ['FROM', 'WORKDIR', 'RUN']],
      ['stage-1', ['COPY']],
      ['stage-2', ['FROM', 'COPY', 'RUN']],
    ]);
  });

  it('maps a one-stage build, whose steps have no stage name', () => {
    const source = 'FROM berth-test/busybox\nRUN nosuchcmd\n';
    const failures = parseAll(fixture('parse-error.buildkit-20.10.txt').replace(/.*/s, ' > [2/2] RUN nosuchcmd:\n')).progress.failures;
    assert.equal(locateFailures(failures, '/ws/Dockerfile', ...analysed(source))[0]?.range.start.line, 1);
  });

  it('uses a Dockerfile:N line only when it names this file', () => {
    const failures = [{ file: 'other.Dockerfile', line: 3, message: 'x' }, { file: 'Dockerfile', line: 2, message: 'y' }];
    const located = locateFailures(failures, '/ws/Dockerfile', ...analysed('FROM a\nRUN b\nRUN c\n'));
    assert.deepEqual(located.map((l) => l.range.start.line), [1]);
  });

  it('finds a step by its text when the count disagrees (an edited file)', () => {
    const source = 'FROM a AS x\nRUN one\nRUN inserted\nRUN two\n';
    const [located] = locateFailures([{ step: { stage: undefined, index: 3, total: 3, text: 'RUN two' }, message: 'm' }], '/ws/Dockerfile', ...analysed(source));
    assert.equal(located?.range.start.line, 3);
  });

  it('counts the steps a target needs: its stages and those it copies or mounts from', () => {
    const plan = planSteps(buildModel(parseDockerfile(fixture('multistage-fail.Dockerfile'))));
    assert.equal(stepCount(plan, 'deps'), 2);
    assert.equal(stepCount(plan, 'build'), 4);
    assert.equal(stepCount(plan), 5);
    const mount = planSteps(buildModel(parseDockerfile('FROM a AS tools\nRUN t\nFROM b AS app\nRUN --mount=type=bind,from=tools,target=/t x\nFROM c AS other\nRUN y\n')));
    assert.equal(stepCount(mount, 'app'), 4);
    assert.equal(stepCount(mount, 'nope'), 0);
  });
});
