import * as assert from 'node:assert/strict';
import { toContainerSummary } from '../../../src/engine/containerMapping';
import { isBuiltInNetwork, networkCreateBody, toNetworkSummary, type RawNetwork } from '../../../src/engine/networkMapping';
import type { ContainerSummary } from '../../../src/engine/types';
import { attachmentDescription, networkDescription, networkRow, networkTooltip } from '../../../src/explorer/networks/networkPresentation';
import { attachmentsOf, checkNetworkSpec, creatableDrivers, networkAffectedBy, networksTree } from '../../../src/explorer/networks/networksModel';
import { checkAddress, checkCidr, inSubnet, parseKeyValues, parseList } from '../../../src/explorer/shared/inputModel';

const raw = (over: Partial<RawNetwork> & { Id: string }): RawNetwork => ({ Name: over.Id, Driver: 'bridge', Scope: 'local', IPAM: { Config: [] }, Labels: {}, Options: {}, ...over });

function container(id: string, networks: Record<string, { NetworkID: string; IPAddress: string }>, state = 'running'): ContainerSummary {
  return toContainerSummary({ Id: id, Names: [`/${id}`], State: state, NetworkSettings: { Networks: networks } });
}

describe('network mapping', () => {
  it('reads driver, scope, subnets, flags, labels and dates', () => {
    const n = toNetworkSummary(raw({ Id: 'abc', Name: 'shop', Internal: true, Attachable: true, Created: '2026-01-02T03:04:05.1Z', IPAM: { Config: [{ Subnet: '172.28.0.0/16', Gateway: '172.28.0.1', IPRange: '172.28.5.0/24' }] }, Labels: { team: 'a' } }));
    assert.deepEqual(n.subnets, [{ subnet: '172.28.0.0/16', gateway: '172.28.0.1', ipRange: '172.28.5.0/24' }]);
    assert.equal(n.internal && n.attachable && !n.builtIn, true);
    assert.equal(n.created?.toISOString(), '2026-01-02T03:04:05.100Z');
  });

  it('knows the engine’s own networks', () => {
    assert.equal(isBuiltInNetwork({ Name: 'bridge', Driver: 'bridge' }), true);
    assert.equal(isBuiltInNetwork({ Name: 'none', Driver: 'null' }), true);
    assert.equal(isBuiltInNetwork({ Name: 'ingress', Driver: 'overlay', Ingress: true }), true);
    assert.equal(isBuiltInNetwork({ Name: 'docker_gwbridge', Driver: 'bridge' }), true);
    assert.equal(isBuiltInNetwork({ Name: 'shop_default', Driver: 'bridge' }), false);
  });

  it('sends what Create Network was given, and nothing more', () => {
    assert.deepEqual(networkCreateBody({ name: 'n', driver: 'bridge' }).IPAM, { Driver: 'default', Config: [] });
    const body = networkCreateBody({ name: 'n', driver: 'macvlan', subnet: '10.1.0.0/24', gateway: '10.1.0.1', internal: true, options: { parent: 'eth0' }, labels: { a: 'b' } });
    assert.deepEqual(body, { Name: 'n', Driver: 'macvlan', CheckDuplicate: true, Internal: true, Attachable: false, Labels: { a: 'b' }, Options: { parent: 'eth0' }, IPAM: { Driver: 'default', Config: [{ Subnet: '10.1.0.0/24', Gateway: '10.1.0.1' }] } });
  });
});

describe('networks model', () => {
  const shop = toNetworkSummary(raw({ Id: 'n1', Name: 'shop' }));
  const bridge = toNetworkSummary(raw({ Id: 'n0', Name: 'bridge' }));
  const web = container('web', { shop: { NetworkID: 'n1', IPAddress: '172.28.0.2' }, bridge: { NetworkID: 'n0', IPAddress: '172.17.0.2' } });
  const db = container('db', { shop: { NetworkID: 'n1', IPAddress: '' } }, 'exited');

  it('lists user networks first, each with its containers and their addresses', () => {
    const tree = networksTree({ networks: [bridge, shop], containers: [web, db] }, true);
    assert.deepEqual(tree.map((n) => n.key), ['n1', 'n0']);
    assert.deepEqual(tree[0]!.children!.map((c) => c.key), ['db', 'web']);
    assert.deepEqual(attachmentsOf(shop, [web]).map(attachmentDescription), ['172.28.0.2']);
    assert.deepEqual(attachmentsOf(shop, [db]).map(attachmentDescription), ['exited, no address']);
  });

  it('hides the built-in networks when asked', () => {
    assert.deepEqual(networksTree({ networks: [bridge, shop], containers: [] }, false).map((n) => n.key), ['n1']);
  });

  it('follows network events and the container events that change attachments', () => {
    const e = (type: string, action: string) => ({ type, action, id: 'x', attributes: {}, timeNano: '1' });
    assert.equal(networkAffectedBy(e('network', 'connect')), true);
    assert.equal(networkAffectedBy(e('network', 'destroy')), true);
    assert.equal(networkAffectedBy(e('container', 'destroy')), true);
    assert.equal(networkAffectedBy(e('container', 'start')), true, 'a started container has its address only now');
    assert.equal(networkAffectedBy(e('container', 'exec_start: sh')), false);
    assert.equal(networkAffectedBy(e('image', 'pull')), false);
  });

  it('draws driver, scope, subnet and flags; hostile names as text', () => {
    const n = toNetworkSummary(raw({ Id: 'h', Name: 'net$(touch /tmp/x) "q" é [a](command:x)', Internal: true, IPAM: { Config: [{ Subnet: '10.9.0.0/24' }] } }));
    assert.equal(networkDescription(n), 'bridge · local · 10.9.0.0/24 · internal');
    assert.equal(networkRow(n, 0).label, n.name, 'a label is plain text');
    assert.ok(!networkTooltip(n, 0).includes('[a](command:'), 'no live link in the tooltip');
    assert.equal(networkRow(n, 2).collapsible, 'collapsed');
    assert.equal(networkRow(n, 0).collapsible, undefined);
  });

  it('offers overlay only in a swarm', () => {
    assert.deepEqual(creatableDrivers(false), ['bridge', 'macvlan', 'ipvlan']);
    assert.ok(creatableDrivers(true).includes('overlay'));
  });

  it('checks a Create Network request before asking the engine', () => {
    assert.equal(checkNetworkSpec({ name: 'ok', driver: 'bridge', subnet: '10.5.0.0/16', gateway: '10.5.0.1', ipRange: '10.5.1.0/24' }), undefined);
    assert.match(checkNetworkSpec({ name: ' ', driver: 'bridge' }) ?? '', /needs a name/);
    assert.match(checkNetworkSpec({ name: 'x', driver: 'bridge', gateway: '10.0.0.1' }) ?? '', /needs a subnet/);
    assert.match(checkNetworkSpec({ name: 'x', driver: 'bridge', subnet: '10.5.0.0/16', gateway: '10.6.0.1' }) ?? '', /not in 10\.5\.0\.0\/16/);
    assert.match(checkNetworkSpec({ name: 'x', driver: 'bridge', subnet: '10.5.0.0' }) ?? '', /prefix length/);
  });
});

describe('what people type into Create dialogs', () => {
  it('parses key=value lists and says what is wrong', () => {
    assert.deepEqual(parseKeyValues('a=1, b = two words\nc=x=y,flag'), { values: { a: '1', b: 'two words', c: 'x=y', flag: '' } });
    assert.deepEqual(parseKeyValues(''), { values: {} });
    assert.match((parseKeyValues('=1') as { error: string }).error, /no key/);
    assert.match((parseKeyValues('a=1,a=2') as { error: string }).error, /twice/);
    assert.deepEqual(parseKeyValues('label=$(touch /tmp/x) `id`'), { values: { label: '$(touch /tmp/x) `id`' } });
    assert.deepEqual(parseKeyValues('type=nfs, o="addr=10.0.0.1,rw", device=":/export", q="say \\"hi\\""'), { values: { type: 'nfs', o: 'addr=10.0.0.1,rw', device: ':/export', q: 'say "hi"' } });
    assert.match((parseKeyValues('o="open') as { error: string }).error, /quote/);
  });

  it('checks addresses and subnets', () => {
    assert.equal(checkAddress('172.20.0.1'), undefined);
    assert.equal(checkAddress('fd00::1'), undefined);
    assert.match(checkAddress('300.1.1.1') ?? '', /not an IP address/);
    assert.equal(checkCidr('172.20.0.0/16'), undefined);
    assert.equal(checkCidr('fd00:1::/64'), undefined);
    assert.match(checkCidr('172.20.0.0/33') ?? '', /prefix length/);
    assert.equal(inSubnet('172.20.3.4', '172.20.0.0/16'), true);
    assert.equal(inSubnet('172.21.3.4', '172.20.0.0/16'), false);
    assert.equal(inSubnet('1.2.3.4', '0.0.0.0/0'), true);
    assert.deepEqual(parseList(' a, b  c,,'), ['a', 'b', 'c']);
  });
});
