import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseCompose } from '../../../src/language/compose/composeDocument';
import { composeContext } from '../../../src/language/compose/composeContext';
import { definitionAt } from '../../../src/language/compose/composeDefinition';
import { memoryHost, PROJECT, yaml } from './helpers';

describe('compose go to definition', () => {
  const files = {
    'compose.yaml': yaml('include: [infra/compose.yaml]', 'services:', '  web:', '    image: x'),
    'infra/compose.yaml': yaml('services:', '  db:', '    image: postgres', 'networks:', '  shared: {}'),
    'base.yaml': yaml('services:', '  common:', '    image: base'),
  };
  const text = yaml('services:', '  web:', '    depends_on: [db, cache]', '    networks: [shared]', '    extends: {file: base.yaml, service: common}', '  cache:', '    image: redis');
  const file = path.join(PROJECT, 'compose.override.yaml');
  const ctx = composeContext(file, parseCompose(text), memoryHost(files));

  it('jumps to a service in the same file', () => {
    assert.deepEqual(definitionAt(ctx, { line: 2, character: 23 }), { file, range: { start: { line: 5, character: 2 }, end: { line: 5, character: 7 } } });
  });

  it('jumps across files: the default file beside an override file and what it includes', () => {
    const db = definitionAt(ctx, { line: 2, character: 18 })!;
    assert.equal(db.file, path.join(PROJECT, 'infra/compose.yaml'));
    assert.equal(db.range.start.line, 1);
    assert.equal(definitionAt(ctx, { line: 3, character: 17 })!.file, path.join(PROJECT, 'infra/compose.yaml'));
  });

  it('jumps to the service extends names in another file', () => {
    const common = definitionAt(ctx, { line: 4, character: 40 })!;
    assert.deepEqual(common, { file: path.join(PROJECT, 'base.yaml'), range: { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } } });
  });

  it('finds nothing off a reference', () => {
    assert.equal(definitionAt(ctx, { line: 6, character: 12 }), undefined);
  });

  it('jumps across a workspace -f list: a file declared only in another file of the list', () => {
    const list = { 'deploy/base.yml': yaml('services:', '  db:', '    image: postgres'), 'deploy/app.yml': '' };
    const app = path.join(PROJECT, 'deploy/app.yml');
    const host = { ...memoryHost(list), projectFiles: [path.join(PROJECT, 'deploy/base.yml'), app] };
    const appText = yaml('services:', '  web:', '    depends_on: [db]');
    const db = definitionAt(composeContext(app, parseCompose(appText), host), { line: 2, character: 18 })!;
    assert.equal(db.file, path.join(PROJECT, 'deploy/base.yml'));
    assert.equal(definitionAt(composeContext(app, parseCompose(appText), memoryHost(list)), { line: 2, character: 18 }), undefined);
  });
});
