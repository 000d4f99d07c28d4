import * as assert from 'node:assert/strict';
import { parseDockerHost } from '../../src/engine/endpoint';
import { EngineConnection } from '../../src/engine/engineConnection';
import { LocalImageNames } from '../../src/engine/localImageNames';
import { docker, runId, TEST_IMAGE, waitFor } from '../support/docker';

describe('local image names for completion', function () {
  this.timeout(30_000);
  const tag = `berth-test/tagged-${runId}:v1`;
  let connection: EngineConnection;
  const names = new LocalImageNames();

  before(async () => {
    connection = new EngineConnection(parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' }), { requestTimeoutMs: 10_000 });
    names.attach(connection);
    connection.start();
    await waitFor('connected', () => connection.state.kind === 'connected');
  });

  after(async () => {
    names.dispose();
    connection.dispose();
    await docker(['rmi', tag]).catch(() => undefined);
  });

  it('answers at once, then fills from the engine in the background', async () => {
    assert.ok(Array.isArray(names.get()), 'get() never waits for the engine');
    await waitFor('the test image among the names', () => names.get().includes(TEST_IMAGE));
  });

  it('reads again only after the engine reports an image change', async () => {
    await waitFor('loaded', () => names.get().includes(TEST_IMAGE));
    assert.ok(!names.get().includes(tag));
    await docker(['tag', TEST_IMAGE, tag]);
    await waitFor(`${tag} after the tag event`, () => names.get().includes(tag));
  });

  it('has no names and no errors without an engine', () => {
    const offline = new LocalImageNames();
    offline.attach(undefined);
    assert.deepEqual(offline.get(), []);
  });
});
