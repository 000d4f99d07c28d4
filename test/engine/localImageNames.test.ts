import * as assert from 'node:assert/strict';
import { ConnectionScope } from '../../src/engine/connectionScope';
import { parseDockerHost } from '../../src/engine/endpoint';
import { EngineConnection } from '../../src/engine/engineConnection';
import { LocalImageNames } from '../../src/engine/localImageNames';
import { docker, runId, TEST_IMAGE, waitFor } from '../support/docker';

describe('local image names for completion', function () {
  this.timeout(30_000);
  const tag = `berth-test/tagged-${runId}:v1`;
  let connection: EngineConnection;
  let scope: ConnectionScope;
  const names = new LocalImageNames();
  /** Image listings sent to the engine: each call still goes to the real engine, it is only counted. */
  let listings = 0;

  before(async () => {
    connection = new EngineConnection(parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' }), { requestTimeoutMs: 10_000 });
    const list = connection.client.images.names.bind(connection.client.images);
    connection.client.images.names = (options) => {
      listings++;
      return list(options);
    };
    scope = new ConnectionScope(connection);
    names.attach(scope);
    connection.start();
    await waitFor('connected', () => connection.state.kind === 'connected');
  });

  after(async () => {
    scope.dispose();
    connection.dispose();
    await docker(['rmi', tag]).catch(() => undefined);
  });

  it('answers at once with what it has (nothing yet), and fills from the engine in the background', async () => {
    assert.equal(listings, 0);
    // The engine has not been asked yet, so a call that waited for it would have names.
    assert.deepEqual(names.get(), [], 'the first answer does not wait for the engine');
    assert.equal(listings, 1, 'the first call started one listing');
    await waitFor('the test image among the names', () => names.get().includes(TEST_IMAGE));
  });

  it('reads again only after the engine reports an image change', async () => {
    await waitFor('loaded', () => names.get().includes(TEST_IMAGE));
    const before = listings;
    for (let i = 0; i < 5; i++) names.get();
    // A listing started by the calls above would have been counted synchronously.
    assert.equal(listings, before, 'no new listing without an image event');
    assert.ok(!names.get().includes(tag));
    await docker(['tag', TEST_IMAGE, tag]);
    await waitFor(`${tag} after the tag event`, () => names.get().includes(tag));
    assert.equal(listings, before + 1, 'one listing for the one tag event');
  });

  it('forgets the names when the engine goes away', async () => {
    await waitFor('loaded', () => names.get().includes(TEST_IMAGE));
    scope.dispose();
    assert.deepEqual(names.get(), []);
    scope = new ConnectionScope(connection);
    names.attach(scope);
    await waitFor('loaded again once reattached', () => names.get().includes(TEST_IMAGE));
  });

  it('has no names and no errors without an engine', () => {
    const offline = new LocalImageNames();
    assert.deepEqual(offline.get(), []);
  });
});
