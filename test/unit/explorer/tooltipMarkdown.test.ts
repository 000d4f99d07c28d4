/**
 * Engine text in a container's tooltip stays text. The tooltip is rendered here with marked 14,
 * the Markdown parser VS Code 1.100 renders hovers with, so "text" means what a person would see:
 * no image (a remote image in a hover is a tracking pixel), no HTML, no link but the port's own.
 */
import * as assert from 'node:assert/strict';
import { marked } from 'marked';
import { toContainerSummary, type RawContainer } from '../../../src/engine/containerMapping';
import { containerTooltip, portUrl } from '../../../src/explorer/containers/containerPresentation';

const render = (markdown: string): string => marked.parse(markdown, { async: false, gfm: true });

/** What a reader sees: the HTML's text, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function hostileContainer(over: Partial<RawContainer> = {}): RawContainer {
  return {
    Id: 'f00dfeedbeef0000',
    Names: ['/hostile'],
    Image: 'berth-test/busybox',
    Command: 'sh -c "echo `id`"\n\n![x](http://evil.example/p.png)\n<img src=http://evil.example/q.png>\n``` `',
    Created: 1763900000,
    State: 'running',
    Status: 'Up 2 minutes',
    Ports: [
      { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8088, Type: 'tcp' },
      { IP: '1.2.3.4](http://evil.example/l) ![y](http://evil.example/r.png', PrivatePort: 81, PublicPort: 8089, Type: 'tcp' },
    ],
    Labels: {
      'com.docker.compose.project': 'shop\n\n# Heading [a](command:workbench.action.quit) <img src=x onerror=alert(1)> ![z](https://evil.example/s.png)',
      'com.docker.compose.service': 'web](http://evil.example/t) `x` www.evil.example',
    },
    ...over,
  };
}

describe('container tooltip Markdown', () => {
  const html = render(containerTooltip(toContainerSummary(hostileContainer())));

  it('renders no image and no raw HTML from engine text', () => {
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<h\d/i, 'a label started a heading');
    assert.doesNotMatch(html, /<[a-z]+[^>]*\sonerror=/i);
  });

  it('links only the published port on this machine', () => {
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, ['http://localhost:8088']);
  });

  it('shows the hostile values as the text they are', () => {
    const text = visibleText(html);
    for (const literal of ['![x](http://evil.example/p.png)', '<img src=http://evil.example/q.png>', 'sh -c "echo `id`"', '[a](command:workbench.action.quit)', 'web](http://evil.example/t) `x` www.evil.example', '1.2.3.4](http://evil.example/l) ![y](http://evil.example/r.png:8089']) {
      assert.ok(text.includes(literal), `the tooltip does not show ${JSON.stringify(literal)} as text:\n${text}`);
    }
  });

  it('builds a port link only from an IP address and a port number', () => {
    assert.equal(portUrl({ privatePort: 80, publicPort: 8088, hostIp: '1.2.3.4](http://evil.example/l)', protocol: 'tcp' }), undefined);
    assert.equal(portUrl({ privatePort: 80, publicPort: 8088, hostIp: 'evil.example', protocol: 'tcp' }), undefined);
    assert.equal(portUrl({ privatePort: 80, publicPort: 8088, hostIp: 'fe80::1%eth0', protocol: 'tcp' }), undefined);
    assert.equal(portUrl({ privatePort: 80, publicPort: 8088, hostIp: 'fd00::3', protocol: 'tcp' }), 'http://[fd00::3]:8088');
    assert.equal(portUrl({ privatePort: 80, publicPort: 1e6, hostIp: '10.0.0.3', protocol: 'tcp' }), undefined);
  });
});
