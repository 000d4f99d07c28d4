/** `docker run` arguments for Run Image and berth-run tasks, and the build prompts' pure parts. */
import * as assert from 'node:assert/strict';
import { initialOptions, splitList, stageNames, tagFromFolder } from '../../../src/build/buildDefaults';
import { buildModel } from '../../../src/language/dockerfile/model';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';
import { defaultRunOptions, isBind, runArgs, RunOptionsError } from '../../../src/build/runArgs';

describe('docker run arguments', () => {
  it('puts every option in --flag=value form and the image after --', () => {
    const args = runArgs({
      ...defaultRunOptions('app:dev'),
      name: 'web',
      ports: ['127.0.0.1:8080:80', '5353:53/udp'],
      env: ['MODE=$(touch /tmp/pwn) ${HOME}'],
      envFile: '/ws/.env',
      volumes: ['data:/data', '/ws/src:/src:ro'],
      network: 'net$(x) "q"',
      restart: 'unless-stopped',
      command: ['sh', '-c', 'echo $HOME'],
      labels: ['berth.test=1'],
    });
    assert.deepEqual(args, [
      'run', '--detach', '--name=web', '--publish=127.0.0.1:8080:80', '--publish=5353:53/udp', '--env=MODE=$(touch /tmp/pwn) ${HOME}', '--env-file=/ws/.env',
      '--volume=data:/data', '--volume=/ws/src:/src:ro', '--network=net$(x) "q"', '--restart=unless-stopped', '--label=berth.test=1', '--', 'app:dev', 'sh', '-c', 'echo $HOME',
    ]);
  });

  it('runs interactive with a terminal, or removed when it exits', () => {
    assert.deepEqual(runArgs({ ...defaultRunOptions('a'), interactive: true, remove: true }), ['run', '--interactive', '--tty', '--rm', '--', 'a']);
  });

  it('refuses what docker would refuse, saying what to write', () => {
    for (const bad of [{ image: '--privileged x' }, { image: '' }, { name: 'a b' }, { ports: ['http'] }, { env: ['=x'] }, { volumes: ['nocolon'] }, { restart: 'sometimes' }, { remove: true, restart: 'always' }]) {
      assert.throws(() => runArgs({ ...defaultRunOptions('a'), ...bad }), RunOptionsError, JSON.stringify(bad));
    }
  });

  it('tells binds from named volumes', () => {
    assert.equal(isBind('/ws:/w'), true);
    assert.equal(isBind('./src:/w'), true);
    assert.equal(isBind('~/x:/w'), true);
    assert.equal(isBind('data:/data'), false);
  });
});

describe('build prompts, pure parts', () => {
  it('prefills build args from the ARGs with their defaults, and a tag from the folder', () => {
    const options = initialOptions('/ws/My App/Dockerfile', parseDockerfile('ARG BASE=alpine\nFROM ${BASE} AS build\nARG GREETING="hello world"\nARG EMPTY\nARG BASE\n'));
    assert.deepEqual(options.buildArgs, ['BASE=alpine', 'GREETING=hello world', 'EMPTY=']);
    assert.deepEqual(options.tags, ['my-app:latest']);
    assert.equal(options.context, '/ws/My App');
  });

  it('splits one-line lists on ; and drops build args left empty (their default applies)', () => {
    assert.deepEqual(splitList(' a=1 ;; EMPTY= ; b=x;y ', 'buildArgs'), ['a=1', 'b=x', 'y']);
    assert.deepEqual(splitList('id=a,src=/x; id=b,env=B', 'secrets'), ['id=a,src=/x', 'id=b,env=B']);
  });

  it('names the stages, unnamed ones by index', () => {
    assert.deepEqual(stageNames(buildModel(parseDockerfile('FROM a AS Build\nFROM b\nFROM c AS final\n'))), ['build', '1', 'final']);
    assert.equal(tagFromFolder('/'), 'image:latest');
  });
});
