import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse } from 'yaml';
import { mergeCompose } from '../../../src/language/compose/merge';
import { interpolate } from '../../../src/language/compose/interpolate';
import { memoryHost, PROJECT, yaml } from './helpers';

/** Merges compose.yaml then compose.override.yaml (when given) and returns one service. */
function merged(base: string, override?: string, extra: Record<string, string> = {}, env: Record<string, string> = {}) {
  const files = { 'compose.yaml': base, ...(override ? { 'compose.override.yaml': override } : {}), ...extra };
  const list = ['compose.yaml', ...(override ? ['compose.override.yaml'] : [])].map((f) => path.join(PROJECT, f));
  return mergeCompose(list, memoryHost(files, env));
}

function service(base: string, override?: string, extra: Record<string, string> = {}, env: Record<string, string> = {}): Record<string, unknown> {
  const model = merged(base, override, extra, env).model;
  return (model['services'] as Record<string, Record<string, unknown>>)['web']!;
}

describe('compose merge', () => {
  it('replaces scalars and adds new keys', () => {
    const s = service(yaml('services:', '  web:', '    image: a', '    restart: always'), yaml('services:', '  web:', '    image: b', '    user: me'));
    assert.deepEqual(s, { image: 'b', restart: 'always', user: 'me' });
  });

  it('merges environment and labels by key, lists and mappings alike', () => {
    const s = service(
      yaml('services:', '  web:', '    environment:', '      - A=1', '      - B=2', '    labels: {x: "1"}'),
      yaml('services:', '  web:', '    environment:', '      B: 3', '      C: "4"', '    labels:', '      - y=2'),
    );
    assert.deepEqual(s['environment'], { A: '1', B: 3, C: '4' });
    assert.deepEqual(s['labels'], { x: '1', y: '2' });
  });

  it('appends ports, expose and dns and drops exact duplicates', () => {
    const s = service(
      yaml('services:', '  web:', '    ports: ["80:80"]', '    expose: ["3000"]', '    dns: [8.8.8.8]'),
      yaml('services:', '  web:', '    ports: ["80:80", "443:443"]', '    expose: ["3000", "4000"]', '    dns: [8.8.8.8, 1.1.1.1]'),
    );
    assert.deepEqual(s['ports'], ['80:80', '443:443']);
    assert.deepEqual(s['expose'], ['3000', '4000']);
    assert.deepEqual(s['dns'], ['8.8.8.8', '1.1.1.1']);
  });

  it('merges volumes, secrets and configs by target, the later one in the earlier place', () => {
    const s = service(
      yaml('services:', '  web:', '    volumes: ["./a:/data", "logs:/logs"]', '    secrets: [token]', '    configs: [{source: c, target: /etc/c}]'),
      yaml('services:', '  web:', '    volumes: ["./b:/data:ro"]', '    secrets: [{source: other, target: /run/secrets/token}]', '    configs: [{source: d, target: /etc/c}]'),
    );
    assert.deepEqual(s['volumes'], [`${path.join(PROJECT, 'b')}:/data:ro`, 'logs:/logs']);
    assert.deepEqual(s['secrets'], [{ source: 'other', target: '/run/secrets/token' }]);
    assert.deepEqual(s['configs'], [{ source: 'd', target: '/etc/c' }]);
  });

  it('replaces command, entrypoint and healthcheck.test instead of appending', () => {
    const s = service(
      yaml('services:', '  web:', '    command: [a, b]', '    entrypoint: [sh]', '    healthcheck: {test: [CMD, x], interval: 5s}'),
      yaml('services:', '  web:', '    command: [c]', '    entrypoint: bash', '    healthcheck: {test: [CMD, y]}'),
    );
    assert.deepEqual(s['command'], ['c']);
    assert.equal(s['entrypoint'], 'bash');
    assert.deepEqual(s['healthcheck'], { test: ['CMD', 'y'], interval: '5s' });
  });

  it('removes with !reset and replaces with !override', () => {
    const s = service(
      yaml('services:', '  web:', '    image: a', '    ports: ["80:80"]', '    environment: {A: "1", B: "2"}', '    user: me'),
      yaml('services:', '  web:', '    ports: !override ["8080:80"]', '    environment: {B: !reset null}', '    user: !reset null'),
    );
    assert.deepEqual(s, { image: 'a', ports: ['8080:80'], environment: { A: '1' } });
  });

  it('merges a build string with a build mapping, making the context absolute', () => {
    const s = service(yaml('services:', '  web:', '    build: ./app'), yaml('services:', '  web:', '    build: {dockerfile: Dockerfile.dev, args: [X=1]}'));
    assert.deepEqual(s['build'], { context: path.join(PROJECT, 'app'), dockerfile: 'Dockerfile.dev', args: { X: '1' } });
  });

  it('interpolates from the shell over .env, with defaults and $$', () => {
    const s = service(yaml('services:', '  web:', '    image: "${IMAGE}:${TAG:-latest}"', '    command: echo $$HOME ${MISSING-none}'), undefined, { '.env': 'IMAGE=fromfile\nTAG=1' }, { IMAGE: 'shell' });
    assert.equal(s['image'], 'shell:1');
    assert.equal(s['command'], 'echo $HOME none');
    assert.equal(interpolate('${A:+set}-${B:-${A}}', new Map([['A', 'x']])), 'set-x');
  });

  it('applies extends in the same file and from another file, paths from that file', () => {
    const s = service(
      yaml('services:', '  base:', '    image: a', '    environment: {A: "1"}', '  web:', '    extends: base', '    environment: {B: "2"}', '  other:', '    extends: {file: common/base.yaml, service: app}'),
      undefined,
      { 'common/base.yaml': yaml('services:', '  app:', '    build: ./src', '    ports: ["1:1"]') },
    );
    assert.deepEqual(s, { image: 'a', environment: { A: '1', B: '2' } });
    const other = (merged(yaml('services:', '  other:', '    extends: {file: common/base.yaml, service: app}'), undefined, { 'common/base.yaml': yaml('services:', '  app:', '    build: ./src') }).model['services'] as Record<string, unknown>)['other'];
    assert.deepEqual(other, { build: { context: path.join(PROJECT, 'common', 'src') } });
  });

  it('follows include:, the included file resolving paths from its own folder', () => {
    const m = merged(yaml('include:', '  - db/compose.yaml', 'services:', '  web:', '    image: a', '    depends_on: [db]'), undefined, {
      'db/compose.yaml': yaml('services:', '  db:', '    image: postgres', '    env_file: db.env'),
    }).model;
    assert.deepEqual(Object.keys(m['services'] as object).sort(), ['db', 'web']);
    assert.deepEqual((m['services'] as Record<string, Record<string, unknown>>)['db']!['env_file'], [path.join(PROJECT, 'db', 'db.env')]);
    assert.equal(m['include'], undefined);
    const clash = merged(yaml('include: [db/compose.yaml]', 'services:', '  db:', '    image: mine'), undefined, { 'db/compose.yaml': yaml('services:', '  db:', '    image: postgres') });
    assert.match(clash.problems.join('\n'), /declares services\.db, which it also includes/);
  });

  it('reports unreadable files and unknown extends, and writes YAML', () => {
    const r = merged(yaml('services:', '  web:', '    extends: nope', '    image: a'), undefined);
    assert.match(r.problems.join('\n'), /nope, which is not defined/);
    assert.deepEqual(parse(r.yaml), { services: { web: { image: 'a' } } });
    assert.match(mergeCompose([path.join(PROJECT, 'absent.yaml')], memoryHost()).problems[0]!, /could not be read/);
  });
});
