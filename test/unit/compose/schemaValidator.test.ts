import * as assert from 'node:assert/strict';
import { covered, lint, withCode, yaml } from './helpers';

function schemaFindings(text: string) {
  return lint(text).filter((f) => f.source === 'compose-spec');
}

describe('compose schema validation', () => {
  it('names an unknown key, where it is, and the key meant', () => {
    const text = yaml('services:', '  web:', '    image: nginx', '    heathcheck:', '      test: ["CMD", "true"]');
    const [f, ...rest] = schemaFindings(text);
    assert.deepEqual(rest, []);
    assert.equal(f!.code, 'compose/unknown-key');
    assert.equal(f!.message, 'unknown key `heathcheck` in service `web` (did you mean `healthcheck`?)');
    assert.equal(covered(text, f!), 'heathcheck');
  });

  it('names the block an unknown nested key is in', () => {
    const text = yaml('services:', '  web:', '    image: nginx', '    healthcheck:', '      tset: ["CMD", "true"]');
    assert.equal(schemaFindings(text)[0]!.message, 'unknown key `tset` in `healthcheck` of service `web` (did you mean `test`?)');
  });

  it('lists the allowed values of an enum, at the value', () => {
    const text = yaml('services:', '  web:', '    image: nginx', '    depends_on:', '      db:', '        condition: service_up', '  db:', '    image: postgres');
    const [f] = schemaFindings(text);
    assert.equal(f!.message, '`condition` must be one of service_started, service_healthy, service_completed_successfully');
    assert.equal(covered(text, f!), 'service_up');
  });

  it('says which shapes a oneOf allows instead of a cascade', () => {
    const text = yaml('services:', '  web:', '    image: nginx', '    depends_on: 3');
    const found = schemaFindings(text);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.message, '`depends_on` must be a list or a mapping');
  });

  it('reports the branch of a oneOf that fits the value shape', () => {
    const text = yaml('services:', '  web:', '    image: nginx', '    depends_on:', '      db:', '        restart: true', '  db:', '    image: x');
    const found = schemaFindings(text);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.code, 'compose/missing-key');
    assert.match(found[0]!.message, /needs `condition`/);
  });

  it('checks types, with the key range for an empty value', () => {
    const text = yaml('services:', '  web:', '    image: nginx', '    privileged: [1]', '    read_only:');
    const found = schemaFindings(text);
    assert.equal(found.length, 2);
    assert.equal(found[0]!.message, '`privileged` must be true or false or a string');
    assert.equal(covered(text, found[1]!), 'read_only');
  });

  it('flags a duplicate list item and an invalid service name', () => {
    const text = yaml('services:', '  web:', '    image: nginx', '    ports: ["80:80", "80:80"]', '  "my web":', '    image: x');
    const found = schemaFindings(text);
    assert.deepEqual(found.map((f) => f.code), ['compose/duplicate-item', 'compose/unknown-key']);
    assert.match(found[1]!.message, /`my web` is not a valid name/);
  });

  it('accepts x- extension fields, anchors, merges, interpolated numbers and Compose tags', () => {
    const text = yaml(
      'x-defaults: &defaults',
      '  restart: unless-stopped',
      'services:',
      '  web:',
      '    <<: *defaults',
      '    image: nginx',
      '    x-custom: {a: 1}',
      '    cpus: ${CPUS:-1}',
      '    privileged: ${PRIV:-false}',
      '    ports: !override ["8080:80"]',
      '    healthcheck: !reset null',
    );
    const found = lint(text).filter((f) => f.severity === 'error');
    assert.deepEqual(found.map((f) => f.message), []);
  });

  it('reports a bad key merged in from an anchor once, where it is written', () => {
    const text = yaml('x-d: &d', '  restrat: always', 'services:', '  a:', '    <<: *d', '    image: x', '  b:', '    <<: *d', '    image: y');
    const found = withCode(lint(text), 'compose/unknown-key');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 1);
    assert.match(found[0]!.message, /did you mean `restart`/);
  });

  it('says a file that is not a mapping is not a compose file', () => {
    assert.match(schemaFindings('- a\n- b\n')[0]!.message, /must be a mapping of top-level keys/);
  });

  it('checks minimum and maximum', () => {
    const text = yaml('services:', '  web:', '    image: x', '    oom_score_adj: 5000');
    assert.equal(schemaFindings(text)[0]!.message, '`oom_score_adj` must be at most 1000');
  });

  it('marks deprecated keys as hints', () => {
    const text = yaml('services: {}', 'networks:', '  n:', '    external:', '      name: real');
    const [f] = withCode(lint(text), 'compose/deprecated');
    assert.equal(f!.severity, 'hint');
    assert.deepEqual(f!.tags, ['deprecated']);
  });
});
