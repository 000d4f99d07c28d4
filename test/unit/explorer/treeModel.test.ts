import * as assert from 'node:assert/strict';
import { shownOf, type Row } from '../../../src/explorer/shared/rowPresentation';
import { emptyRows, engineStateRows, loadFailedRows } from '../../../src/explorer/shared/stateModel';
import { messageRow } from '../../../src/explorer/shared/statePresentation';
import { filterModel, mergeById, reconcile, TreeNode, type ModelNode, type Present } from '../../../src/explorer/shared/treeModel';

interface Thing {
  name: string;
  state: string;
  /** Changes on every listing, like the engine's "Up 3 seconds": not drawn. */
  noise?: number;
}

const present: Present = (n, childCount) => {
  const t = n.resource as Thing;
  const row: Row = { label: t.name, description: t.state };
  return childCount > 0 ? { ...row, collapsible: 'expanded' } : row;
};

const leaf = (name: string, state = 'up', noise = 0): ModelNode => ({ kind: 'thing', key: name, resource: { name, state, noise } });
const group = (name: string, children: ModelNode[]): ModelNode => ({ kind: 'group', key: name, resource: { name, state: `${children.length}` }, children });

describe('live tree: reconcile', () => {
  it('draws a first tree and asks for the whole of it', () => {
    const r = reconcile([], [group('g', [leaf('a')]), leaf('b')], present);
    assert.deepEqual(r.changes, [undefined]);
    assert.deepEqual(r.roots.map((n) => n.row.label), ['g', 'b']);
    assert.equal(r.roots[0]!.children[0]!.parent, r.roots[0]);
  });

  it('keeps the node of every row that stays, and redraws only the row whose drawing changed', () => {
    const first = reconcile([], [group('g', [leaf('a'), leaf('b')]), leaf('c')], present).roots;
    const a = first[0]!.children[0]!;
    const second = reconcile(first, [group('g', [leaf('a', 'down'), leaf('b')]), leaf('c')], present);
    assert.equal(second.roots[0]!.children[0], a, 'the same object, so a change event can name it');
    assert.deepEqual(second.changes, [a]);
    assert.equal(a.row.description, 'down');
  });

  it('does not redraw a row when only what it does not show changed', () => {
    const first = reconcile([], [leaf('a', 'up', 1)], present).roots;
    const second = reconcile(first, [leaf('a', 'up', 2)], present);
    assert.deepEqual(second.changes, []);
    assert.equal((second.roots[0]!.resource as Thing).noise, 2, 'the node holds the fresh resource all the same');
  });

  it('re-reads a parent whose children changed, and not its rows one by one', () => {
    const first = reconcile([], [group('g', [leaf('a')]), leaf('c')], present).roots;
    const second = reconcile(first, [group('g', [leaf('a', 'down'), leaf('b')]), leaf('c')], present);
    assert.deepEqual(second.changes, [first[0]]);
  });

  it('re-reads the whole tree when the top level changed', () => {
    const first = reconcile([], [leaf('a'), leaf('b')], present).roots;
    assert.deepEqual(reconcile(first, [leaf('b'), leaf('a')], present).changes, [undefined]);
    assert.deepEqual(reconcile(first, [leaf('a')], present).changes, [undefined]);
  });

  it('gives rows under different parents different ids, and keeps the first of two equal keys', () => {
    const r = reconcile([], [group('n1', [leaf('x')]), group('n2', [leaf('x')]), leaf('x'), leaf('x', 'dup')], present);
    const ids = [r.roots[0]!.children[0]!.id, r.roots[1]!.children[0]!.id, r.roots[2]!.id];
    assert.equal(new Set(ids).size, 3);
    assert.equal(r.roots.length, 3);
    assert.equal(r.roots[2]!.row.description, 'up');
  });

  it('makes nodes through the factory, so a view can give its kinds accessors', () => {
    class Special extends TreeNode {}
    const r = reconcile([], [leaf('a')], present, (kind, id, resource, parent) => new Special(kind, id, resource, parent));
    assert.ok(r.roots[0] instanceof Special);
  });
});

describe('live tree: filter and merge', () => {
  const text = (m: ModelNode): string => (m.resource as Thing).name;
  const model = [group('shop', [leaf('web'), leaf('db')]), leaf('web-proxy'), leaf('cache')];

  it('keeps matching rows with their groups, any case; a matching group keeps all its children', () => {
    assert.deepEqual(filterModel(model, 'WEB', text).map((m) => [m.key, (m.children ?? []).map((c) => c.key)]), [['shop', ['web']], ['web-proxy', []]]);
    assert.deepEqual(filterModel(model, 'shop', text)[0]!.children!.map((c) => c.key), ['web', 'db']);
    assert.equal(filterModel(model, '  ', text).length, 3);
    assert.deepEqual(filterModel(model, 'nothing', text), []);
  });

  it('merges a partial re-read: replaced, added, gone', () => {
    const current = [{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }];
    const merged = mergeById(current, ['a', 'b', 'd'], [{ id: 'a', v: 2 }, { id: 'd', v: 1 }]);
    assert.deepEqual(merged.map((x) => `${x.id}${x.v}`).sort(), ['a2', 'c1', 'd1']);
  });
});

describe('live tree: state rows', () => {
  it('says what is wrong and offers the next steps for every failure', () => {
    const rows = engineStateRows('unreachable', 'unix:///x is not reachable (ENOENT).');
    assert.equal(rows[0]!.kind, 'message');
    assert.match(rows[0]!.kind === 'message' ? rows[0]!.resource.text : '', /not reachable/);
    assert.deepEqual(rows.filter((r) => r.kind === 'action').map((r) => (r.kind === 'action' ? r.resource.label : '')), ['Retry', 'Switch Engine…', 'Open Settings']);
    for (const kind of ['permission', 'tls', 'timeout', 'failed'] as const) {
      const labels = engineStateRows(kind).map((r) => (r.kind === 'action' ? r.resource.label : r.resource.text));
      assert.ok(labels.includes('Retry'), kind);
      assert.equal(new Set(labels).size, labels.length, kind);
    }
    assert.deepEqual(engineStateRows('connected'), []);
  });

  it('tells an empty view from a filter that matches nothing', () => {
    const none = emptyRows('networks', 'Create one with Create Network.', '', 'berth.networks.filter');
    assert.match(none[0]!.kind === 'message' ? none[0]!.resource.text : '', /^No networks yet/);
    const nomatch = emptyRows('networks', 'x', ' web ', 'berth.networks.filter');
    assert.match(nomatch[0]!.kind === 'message' ? nomatch[0]!.resource.text : '', /No networks match “web”/);
    const clear = nomatch[1]!;
    assert.ok(clear.kind === 'action' && clear.resource.command === 'berth.networks.filter' && clear.resource.arguments?.[0] === '');
    assert.ok(loadFailedRows('images', 'boom', 'berth.images.refresh').some((r) => r.kind === 'action' && r.resource.label === 'Refresh'));
  });

  it('escapes the engine text it quotes in a tooltip', () => {
    const row = messageRow({ text: 'x', tone: 'error', detail: '[click](command:workbench.action.quit) `id`' });
    assert.ok(!row.tooltip!.includes('[click](command:'));
    assert.notEqual(shownOf(row), shownOf(messageRow({ text: 'x', tone: 'info' })));
  });
});
