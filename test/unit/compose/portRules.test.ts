import * as assert from 'node:assert/strict';
import { parseCompose } from '../../../src/language/compose/composeDocument';
import { hostBinding } from '../../../src/language/compose/portRules';
import { covered, lint, withCode, yaml } from './helpers';

describe('compose published ports', () => {
  it('parses short and long port syntax', () => {
    const doc = parseCompose(yaml('- "127.0.0.1:8080:80/udp"', '- "[::1]:9000-9002:9000-9002"', '- "80"', '- 80', '- ":80"', '- {published: 443, target: 443, host_ip: 10.0.0.1}'));
    const top = doc.top;
    const items = top?.kind === 'seq' ? top.items : [];
    assert.deepEqual(items.map(hostBinding), [
      { hostIp: '127.0.0.1', first: 8080, last: 8080, protocol: 'udp' },
      { hostIp: '::1', first: 9000, last: 9002, protocol: 'tcp' },
      undefined,
      undefined,
      undefined,
      { hostIp: '10.0.0.1', first: 443, last: 443, protocol: 'tcp' },
    ]);
  });

  it('flags the same host port and interface published twice', () => {
    const text = yaml('services:', '  a:', '    image: x', '    ports: ["8080:80"]', '  b:', '    image: x', '    ports:', '      - "0.0.0.0:8080:81"', '      - target: 82', '        published: "8079-8081"');
    const found = withCode(lint(text), 'compose/duplicate-host-port');
    assert.equal(found.length, 2);
    assert.equal(covered(text, found[0]!), '"0.0.0.0:8080:81"');
    assert.match(found[0]!.message, /Host port 8080\/tcp on 0\.0\.0\.0 is already published by service `a` \(line 4\)/);
  });

  it('allows the same port on other interfaces, protocols, or in profiles never active together', () => {
    const text = yaml(
      'services:',
      '  a:',
      '    image: x',
      '    ports: ["127.0.0.1:8080:80", "53:53/udp"]',
      '  b:',
      '    image: x',
      '    ports: ["127.0.0.2:8080:80", "53:53/tcp", "${PORT}:80"]',
      '  c:',
      '    image: x',
      '    profiles: [dev]',
      '    ports: ["9000:80"]',
      '  d:',
      '    image: x',
      '    profiles: [prod]',
      '    ports: ["9000:80"]',
    );
    assert.deepEqual(withCode(lint(text, {}, { PORT: '1' }), 'compose/duplicate-host-port'), []);
  });
});
