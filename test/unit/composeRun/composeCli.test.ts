import * as assert from 'node:assert/strict';
import { ComposeVerbs, composeArgs, detectComposeCli, type ComposeCli, type ProcessRunner } from '../../../src/compose/composeCli';
import { composeProfiles } from '../../../src/language/compose/composeProfiles';
import { isComposeFileName, targetFromFile, targetFromLabels } from '../../../src/compose/composeTargets';

const v2: ComposeCli = { flavor: 'v2', command: 'docker', prefix: ['compose'], version: '2.29.0' };
const v1: ComposeCli = { flavor: 'v1', command: 'docker-compose', prefix: [], version: '1.29.2' };

describe('compose CLI detection', () => {
  const runner = (answers: Record<string, { code: number; stdout: string } | Error>): ProcessRunner => async (command, args) => {
    const answer = answers[`${command} ${args.join(' ')}`];
    if (!answer || answer instanceof Error) throw answer ?? new Error('ENOENT');
    return answer;
  };

  it('prefers docker compose (v2)', async () => {
    const cli = await detectComposeCli(runner({ 'docker compose version --short': { code: 0, stdout: '2.29.0\n' }, 'docker-compose version --short': { code: 0, stdout: '1.29.2' } }));
    assert.deepEqual(cli, v2);
  });

  it('falls back to docker-compose (v1) when the docker CLI has no compose plugin', async () => {
    const cli = await detectComposeCli(runner({ 'docker compose version --short': { code: 1, stdout: '' }, 'docker-compose version --short': { code: 0, stdout: '1.29.2\n' } }));
    assert.deepEqual(cli, v1);
  });

  it('answers undefined when neither exists', async () => {
    assert.equal(await detectComposeCli(runner({})), undefined);
  });
});

describe('compose arguments', () => {
  const target = { files: ['/w/compose.yaml', '/w/compose.override.yaml'], projectDirectory: '/w', label: 'compose.yaml' };

  it('builds v2 and v1 argument arrays with every value inside its flag', () => {
    assert.deepEqual(composeArgs(v2, target, ComposeVerbs.up()), [
      'compose',
      '--file=/w/compose.yaml',
      '--file=/w/compose.override.yaml',
      '--project-directory=/w',
      'up',
      '--detach',
      '--build',
    ]);
    assert.deepEqual(composeArgs(v1, { ...target, profiles: ['debug'] }, ComposeVerbs.down(true)).slice(0, 1), ['--file=/w/compose.yaml']);
    assert.ok(composeArgs(v1, { ...target, profiles: ['debug'] }, ComposeVerbs.down(true)).includes('--profile=debug'));
    assert.deepEqual(ComposeVerbs.down(true), ['down', '--volumes']);
  });

  it('keeps hostile project names and service names as single data arguments', () => {
    const hostile = 'p$(touch /tmp/x) "q" `id` --help é 🚢';
    const args = composeArgs(v2, { files: [], projectName: hostile, projectDirectory: undefined, label: hostile }, ComposeVerbs.restart(['--rm']));
    assert.deepEqual(args, ['compose', `--project-name=${hostile}`, 'restart', '--', '--rm']);
  });

  it('scales and rebuilds one service only', () => {
    assert.deepEqual(ComposeVerbs.scale('web', 3), ['up', '--detach', '--no-recreate', '--scale=web=3', '--', 'web']);
    assert.deepEqual(ComposeVerbs.rebuild('web'), ['up', '--detach', '--build', '--force-recreate', '--no-deps', '--', 'web']);
  });
});

describe('compose targets', () => {
  it('recognises compose file names', () => {
    for (const n of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'compose.prod.yaml', 'docker-compose.ci.yml']) assert.ok(isComposeFileName(n), n);
    for (const n of ['composer.json', 'my-compose.yaml', 'compose.json', 'Dockerfile']) assert.ok(!isComposeFileName(n), n);
  });

  it('adds the override file for a default-named file, as Compose does without -f', () => {
    const exists = (p: string): boolean => p === '/w/compose.override.yaml';
    assert.deepEqual(targetFromFile('/w/compose.yaml', [], exists).files, ['/w/compose.yaml', '/w/compose.override.yaml']);
    assert.deepEqual(targetFromFile('/w/compose.prod.yaml', [], exists).files, ['/w/compose.prod.yaml']);
    assert.deepEqual(targetFromFile('/w/docker-compose.yml', [], exists).files, ['/w/docker-compose.yml']);
  });

  it('uses the workspace -f list when it names the file', () => {
    const t = targetFromFile('/w/compose.yaml', ['compose.yaml', 'compose.dev.yaml'], () => false);
    assert.deepEqual(t.files, ['/w/compose.yaml', '/w/compose.dev.yaml']);
    assert.deepEqual(targetFromFile('/w/other/compose.yaml', ['compose.yaml'], () => false).files, ['/w/other/compose.yaml']);
  });

  it('rebuilds a target from a running project’s labels, using files only when they exist here', () => {
    const labels = {
      'com.docker.compose.project': 'shop',
      'com.docker.compose.project.working_dir': '/srv/shop',
      'com.docker.compose.project.config_files': '/srv/shop/compose.yaml,compose.override.yaml',
    };
    const here = targetFromLabels(labels, () => true);
    assert.deepEqual(here, { files: ['/srv/shop/compose.yaml', '/srv/shop/compose.override.yaml'], projectName: 'shop', projectDirectory: '/srv/shop', label: 'shop' });
    const remote = targetFromLabels(labels, () => false);
    assert.deepEqual(remote, { files: [], projectName: 'shop', projectDirectory: undefined, label: 'shop' });
    assert.equal(targetFromLabels({}), undefined);
  });

  it('reads the profiles a file declares and survives broken YAML', () => {
    assert.deepEqual(composeProfiles('services:\n  a: {image: x, profiles: [debug, tools]}\n  b: {image: y, profiles: [debug]}\n  c: {image: z}\n'), ['debug', 'tools']);
    assert.deepEqual(composeProfiles('services: [\n'), []);
    assert.deepEqual(composeProfiles(''), []);
  });
});
