import * as assert from 'node:assert/strict';
import { parseCompose } from '../../../src/language/compose/composeDocument';
import { hoverCompose } from '../../../src/language/compose/composeHover';
import { yaml } from './helpers';

describe('compose hover', () => {
  const text = yaml('services:', '  web:', '    image: nginx', '    depends_on: [db]', '    networks: [front]', '  db:', '    image: postgres:16', 'networks:', '  front: {driver: bridge}');
  const doc = parseCompose(text);

  it("shows the spec's description on a key", () => {
    const h = hoverCompose(doc, { line: 2, character: 6 })!;
    assert.match(h.markdown, /^\*\*image\*\* \(string\)\n\nSpecify the image/);
    assert.deepEqual(h.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });
  });

  it('shows what a reference refers to', () => {
    assert.equal(hoverCompose(doc, { line: 3, character: 18 })!.markdown, 'Service `db` (line 6)\n\nimage: `postgres:16`');
    assert.match(hoverCompose(doc, { line: 4, character: 17 })!.markdown, /^Network `front` \(line 9\)\n\ndriver: `bridge`/);
  });

  it('says when a reference is not declared, and shows nothing on plain values', () => {
    const broken = parseCompose(yaml('services:', '  web:', '    image: x', '    depends_on: [nope]'));
    assert.match(hoverCompose(broken, { line: 3, character: 18 })!.markdown, /not declared/);
    assert.equal(hoverCompose(doc, { line: 0, character: 20 }), undefined);
  });
});
