/**
 * Build arguments, builder choice and the engine environment. The builder choice against the two
 * real docker CLIs of the test machine is in test/engine/builderChoice.test.ts.
 */
import * as assert from 'node:assert/strict';
import { buildArgs, BuildOptionsError, builderEnvironment, defaultBuildOptions } from '../../../src/build/buildArgs';
import { chooseBuilder, engineEnvironment, type ProcessRunner } from '../../../src/build/builderChoice';
import { parseDockerHost } from '../../../src/engine/endpoint';

describe('docker build arguments', () => {
  const base = defaultBuildOptions('/ws/Dockerfile', '/ws');

  it('puts every option in --flag=value form and the context after --', () => {
    const args = buildArgs(
      { ...base, tags: ['app:dev'], target: 'build', buildArgs: ['GREETING=$(touch /tmp/pwn) ${HOME}'], platform: 'linux/amd64', secrets: ['id=token,src=/ws/tok'], ssh: ['default'], cacheFrom: ['type=registry,ref=r/app:cache'], inlineCache: true, noCache: true, pull: true },
      'classic',
      '/tmp/iid',
    );
    assert.deepEqual(args, [
      'build', '--progress=plain', '--file=/ws/Dockerfile', '--tag=app:dev', '--target=build', '--build-arg=GREETING=$(touch /tmp/pwn) ${HOME}',
      '--build-arg=BUILDKIT_INLINE_CACHE=1', '--platform=linux/amd64', '--secret=id=token,src=/ws/tok', '--ssh=default',
      '--cache-from=type=registry,ref=r/app:cache', '--no-cache', '--pull', '--iidfile=/tmp/iid', '--', '/ws',
    ]);
  });

  it('uses buildx build --load with buildx, and cache export only there', () => {
    assert.deepEqual(buildArgs({ ...base, cacheTo: ['type=local,dest=/c'] }, 'buildx').slice(0, 3), ['buildx', 'build', '--load']);
    assert.ok(buildArgs({ ...base, cacheTo: ['type=local,dest=/c'] }, 'buildx').includes('--cache-to=type=local,dest=/c'));
    assert.throws(() => buildArgs({ ...base, cacheTo: ['type=local,dest=/c'] }, 'classic'), /needs docker buildx/);
    assert.deepEqual(builderEnvironment('classic'), { DOCKER_BUILDKIT: '1' });
    assert.deepEqual(builderEnvironment('buildx'), {});
  });

  it('keeps a context folder that looks like a flag a folder', () => {
    assert.deepEqual(buildArgs({ ...base, context: '--help' }, 'classic').slice(-2), ['--', '--help']);
  });

  it('refuses malformed build args, secrets, ssh and tags with what to write', () => {
    for (const bad of [{ buildArgs: ['=x'] }, { buildArgs: ['1A=x'] }, { secrets: ['token'] }, { secrets: ['id=a,src='] }, { ssh: ['a b'] }, { tags: ['my app'] }, { context: ' ' }]) {
      assert.throws(() => buildArgs({ ...base, ...bad }, 'classic'), BuildOptionsError, JSON.stringify(bad));
    }
    assert.doesNotThrow(() => buildArgs({ ...base, buildArgs: ['FROM_ENV'], secrets: ['id=t,env=TOKEN', 'id=u'], ssh: ['default', 'key=/home/me/.ssh/id'] }, 'classic'));
  });
});

describe('builder choice', () => {
  it('takes buildx when `buildx version` answers', async () => {
    const run: ProcessRunner = async (_c, args) => (args[0] === '--version' ? { code: 0, stdout: 'Docker version 28.2.2, build e6534b4\n' } : { code: 0, stdout: 'github.com/docker/buildx v0.24.0\n' });
    assert.equal((await chooseBuilder('docker', run)).kind, 'buildx');
  });
});

describe('the engine environment for the CLI', () => {
  it('points DOCKER_HOST at Berth engine and drops inherited engine variables', () => {
    const env = engineEnvironment(parseDockerHost('tcp://127.0.0.1:2376', { source: 'setting', contextName: 'default', tls: { verify: true, caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem' } }), {
      DOCKER_CONTEXT: 'elsewhere', DOCKER_HOST: 'unix:///other.sock', PATH: '/bin',
    });
    assert.deepEqual(env, { PATH: '/bin', DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_CERT_PATH: '/certs', DOCKER_TLS_VERIFY: '1' });
  });

  it('names the docker context when the endpoint came from one', () => {
    const env = engineEnvironment(parseDockerHost('ssh://me@box', { source: 'context', contextName: 'remote' }), { DOCKER_HOST: 'unix:///x' });
    assert.deepEqual(env, { DOCKER_CONTEXT: 'remote' });
  });
});
