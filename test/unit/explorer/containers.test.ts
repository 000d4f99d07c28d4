import * as assert from 'node:assert/strict';
import { containerExitCode, containerHealth, containerPorts, containerState, engineDate, toContainerSummary, type RawContainer } from '../../../src/engine/containerMapping';
import type { ContainerSummary } from '../../../src/engine/types';
import { containersTree, layoutContainers, type ComposeProjectGroup } from '../../../src/explorer/containers/containersModel';
import {
  containerContextValue,
  containerDescription,
  containerIcon,
  containerTooltip,
  containerRow,
  containerTimesText,
  escapeMarkdown,
  portUrl,
  projectDescription,
  projectRow,
} from '../../../src/explorer/containers/containerPresentation';
import { shownOf } from '../../../src/explorer/shared/rowPresentation';
import { reconcile, type Present } from '../../../src/explorer/shared/treeModel';

function raw(over: Partial<RawContainer> & { Id: string }): RawContainer {
  return { Names: [`/${over.Id}`], Image: 'berth-test/busybox', Command: 'sleep 3600', Created: 1763900000, State: 'running', Status: 'Up 2 minutes', Ports: [], Labels: {}, ...over };
}

const c = (over: Partial<RawContainer> & { Id: string }): ContainerSummary => toContainerSummary(raw(over));

describe('container mapping', () => {
  it('maps every lifecycle state and reads unknown ones as exited', () => {
    for (const s of ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']) assert.equal(containerState(s), s);
    assert.equal(containerState('Running'), 'running');
    assert.equal(containerState('hibernating'), 'exited');
    assert.equal(containerState(undefined), 'exited');
  });

  it('reads health from the status text', () => {
    assert.equal(containerHealth('Up 5 seconds (healthy)'), 'healthy');
    assert.equal(containerHealth('Up 5 seconds (unhealthy)'), 'unhealthy');
    assert.equal(containerHealth('Up 1 second (health: starting)'), 'starting');
    assert.equal(containerHealth('Up 5 seconds'), undefined);
  });

  it('folds IPv4/IPv6 duplicates of a published port', () => {
    const ports = containerPorts([
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 53, Type: 'udp' },
    ]);
    assert.deepEqual(ports, [
      { privatePort: 53, protocol: 'udp' },
      { privatePort: 80, publicPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' },
    ]);
  });

  it('strips the leading slash, takes compose labels, converts the date', () => {
    const s = c({ Id: 'abc', Names: ['/web-1'], Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' } });
    assert.equal(s.name, 'web-1');
    assert.equal(s.composeProject, 'shop');
    assert.equal(s.composeService, 'web');
    assert.equal(s.created.toISOString(), '2025-11-23T12:13:20.000Z');
  });
});

describe('containers layout', () => {
  const list = [
    c({ Id: 'z', Names: ['/zeta'] }),
    c({ Id: 'b2', Names: ['/shop-web-1'], Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' } }),
    c({ Id: 'b1', Names: ['/shop-db-1'], Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db' } }),
    c({ Id: 'a', Names: ['/alpha'], State: 'exited', Status: 'Exited (0) 1 hour ago' }),
    c({ Id: 'h', Names: ['/h'], Labels: { 'com.docker.compose.project': 'p$(touch /tmp/pwn) "q" `id` é 🚢' } }),
  ];

  it('groups by compose project, sorted, and keeps the rest at the top level', () => {
    const layout = layoutContainers(list, true);
    assert.deepEqual(layout.projects.map((p) => p.project), ['p$(touch /tmp/pwn) "q" `id` é 🚢', 'shop']);
    assert.deepEqual(layout.projects[1]!.containers.map((x) => x.name), ['shop-db-1', 'shop-web-1']);
    assert.deepEqual(layout.ungrouped.map((x) => x.name), ['alpha', 'zeta']);
  });

  it('can turn grouping off', () => {
    const layout = layoutContainers(list, false);
    assert.equal(layout.projects.length, 0);
    assert.equal(layout.ungrouped.length, 5);
  });

  it('changes shape only when membership changes, and the fingerprint when a row changes', () => {
    const present: Present = (n) => (n.kind === 'container' ? containerRow(n.resource as ContainerSummary) : projectRow(n.resource as ComposeProjectGroup));
    const before = reconcile([], containersTree(list, true), present).roots;
    const stopped = list.map((x) => (x.id === 'z' ? { ...x, state: 'exited' as const, status: 'Exited (137)' } : x));
    const after = reconcile(before, containersTree(stopped, true), present);
    // The same shape: only the stopped row is redrawn, and it is the same node object as before.
    const zeta = before.find((n) => n.kind === 'container' && (n.resource as ContainerSummary).id === 'z');
    assert.ok(zeta);
    assert.deepEqual(after.changes, [zeta]);
    assert.notEqual(shownOf(containerRow(stopped[0]!)), shownOf(containerRow(list[0]!)));
    // One container fewer at the top level: the whole tree is re-read.
    assert.deepEqual(reconcile(after.roots, containersTree(list.slice(1), true), present).changes, [undefined]);
  });

  it('describes a project by its running count', () => {
    assert.equal(projectDescription(layoutContainers(list, true).projects[1]!), '2/2 running');
  });
});

describe('container presentation', () => {
  it('says kind and state in the context value, so menus offer only valid actions', () => {
    assert.equal(containerContextValue(c({ Id: 'x', State: 'paused' })), 'container.paused');
  });

  it('has a distinct icon per state and for health', () => {
    const states = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
    const icons = states.map((State) => JSON.stringify(containerIcon(c({ Id: 'x', State }))));
    assert.equal(new Set(icons).size, states.length);
    assert.notDeepEqual(containerIcon(c({ Id: 'x', Status: 'Up (unhealthy)' })), containerIcon(c({ Id: 'x' })));
  });

  it('links published ports on this machine', () => {
    assert.equal(portUrl({ privatePort: 80, publicPort: 8088, hostIp: '127.0.0.1', protocol: 'tcp' }), 'http://localhost:8088');
    assert.equal(portUrl({ privatePort: 80, publicPort: 8088, hostIp: '0.0.0.0', protocol: 'tcp' }), 'http://localhost:8088');
    assert.equal(portUrl({ privatePort: 80, publicPort: 8088, hostIp: '10.0.0.3', protocol: 'tcp' }), 'http://10.0.0.3:8088');
    assert.equal(portUrl({ privatePort: 53, publicPort: 53, protocol: 'udp' }), undefined);
    assert.equal(portUrl({ privatePort: 80, protocol: 'tcp' }), undefined);
  });

  it('renders hostile engine text in the tooltip as text', () => {
    const hostile = c({
      Id: 'h',
      Names: ['/h'],
      Command: 'sh -c "`id`"',
      Labels: { 'com.docker.compose.project': '[x](command:workbench.action.quit) <img src=x> $(touch /tmp/pwn)' },
      Ports: [{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8088, Type: 'tcp' }],
    });
    const tooltip = containerTooltip(hostile);
    assert.ok(!tooltip.includes('[x](command:'), 'no live command link');
    assert.ok(!/(^|[^\\])<img/.test(tooltip), 'no raw HTML');
    assert.match(tooltip, /\]\(http:\/\/localhost:8088\) → 80\/tcp/);
    assert.equal(escapeMarkdown('a*b_c'), 'a\\*b\\_c');
  });

  it('names the row by its container id, which the security badge decorates, and explains each finding in the tooltip', () => {
    const row = containerRow(c({ Id: 'abc123' }));
    assert.equal(row.resourceUri, 'berth-container:/abc123');
    const tooltip = containerTooltip(c({ Id: 'abc123' }), undefined, new Date(), [{ explanation: 'Privileged: *all*.' }, { explanation: 'Runs as root.' }]);
    const lines = tooltip.split('  \n');
    assert.deepEqual(lines.slice(-3), ['**Security**', '⚠ Privileged\\: \\*all\\*\\.', '⚠ Runs as root\\.']);
    assert.ok(!containerTooltip(c({ Id: 'abc123' })).includes('Security'), 'no section without findings');
  });
});

describe('container rows that stay true', () => {
  it('describe image, state, exit code and health — not the engine status that rots', () => {
    assert.equal(containerDescription(c({ Id: 'x', Status: 'Up 2 seconds' })), 'berth-test/busybox · running');
    assert.equal(containerDescription(c({ Id: 'x', State: 'exited', Status: 'Exited (137) 5 minutes ago' })), 'berth-test/busybox · exited (137)');
    assert.equal(containerDescription(c({ Id: 'x', Status: 'Up 1 hour (unhealthy)' })), 'berth-test/busybox · running (unhealthy)');
    assert.equal(containerDescription(c({ Id: 'x', Status: 'Up 1 second (health: starting)' })), 'berth-test/busybox · running (health: starting)');
  });

  it('draws the same row when only the status text moved on (the kill before a die redraws nothing)', () => {
    const before = c({ Id: 'x', Status: 'Up 2 seconds' });
    const later = c({ Id: 'x', Status: 'Up 3 minutes' });
    assert.equal(shownOf(containerRow(later)), shownOf(containerRow(before)));
    assert.notEqual(shownOf(containerRow(c({ Id: 'x', State: 'exited', Status: 'Exited (0) 1 second ago' }))), shownOf(containerRow(before)));
  });

  it('says how long it has been up or down when the tooltip is shown', () => {
    const now = new Date(2026, 0, 2, 13, 5);
    const started = new Date(2026, 0, 2, 10, 2);
    const running = c({ Id: 'x' });
    assert.equal(containerTimesText(running, { startedAt: started, finishedAt: undefined, restartCount: 0 }, now), 'Up 3 hours, since 10:02');
    const exited = c({ Id: 'x', State: 'exited', Status: 'Exited (1) 2 days ago' });
    assert.equal(containerTimesText(exited, { startedAt: started, finishedAt: new Date(2025, 11, 31, 9, 0), restartCount: 0 }, now), 'Exited 2 days ago, at 2025-12-31 09:00');
    const tooltip = containerTooltip(running, { startedAt: started, finishedAt: undefined, restartCount: 2 }, now);
    assert.match(tooltip, /State: running — Up 3 hours, since 10:02/);
    assert.match(tooltip, /Restarted: 2 times/);
    assert.ok(!containerTooltip(running).includes('Up '), 'without times the tooltip names none');
  });

  it('reads the exit code only from an Exited status', () => {
    assert.equal(containerExitCode('Exited (0) 3 seconds ago'), 0);
    assert.equal(containerExitCode('Exited (-1) 3 seconds ago'), -1);
    assert.equal(containerExitCode('Up 3 seconds'), undefined);
    assert.equal(engineDate('0001-01-01T00:00:00Z'), undefined);
    assert.equal(engineDate('2026-01-02T10:02:00.123456789Z')?.toISOString(), '2026-01-02T10:02:00.123Z');
  });
});
