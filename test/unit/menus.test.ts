import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { containerContextValue } from '../../src/explorer/containers/containerPresentation';
import { lifecycleStates } from '../../src/commands/lifecycleStates';
import type { NetworkSummary } from '../../src/engine/types';
import { networkContextValue } from '../../src/explorer/networks/networkPresentation';
import { isSampled } from '../../src/stats/statsSelection';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, { command?: string; submenu?: string; when?: string }[]> };
};

/** Evaluates the conjunctions of `view ==`, `viewItem ==` and `viewItem =~ /re/` our tree menus use. */
function matches(when: string, context: { view: string; viewItem: string }): boolean {
  return when.split('&&').every((raw) => {
    const term = raw.trim();
    let m = /^view == (\S+)$/.exec(term);
    if (m) return context.view === m[1];
    m = /^viewItem == (\S+)$/.exec(term);
    if (m) return context.viewItem === m[1];
    m = /^viewItem =~ \/(.+)\/$/.exec(term);
    if (m) return new RegExp(m[1]!).test(context.viewItem);
    throw new Error(`the test cannot evaluate "${term}"`);
  });
}

function offered(viewItem: string, view = 'berth.containers'): string[] {
  const items = pkg.contributes.menus['view/item/context'] ?? [];
  return [...new Set(items.filter((i) => i.when && matches(i.when, { view, viewItem })).map((i) => i.command ?? `submenu:${i.submenu}`))].sort();
}

describe('Containers view menus', () => {
  const row = (state: string, compose = false): string =>
    containerContextValue({ state, composeProject: compose ? 'shop' : undefined } as Parameters<typeof containerContextValue>[0]);

  it('offers exactly the actions the engine accepts in each state (no Start on a paused container)', () => {
    const expected: Record<string, string[]> = {
      created: ['copyId', 'copyName', 'copyRunCommand', 'inspect', 'openFiles', 'remove', 'rename', 'restart', 'showLogs', 'start'],
      running: ['attachShell', 'copyId', 'copyName', 'copyRunCommand', 'inspect', 'kill', 'openFiles', 'openPort', 'pause', 'remove', 'rename', 'restart', 'runCommand', 'showLogs', 'stop'],
      paused: ['copyId', 'copyName', 'copyRunCommand', 'inspect', 'openFiles', 'remove', 'rename', 'showLogs', 'stop', 'unpause'],
      restarting: ['copyId', 'copyName', 'copyRunCommand', 'inspect', 'kill', 'openFiles', 'remove', 'rename', 'showLogs', 'stop'],
      exited: ['copyId', 'copyName', 'copyRunCommand', 'inspect', 'openFiles', 'remove', 'rename', 'restart', 'showLogs', 'start'],
      dead: ['copyId', 'copyName', 'copyRunCommand', 'inspect', 'openFiles', 'remove', 'rename', 'restart', 'showLogs', 'start'],
      removing: ['copyId', 'copyName', 'copyRunCommand', 'inspect'],
    };
    for (const [state, verbs] of Object.entries(expected)) {
      // Show Stats sits beside the lifecycle actions wherever the engine streams samples.
      const stats = state === 'running' || state === 'paused' ? ['berth.stats.show'] : [];
      assert.deepEqual(offered(row(state)), [...verbs.map((v) => `berth.container.${v}`), ...stats].sort(), state);
      assert.deepEqual(offered(row(state, true)), [...verbs.map((v) => `berth.container.${v}`), ...stats, 'submenu:berth.composeService'].sort(), `${state} (compose)`);
    }
  });

  it('agrees with the states each command itself accepts from the palette', () => {
    for (const [verb, states] of Object.entries(lifecycleStates)) {
      for (const state of ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']) {
        assert.equal(offered(row(state)).includes(`berth.container.${verb}`), (states as readonly string[]).includes(state), `${verb} on ${state}`);
      }
    }
  });

  it('offers compose actions on a compose project group', () => {
    assert.ok(offered('composeProject').includes('submenu:berth.composeProject'));
  });

  it('offers Show Stats exactly where the engine samples: running and paused containers, and compose projects', () => {
    const states = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
    for (const state of states) {
      const sampled = states.filter((s) => isSampled({ state: s } as Parameters<typeof isSampled>[0]));
      assert.equal(offered(row(state)).includes('berth.stats.show'), sampled.includes(state), state);
    }
    assert.ok(offered('composeProject').includes('berth.stats.show'));
    const title = pkg.contributes.menus['view/title'] ?? [];
    assert.ok(title.some((i) => i.command === 'berth.stats.showAll' && i.when === 'view == berth.containers'), 'all running containers, from the view title');
  });
});

describe('Networks view menus', () => {
  const network = (over: Partial<NetworkSummary>): string =>
    networkContextValue({ name: 'n', driver: 'bridge', builtIn: false, ingress: false, ...over } as NetworkSummary);
  const ids = (...verbs: string[]): string[] => verbs.map((v) => `berth.network.${v}`).sort();

  it('offers Remove only on networks users made, and Connect only where containers can join', () => {
    assert.deepEqual(offered(network({}), 'berth.networks'), ids('connect', 'inspect', 'remove'));
    assert.deepEqual(offered(network({ driver: 'macvlan' }), 'berth.networks'), ids('connect', 'inspect', 'remove'));
    assert.deepEqual(offered(network({ name: 'bridge', builtIn: true }), 'berth.networks'), ids('connect', 'inspect'));
    assert.deepEqual(offered(network({ name: 'host', driver: 'host', builtIn: true }), 'berth.networks'), ids('inspect'));
    assert.deepEqual(offered(network({ name: 'none', driver: 'null', builtIn: true }), 'berth.networks'), ids('inspect'));
    assert.deepEqual(offered(network({ name: 'ingress', driver: 'overlay', builtIn: true, ingress: true }), 'berth.networks'), ids('inspect'));
  });

  it('offers Disconnect on a container under a network, and nothing of a network on message rows', () => {
    assert.deepEqual(offered('networkContainer', 'berth.networks'), ids('disconnect'));
    assert.deepEqual(offered('message', 'berth.networks'), []);
    assert.deepEqual(offered('action', 'berth.networks'), []);
  });
});

describe('Volumes view menus', () => {
  it('offers Remove, Inspect and Browse Files on volumes, in use or not, and nothing on the containers under them', () => {
    assert.deepEqual(offered('volume', 'berth.volumes'), ['berth.volume.browse', 'berth.volume.inspect', 'berth.volume.remove']);
    assert.deepEqual(offered('volume.inUse', 'berth.volumes'), ['berth.volume.browse', 'berth.volume.inspect', 'berth.volume.remove']);
    assert.deepEqual(offered('volumeContainer', 'berth.volumes'), []);
  });
});

describe('Images view menus', () => {
  const ids = (...verbs: string[]): string[] => verbs.map((v) => `berth.image.${v}`).sort();

  it('offers registry actions only on tags, and nothing on layers', () => {
    assert.deepEqual(offered('image.tag', 'berth.images'), ids('copyDigest', 'copyId', 'inspect', 'pull', 'push', 'remove', 'tag'));
    assert.deepEqual(offered('image.dangling', 'berth.images'), ids('copyId', 'inspect', 'remove', 'tag'));
    assert.deepEqual(offered('repository', 'berth.images'), ids('remove'));
    assert.deepEqual(offered('imageLayer', 'berth.images'), []);
    assert.deepEqual(offered('untagged', 'berth.images'), []);
  });
});

describe('Build entry points', () => {
  it('offers Build Image on a Dockerfile in the file explorer and in its editor title, only in a trusted workspace', () => {
    for (const menu of ['explorer/context', 'editor/title']) {
      const entry = (pkg.contributes.menus[menu] ?? []).find((m) => m.command === 'berth.build.image');
      assert.ok(entry, `no Build Image in ${menu}`);
      assert.match(entry.when ?? '', /resourceLangId == dockerfile/);
      assert.match(entry.when ?? '', /isWorkspaceTrusted/);
    }
  });
});
