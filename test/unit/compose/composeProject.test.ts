/**
 * A compose file in its project: compose files told by content, fragments, `-f` lists whose paths
 * start at the first file's folder, and services that have nothing to run.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { looksLikeCompose } from '../../../src/language/compose/composeContent';
import { projectPlace, resolveFileList } from '../../../src/language/compose/composeProject';
import { lintComposeFile } from '../../../src/language/compose/lintCompose';
import { codes, covered, memoryHost, PROJECT, withCode, yaml } from './helpers';

const at = (p: string): string => path.join(PROJECT, p);

describe('compose files in their project', () => {
  it('tells a compose file by its top-level services: mapping, whatever its name', () => {
    assert.ok(looksLikeCompose(yaml('services:', '  web:', '    image: nginx:1.27')));
    assert.ok(looksLikeCompose(yaml('---', 'x-common: &c', '  restart: always', 'services:', '  jibri:', '    <<: *c', '    image: jitsi/jibri')));
    assert.ok(looksLikeCompose(yaml('version: "3.8"', 'services:  # the stack', '  web:', '    build: .', 'networks:', '  front: {}')));
  });

  it('does not take CI files for compose: .travis.yml, .gitlab-ci.yml and GitHub workflows', () => {
    const travis = yaml('language: go', 'services:', '  - docker', 'script: make test');
    const gitlab = yaml('image: golang:1.22', 'services:', '  - name: postgres:16', '    alias: db', 'test:', '  script: go test ./...');
    const workflow = yaml('name: ci', 'on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    services:', '      redis:', '        image: redis:7', '    steps:', '      - run: make');
    const kubernetes = yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  ports:', '    - port: 80');
    for (const text of [travis, gitlab, workflow, kubernetes, yaml('services:'), yaml('services: {}'), yaml('services:', '  web: nginx')]) assert.equal(looksLikeCompose(text), false, text);
  });

  it('places a file: alone, first of a -f list, or a fragment (later in the list, or named override)', () => {
    assert.deepEqual(projectPlace(at('stack.yml')), { files: [at('stack.yml')], dir: PROJECT, fragment: false });
    const list = [at('docker-compose.yml'), at('extensions/fleet/fleet-compose.yml')];
    assert.deepEqual(projectPlace(list[0]!, list), { files: list, dir: PROJECT, fragment: false });
    assert.deepEqual(projectPlace(list[1]!, list), { files: list, dir: PROJECT, fragment: true });
    assert.equal(projectPlace(at('docker-compose.test.override.yml')).fragment, true);
    assert.equal(projectPlace(at('other.yml'), list).fragment, false, 'a file outside the list stands alone');
  });

  it('resolves a workspace -f list for a file in a subfolder from the folder above it that names the file', () => {
    const list = ['docker-compose.yml', 'extensions/fleet/fleet-compose.yml'];
    const expected = [at('docker-compose.yml'), at('extensions/fleet/fleet-compose.yml')];
    assert.deepEqual(resolveFileList(at('docker-compose.yml'), list, PROJECT), expected);
    assert.deepEqual(resolveFileList(at('extensions/fleet/fleet-compose.yml'), list, PROJECT), expected);
    assert.deepEqual(resolveFileList(at('extensions/fleet/fleet-compose.yml'), list), [], 'without a workspace folder, only the file’s own');
    assert.deepEqual(resolveFileList(at('extensions/filebeat/filebeat-compose.yml'), list, PROJECT), [], 'not in the list');
    assert.deepEqual(resolveFileList(at('extensions/fleet/fleet-compose.yml'), list, at('extensions')), [], 'never above the workspace folder');
  });

  it('resolves the paths of a later -f file from the first file’s folder, as Compose does', () => {
    const fleet = yaml('services:', '  fleet-server:', '    build:', '      context: extensions/fleet/', '    networks: [elk]');
    const files = {
      'docker-compose.yml': yaml('services:', '  elasticsearch:', '    image: elasticsearch:9', '    networks: [elk]', 'networks:', '  elk: {}'),
      'extensions/fleet/Dockerfile': 'FROM elastic-agent:9\n',
    };
    const alone = lintComposeFile(at('extensions/fleet/fleet-compose.yml'), fleet, memoryHost(files));
    assert.deepEqual(codes(alone).sort(), ['compose/missing-build-context', 'compose/undefined-network'], 'alone, as Compose would say');
    const host = { ...memoryHost(files), projectFiles: [at('docker-compose.yml'), at('extensions/fleet/fleet-compose.yml')] };
    assert.deepEqual(codes(lintComposeFile(at('extensions/fleet/fleet-compose.yml'), fleet, host)), [], 'merged the way it runs: clean');
  });
});

describe('compose/no-image: a service with neither image, build nor provider', () => {
  const lintAt = (name: string, text: string, files: Record<string, string> = {}, projectFiles?: string[]) =>
    lintComposeFile(at(name), text, { ...memoryHost(files), ...(projectFiles ? { projectFiles: projectFiles.map(at) } : {}) });

  it('is an error on the service name, in a file that stands alone', () => {
    const text = yaml('services:', '  web:', '    ports: ["80:80"]', '  db:', '    image: postgres:16', '  api:', '    build: .', '  model:', '    provider:', '      type: model');
    const found = withCode(lintAt('compose.yaml', text, { Dockerfile: 'FROM a\n' }), 'compose/no-image');
    assert.deepEqual(found.map((f) => [covered(text, f), f.severity]), [['web', 'error']]);
    assert.match(found[0]!.message, /Service `web` has neither `image`, `build` nor `provider`/);
  });

  it('judges the merged project: the override, a -f list or extends may bring the image', () => {
    const base = yaml('services:', '  web:', '    ports: ["80:80"]');
    const override = yaml('services:', '  web:', '    image: nginx:1.27');
    assert.deepEqual(codes(lintAt('compose.yaml', base, { 'compose.override.yaml': override }, ['compose.yaml', 'compose.override.yaml'])), []);
    assert.deepEqual(codes(lintAt('base.yml', base, { 'prod.yml': override }, ['base.yml', 'prod.yml'])), []);
    const extended = yaml('services:', '  web:', '    extends:', '      file: common.yml', '      service: app');
    assert.deepEqual(codes(lintAt('compose.yaml', extended, { 'common.yml': yaml('services:', '  app:', '    image: a:1') })), []);
    assert.deepEqual(codes(lintAt('compose.yaml', yaml('services:', '  web:', '    extends: app', '  app:', '    image: a:1'))), []);
    const anchored = yaml('x-app: &app', '  image: a:1', 'services:', '  web:', '    <<: *app');
    assert.deepEqual(codes(lintAt('compose.yaml', anchored)), []);
  });

  it('still fires when the merged project has nothing either, and never on a fragment', () => {
    const base = yaml('services:', '  web:', '    ports: ["80:80"]');
    const override = yaml('services:', '  web:', '    environment: { A: "1" }');
    assert.deepEqual(codes(lintAt('compose.yaml', base, { 'compose.override.yaml': override }, ['compose.yaml', 'compose.override.yaml'])), ['compose/no-image']);
    assert.deepEqual(codes(lintAt('compose.override.yaml', override, { 'compose.yaml': base })), [], 'named override: a fragment');
    assert.deepEqual(codes(lintAt('ci/low-memory.yaml', override, { 'compose.yaml': base }, ['compose.yaml', 'ci/low-memory.yaml'])), [], 'a later -f entry: a fragment');
    assert.deepEqual(codes(lintAt('ci/low-memory.yaml', override)), ['compose/no-image'], 'the same file alone is what Compose would refuse');
  });

  it('says nothing when an extends it cannot follow may bring the image', () => {
    const text = yaml('services:', '  web:', '    extends:', '      file: missing.yml', '      service: app');
    assert.deepEqual(withCode(lintAt('compose.yaml', text), 'compose/no-image'), []);
  });
});
