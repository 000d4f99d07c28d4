import * as assert from 'node:assert/strict';
import { completeCompose, declaredNames } from '../../../src/language/compose/composeCompletion';
import { cursorContext } from '../../../src/language/compose/cursorContext';
import { parseCompose } from '../../../src/language/compose/composeDocument';
import { completionSources } from '../../../src/language/compose/completionSources';
import { memoryHost, PROJECT, yaml } from './helpers';

/** Completes at the `|` in the text. */
function complete(textWithCursor: string, sources = {}) {
  const at = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return completeCompose(text, before.length - 1, before[before.length - 1]!.length, sources);
}

const labels = (r: ReturnType<typeof complete>) => r.items.map((i) => i.label);

describe('compose cursor context', () => {
  it('finds the key path through mappings and list items while the YAML is half-typed', () => {
    const text = yaml('services:', '  web:', '    volumes:', '      - type: bind', '        sou', '    ports:', '      - ');
    assert.deepEqual(cursorContext(text, 4, 11), { path: ['services', 'web', 'volumes', '[]'], position: 'key', prefix: 'sou', prefixStart: 8, variable: false, siblings: ['type'] });
    const item = cursorContext(text, 6, 8);
    assert.deepEqual([item.path, item.position], [['services', 'web', 'ports', '[]'], 'item']);
    const value = cursorContext(yaml('services:', '  web:', '    restart: al'), 2, 15);
    assert.deepEqual([value.path, value.position, value.key, value.prefix], [['services', 'web'], 'value', 'restart', 'al']);
  });
});

describe('compose completion', () => {
  it('completes every key of a service with its description, leaving out keys already there', () => {
    const r = complete(yaml('services:', '  web:', '    image: nginx', '    he|'));
    assert.equal(r.replaceStart, 4);
    const healthcheck = r.items.find((i) => i.label === 'healthcheck')!;
    assert.equal(healthcheck.kind, 'key');
    assert.match(healthcheck.documentation ?? '', /health/i);
    assert.ok(!labels(r).includes('image'));
    assert.ok(labels(r).length > 60);
  });

  it('offers snippets for common shapes', () => {
    const r = complete(yaml('services:', '  web:', '    |'));
    for (const key of ['ports', 'volumes', 'healthcheck', 'deploy', 'build', 'develop']) {
      const snippet = r.items.find((i) => i.label === `${key} …`);
      assert.ok(snippet, key);
      assert.equal(snippet.kind, 'snippet');
    }
    assert.match(r.items.find((i) => i.label === 'develop …')!.insertSnippet, /watch:\n\s+- action: \$\{1\|sync,rebuild/);
  });

  it('completes top-level keys and nested keys', () => {
    assert.deepEqual(labels(complete(yaml('services: {}', '|'))).sort(), ['configs', 'include', 'models', 'name', 'networks', 'secrets', 'version', 'volumes']);
    assert.ok(labels(complete(yaml('services:', '  web:', '    healthcheck:', '      |'))).includes('interval'));
  });

  it('makes a key snippet fit its type', () => {
    const r = complete(yaml('services:', '  web:', '    |'));
    const snippet = (k: string) => r.items.find((i) => i.label === k)!.insertSnippet;
    assert.equal(snippet('environment'), 'environment: $0');
    assert.equal(snippet('privileged'), 'privileged: $0');
    assert.equal(snippet('cap_add'), 'cap_add:\n  - $0');
    assert.equal(snippet('healthcheck'), 'healthcheck:\n  $0');
  });

  it('completes enum values and known values', () => {
    assert.deepEqual(labels(complete(yaml('services:', '  web:', '    depends_on:', '      db:', '        condition: |'))), ['service_started', 'service_healthy', 'service_completed_successfully']);
    assert.deepEqual(labels(complete(yaml('services:', '  web:', '    restart: |'))), ['no', 'always', 'on-failure', 'unless-stopped']);
  });

  it('completes references: services, networks, volumes, secrets, configs', () => {
    const base = ['services:', '  web:', '    image: x', '  db:', '    image: y', 'networks:', '  front: {}', 'volumes:', '  data: {}', 'secrets:', '  token: {file: t}', 'configs:', '  conf: {file: c}'];
    const at = (...lines: string[]) => labels(complete(yaml(...base.slice(0, 3), ...lines, ...base.slice(3))));
    assert.deepEqual(at('    depends_on:', '      - |'), ['db']);
    assert.deepEqual(at('    depends_on:', '      |'), ['db']);
    assert.deepEqual(at('    extends:', '      service: |'), ['db']);
    assert.deepEqual(at('    links: ', '      - |'), ['db']);
    assert.deepEqual(at('    network_mode: |'), ['host', 'none', 'bridge', 'service:db']);
    assert.deepEqual(at('    networks:', '      - |'), ['front']);
    assert.deepEqual(at('    volumes:', '      - |').slice(0, 1), ['data']);
    assert.deepEqual(at('    secrets:', '      - |').slice(0, 1), ['token']);
    assert.deepEqual(at('    configs:', '      - source: |'), ['conf']);
  });

  it('completes build targets, local images and variables from the sources it is given', () => {
    const sources = { stagesOf: (s: string) => (s === 'web' ? ['build', 'runtime'] : []), images: ['berth/app:dev'], variables: ['TAG', 'PORT'] };
    assert.deepEqual(labels(complete(yaml('services:', '  web:', '    build:', '      context: .', '      target: |'), sources)), ['build', 'runtime']);
    assert.deepEqual(labels(complete(yaml('services:', '  web:', '    image: |'), sources)), ['berth/app:dev']);
    const v = complete(yaml('services:', '  web:', '    image: app:${T|'), sources);
    assert.deepEqual(labels(v), ['TAG', 'PORT']);
    assert.equal(v.replaceStart, 'image: app:${'.length + 4);
  });

  it('reads declared names from the text', () => {
    assert.deepEqual(declaredNames(yaml('services:', '  a:', '    image: x', '  # c', '  "b":', '    image: y', 'volumes:', '  v:'), 'services'), ['a', 'b']);
  });
});

describe('compose completion sources', () => {
  it('reads variable names from .env and env_files, and stages from the Dockerfile a service builds', () => {
    const text = yaml('services:', '  web:', '    build: {context: ./app, dockerfile: Dockerfile.dev}', '    env_file: [web.env, {path: ./more.env, required: false}]', '  db:', '    build: ./db');
    const host = memoryHost({ '.env': 'TAG=1\n', 'web.env': 'PORT=80\n', 'more.env': 'EXTRA=x\n', 'app/Dockerfile.dev': 'FROM alpine AS base\nFROM base AS Test\nFROM scratch\n' });
    const sources = completionSources(`${PROJECT}/compose.yaml`, () => parseCompose(text), host);
    assert.deepEqual(sources.variables, ['EXTRA', 'PORT', 'TAG']);
    assert.deepEqual(sources.stagesOf!('web'), ['base', 'test']);
    assert.deepEqual(sources.stagesOf!('db'), []);
  });
});
