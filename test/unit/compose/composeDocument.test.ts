import * as assert from 'node:assert/strict';
import { child, entriesOf, entry, parseCompose, scalarText } from '../../../src/language/compose/composeDocument';
import { isComposeFileName } from '../../../src/language/compose/lintCompose';
import { covered, lint, withCode, yaml } from './helpers';

describe('compose document model', () => {
  it('keeps the exact range of every key and value', () => {
    const text = yaml('services:', '  web:', '    image: "nginx:1.27"', '    ports:', '      - 8080:80');
    const doc = parseCompose(text);
    const web = entry(child(doc.root, 'services'), 'web')!;
    assert.deepEqual(web.keyRange, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
    const image = child(web.value, 'image')!;
    assert.equal(scalarText(image), 'nginx:1.27');
    assert.deepEqual(image.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 23 } });
    const ports = child(web.value, 'ports')!;
    assert.equal(ports.kind, 'seq');
    assert.equal(ports.kind === 'seq' && ports.items[0]!.range.start.character, 8);
  });

  it('resolves aliases and << merges, explicit keys winning', () => {
    const text = yaml('x-base: &base', '  image: busybox', '  restart: always', 'services:', '  a:', '    <<: *base', '    restart: "no"', '  b: *base');
    const doc = parseCompose(text);
    const services = child(doc.root, 'services');
    const a = child(services, 'a');
    assert.equal(scalarText(child(a, 'image')), 'busybox');
    assert.equal(scalarText(child(a, 'restart')), 'no');
    assert.equal(entry(a, 'image')!.merged, true);
    assert.equal(entry(a, 'restart')!.merged, false);
    assert.equal(scalarText(child(child(services, 'b'), 'image')), 'busybox');
    // A merged value keeps the range where it is written (inside the anchor).
    assert.equal(child(a, 'image')!.range.start.line, 1);
  });

  it('merges a list of mappings, the first one listed winning', () => {
    const doc = parseCompose(yaml('x-a: &a {image: one}', 'x-b: &b {image: two, user: me}', 'services:', '  s:', '    <<: [*a, *b]'));
    const s = child(child(doc.root, 'services'), 's');
    assert.equal(scalarText(child(s, 'image')), 'one');
    assert.equal(scalarText(child(s, 'user')), 'me');
  });

  it('keeps !reset and !override tags; a !reset entry is left out of the model', () => {
    const doc = parseCompose(yaml('services:', '  web:', '    image: x', '    ports: !reset []', '    environment: !override', '      A: "1"'));
    const web = child(child(doc.root, 'services'), 'web');
    assert.equal(entry(web, 'ports'), undefined);
    assert.equal(child(web, 'environment')!.tag, '!override');
    assert.deepEqual(entriesOf(web).map((e) => e.key), ['image', 'environment']);
    assert.deepEqual(doc.syntax, [], 'Compose tags are not "unresolved tag" warnings');
  });

  it('survives a self-referencing alias', () => {
    const doc = parseCompose('a: &a [*a]\n');
    assert.ok(doc.root);
  });

  it('reports a YAML syntax error with its range and still reports the rest of the file', () => {
    const text = yaml('services:', '  web:', '    image: x', '    heathcheck: {}', '    command: [unclosed', 'volumes:');
    const findings = lint(text);
    const syntax = findings.filter((f) => f.source === 'yaml');
    assert.ok(syntax.length > 0);
    assert.equal(syntax[0]!.severity, 'error');
    assert.equal(withCode(findings, 'compose/unknown-key').length, 1, 'the schema finding is still there');
  });

  it('reports duplicate keys as YAML errors', () => {
    const text = yaml('services:', '  web:', '    image: a', '    image: b');
    const dup = lint(text).filter((f) => f.source === 'yaml');
    assert.equal(dup.length, 1);
    assert.equal(covered(text, dup[0]!), 'image');
  });
});

describe('compose file names', () => {
  it('knows the names Compose and its users give compose files', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'compose.override.yaml', 'docker-compose.prod.yml', '/a/b/compose.dev.yml', 'Docker-Compose.YML']) {
      assert.ok(isComposeFileName(name), name);
    }
    for (const name of ['compose.json', 'my-compose.yaml', 'compose.yaml.bak', 'composer.yaml', 'docker-compose', 'values.yaml']) {
      assert.ok(!isComposeFileName(name), name);
    }
  });
});
