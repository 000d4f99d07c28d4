import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintComposeFile } from '../../../src/language/compose/lintCompose';
import { covered, lint, memoryHost, PROJECT, withCode, yaml } from './helpers';

describe('compose references', () => {
  it('flags depends_on, links, extends and service: namespaces naming no service', () => {
    const text = yaml(
      'services:',
      '  web:',
      '    image: x',
      '    depends_on: [dbb]',
      '    links: ["cache:redis"]',
      '    network_mode: service:proxy',
      '    extends: {service: base}',
      '  db:',
      '    image: postgres',
    );
    const found = withCode(lint(text), 'compose/undefined-service');
    assert.deepEqual(found.map((f) => covered(text, f)), ['dbb', '"cache:redis"', 'service:proxy', 'base']);
    assert.match(found[0]!.message, /Service `web` refers to service `dbb`, which is not declared\. Did you mean `db`\?/);
  });

  it('accepts references that exist, optional dependencies and extends from another file', () => {
    const text = yaml(
      'services:',
      '  web:',
      '    image: x',
      '    depends_on:',
      '      db: {condition: service_healthy}',
      '      metrics: {condition: service_started, required: false}',
      '    links: [db]',
      '    volumes_from: [db, "container:other"]',
      '    extends: {file: base.yaml, service: elsewhere}',
      '  db:',
      '    image: postgres',
    );
    assert.deepEqual(withCode(lint(text, { 'base.yaml': 'services: {}\n' }), 'compose/undefined-service'), []);
  });

  it('flags undeclared networks, volumes, secrets and configs, not the default network', () => {
    const text = yaml(
      'services:',
      '  web:',
      '    image: x',
      '    networks: [front, default, back]',
      '    volumes: ["data:/data", "./src:/src", "/anon", "logs:/logs:ro"]',
      '    secrets: [token, {source: key}]',
      '    configs: [conf]',
      'networks:',
      '  front: {}',
      'volumes:',
      '  logs: {}',
      'secrets:',
      '  token: {file: ./token.txt}',
      'configs: {}',
    );
    const found = lint(text, { 'token.txt': 'x', src: '' }).filter((f) => f.code.startsWith('compose/undefined-'));
    assert.deepEqual(
      found.map((f) => `${f.code} ${covered(text, f)}`),
      ['compose/undefined-network back', 'compose/undefined-volume "data:/data"', 'compose/undefined-secret key', 'compose/undefined-config conf'],
    );
  });

  it('takes declarations from the base file of an override file and from included files', () => {
    const override = yaml('services:', '  web:', '    depends_on: [db]', '    networks: [shared]');
    const files = { 'compose.yaml': yaml('include: [infra/compose.yaml]', 'services:', '  web:', '    image: x'), 'infra/compose.yaml': yaml('services:', '  db:', '    image: y', 'networks:', '  shared: {}') };
    assert.deepEqual(lint(override, files, {}, 'compose.override.yaml').filter((f) => f.code.startsWith('compose/undefined-')), []);
  });

  it('takes declarations from the other files of a workspace -f list', () => {
    const text = yaml('services:', '  web:', '    image: x', '    depends_on: [db]');
    const host = { ...memoryHost({ 'base.yml': yaml('services:', '  db:', '    image: y') }), projectFiles: [path.join(PROJECT, 'base.yml'), path.join(PROJECT, 'app.yml')] };
    assert.deepEqual(lintComposeFile(path.join(PROJECT, 'app.yml'), text, host).filter((f) => f.code.startsWith('compose/undefined-')), []);
    assert.equal(withCode(lint(text, { 'base.yml': yaml('services:', '  db:', '    image: y') }, {}, 'app.yml'), 'compose/undefined-service').length, 1);
  });

  it('reports each dependency on a cycle, with the cycle', () => {
    const text = yaml('services:', '  a:', '    image: x', '    depends_on: [b]', '  b:', '    image: x', '    depends_on: [c]', '  c:', '    image: x', '    depends_on: [a]', '  d:', '    image: x', '    depends_on: [a]');
    const found = withCode(lint(text), 'compose/dependency-cycle');
    assert.equal(found.length, 3);
    assert.match(found[0]!.message, /`a` → `b` → `c` → `a`/);
  });

  it('reports a service that depends on itself, and no cycle in a chain', () => {
    const self = yaml('services:', '  a:', '    image: x', '    depends_on: [a]');
    assert.equal(withCode(lint(self), 'compose/dependency-cycle').length, 1);
    const chain = yaml('services:', '  a:', '    image: x', '    depends_on: [b]', '  b:', '    image: x', '    links: [c]', '  c:', '    image: x');
    assert.deepEqual(withCode(lint(chain), 'compose/dependency-cycle'), []);
  });
});
