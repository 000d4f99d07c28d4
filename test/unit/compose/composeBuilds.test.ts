/** What Compose would build, as Berth's build options: paths, args, target and the image name per Compose version. */
import * as assert from 'node:assert/strict';
import { defaultImageName, normalizeProjectName, serviceBuilds } from '../../../src/compose/composeBuilds';

describe('compose service builds', () => {
  const model = {
    services: {
      web: { build: { context: './web', dockerfile: 'Dockerfile.dev', target: 'dev', args: { MODE: 'dev', FROM_ENV: null }, cache_from: ['cache:web'] } },
      api: { build: '../api', image: 'acme/api:1' },
      db: { image: 'postgres' },
      odd: { build: { context: '.', ssh: ['default'] } },
    },
  };

  it('resolves context and Dockerfile, carries target, args and cache, and names the image as Compose does', () => {
    const builds = serviceBuilds(model, '/p/shop', 'shop', 'v1');
    assert.deepEqual(builds.map((b) => b.service), ['web', 'api', 'odd']);
    const web = builds[0]!.options;
    assert.equal(web.context, '/p/shop/web');
    assert.equal(web.dockerfile, '/p/shop/web/Dockerfile.dev');
    assert.equal(web.target, 'dev');
    assert.deepEqual(web.buildArgs, ['MODE=dev', 'FROM_ENV']);
    assert.deepEqual(web.cacheFrom, ['cache:web']);
    assert.deepEqual(web.tags, ['shop_web']);
    assert.deepEqual(builds[1]!.options.tags, ['acme/api:1']);
    assert.equal(builds[1]!.options.dockerfile, '/p/api/Dockerfile');
    assert.deepEqual(builds.map((b) => b.unsupported), [[], [], ['ssh']]);
  });

  it('builds only the services asked for; v2 names images with a dash', () => {
    assert.deepEqual(serviceBuilds(model, '/p/shop', 'shop', 'v2', ['web']).map((b) => b.options.tags), [['shop-web']]);
    assert.equal(defaultImageName('shop', 'web', 'v1'), 'shop_web');
  });

  it('normalizes a project name as Compose does', () => {
    assert.equal(normalizeProjectName('My Shop.v2'), 'myshopv2');
  });
});
