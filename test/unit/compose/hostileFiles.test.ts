/**
 * Compose files that point at hostile files (item: files a compose file points at): `include:` of
 * /dev/zero, a `.env` symlinked to /dev/zero, an env_file that is a FIFO, a huge included file,
 * and, in an untrusted workspace, paths outside it. Each gives a finding at once; the real
 * file system is used (nodeComposeHost), nothing is faked.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeComposeHost } from '../../../src/language/compose/composeHost';
import { lintComposeFile } from '../../../src/language/compose/lintCompose';
import { mergeCompose } from '../../../src/language/compose/merge';
import { scratch, type Scratch } from '../files/hostileFiles';
import { covered, withCode, yaml } from './helpers';

describe('compose: hostile files it points at', function () {
  // Hang guard: before the fix, /dev/zero grew the heap for seconds and then aborted the process.
  this.timeout(20_000);
  let s: Scratch;
  beforeEach(() => (s = scratch('berth-compose-files-')));
  afterEach(() => s.remove());

  const lintIn = (text: string, policy = {}) => {
    const file = s.write('compose.yaml', text);
    return { text, findings: lintComposeFile(file, text, nodeComposeHost({}, [], policy)) };
  };

  it('include: /dev/zero, a FIFO and a huge file: each is a finding on its path', () => {
    s.fifo('pipe.yaml');
    s.huge('big.yaml', 64 * 1024 * 1024);
    const { text, findings } = lintIn(yaml('include:', '  - /dev/zero', '  - ./pipe.yaml', '  - path: ./big.yaml', 'services:', '  web:', '    image: busybox'));
    const unread = withCode(findings, 'compose/unreadable-file');
    assert.deepEqual(unread.map((f) => covered(text, f)), ['/dev/zero', './pipe.yaml', './big.yaml']);
    assert.match(unread[0]!.message, /Included file `\/dev\/zero` was not read: it is not a regular file/);
    assert.match(unread[2]!.message, /is larger than 4 MiB/);
  });

  it('a .env symlinked to /dev/zero or /dev/stdin: a warning, and the lint goes on', () => {
    for (const target of ['/dev/zero', '/dev/stdin']) {
      const env = s.link('.env', target);
      const { findings } = lintIn(yaml('services:', '  web:', '    image: "busybox:${TAG}"'));
      assert.deepEqual(withCode(findings, 'compose/unreadable-file').map((f) => [f.severity, f.range.start.line]), [['warning', 0]], target);
      assert.ok(withCode(findings, 'compose/unset-variable').length === 1, 'the other rules still run');
      fs.unlinkSync(env);
    }
  });

  it('an env_file that is a FIFO or a device is flagged, not read', () => {
    s.fifo('app.env');
    const { text, findings } = lintIn(yaml('services:', '  web:', '    image: busybox', '    env_file: [./app.env, /dev/zero]'));
    const found = withCode(findings, 'compose/missing-env-file');
    assert.deepEqual(found.map((f) => covered(text, f)), ['./app.env', '/dev/zero']);
    assert.match(found[0]!.message, /not a regular file/);
  });

  it('untrusted: an include outside the workspace, or a .env symlinked out of it, is not followed', () => {
    const outside = scratch('berth-compose-outside-');
    try {
      outside.write('shared.yaml', 'services:\n  db:\n    image: busybox\n');
      outside.write('real.env', 'TAG=1\n');
      s.link('.env', path.join(outside.dir, 'real.env'));
      const text = yaml('include:', `  - ${path.join(outside.dir, 'shared.yaml')}`, 'services:', '  web:', '    image: "busybox:${TAG}"', '    depends_on: [db]');
      const untrusted = lintIn(text, { allowedRoots: [s.dir] }).findings;
      assert.deepEqual(withCode(untrusted, 'compose/unreadable-file').map((f) => f.severity), ['warning', 'error'], JSON.stringify(untrusted));
      assert.ok(untrusted.every((f) => !f.message.includes('TAG=1')));
      const trusted = lintIn(text).findings;
      assert.deepEqual(withCode(trusted, 'compose/unreadable-file'), [], 'trusted: both are read');
      assert.deepEqual(withCode(trusted, 'compose/undefined-service'), []);
    } finally {
      outside.remove();
    }
  });

  it('the merge (Show Merged Compose Config) names the file it did not read', () => {
    s.link('.env', '/dev/zero');
    const file = s.write('compose.yaml', yaml('include: [/dev/zero]', 'services:', '  web:', '    image: busybox'));
    const merged = mergeCompose([file], nodeComposeHost({}));
    assert.deepEqual(merged.problems, [`${path.join(s.dir, '.env')} was not read: it is not a regular file (a device, pipe or socket).`, '/dev/zero could not be read: it is not a regular file (a device, pipe or socket).']);
    assert.deepEqual(Object.keys(merged.model['services'] as object), ['web']);
  });
});
