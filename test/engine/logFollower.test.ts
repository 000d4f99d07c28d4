/** Following logs across a restart, to the container's removal, against the real daemon. */
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import { ContainerLogFollower, type LogFollowEvent } from '../../src/engine/logFollower';
import { createTestContainer, docker, removeTestContainers, runId, waitFor } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

function describeEvent(e: LogFollowEvent): string {
  if (e.kind === 'line') return `${e.line.stream}:${e.line.text}`;
  if (e.kind === 'break') return '--break--';
  if (e.kind === 'driver') return `driver:${e.driver}`;
  return `end:${e.reason}`;
}

describe('following container logs', () => {
  const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
  after(async () => {
    client.dispose();
    await removeTestContainers();
  });

  it('follows across docker restart with a break between the runs, stderr marked, and ends on removal', async () => {
    // Each run prints its start count (kept in a file), once on stdout and once on stderr, then waits.
    const script = "n=$(cat /n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /n; echo run $n; echo oops $n >&2; trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done";
    const id = await createTestContainer(`berth-logs-${runId}`, { start: true, extraArgs: ['--network', 'none'], cmd: ['sh', '-c', script] });
    const events: string[] = [];
    const follower = new ContainerLogFollower(client, id, { tail: 'all' }, (e) => events.push(describeEvent(e)));
    const done = follower.run();
    await waitFor('the first run', () => events.includes('stderr:oops 1'));
    await docker(['restart', '-t', '1', id]);
    await waitFor('the second run', () => events.includes('stderr:oops 2'));
    await docker(['rm', '-f', id]);
    await done;
    const lines = events.filter((e) => e !== 'stderr:oops 1' && e !== 'stderr:oops 2');
    assert.deepEqual(lines, ['driver:json-file', 'stdout:run 1', '--break--', 'stdout:run 2', 'end:The container was removed.']);
    assert.ok(events.indexOf('stderr:oops 1') < events.indexOf('--break--'));
    assert.equal(follower.openStreams, 0);
  });

  it('closes its stream when disposed', async () => {
    const id = await createTestContainer(`berth-logs-close-${runId}`, { start: true, extraArgs: ['--network', 'none'] });
    const follower = new ContainerLogFollower(client, id, { tail: 10 }, () => undefined);
    const done = follower.run();
    await waitFor('the stream to open', () => follower.openStreams === 1);
    follower.dispose();
    await done;
    assert.equal(follower.openStreams, 0);
  });

  it('says so when the log driver keeps nothing', async () => {
    const id = await createTestContainer(`berth-logs-none-${runId}`, { start: true, extraArgs: ['--network', 'none', '--log-driver', 'none'] });
    const events: string[] = [];
    await new ContainerLogFollower(client, id, { tail: 'all' }, (e) => events.push(describeEvent(e))).run();
    assert.equal(events[0], 'driver:none');
    assert.match(events[1]!, /^end:.*log driver is "none"/);
  });
});
