import * as assert from 'node:assert/strict';
import { webviewPage } from '../../src/webviewHost/webviewPage';

describe('the shared webview page', () => {
  const sources = { cspSource: 'vscode-resource:', nonce: 'n0nce', scriptUri: 'https://x/a.js?"><b>', styleUri: 'https://x/a.css' };

  it('lets only its own nonce run scripts, and forbids everything not named', () => {
    const html = webviewPage(sources, 'Logs', '<main id="m"></main>');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; script-src 'nonce-n0nce'; style-src vscode-resource:/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal((html.match(/<script /g) ?? []).length, 1);
    assert.match(html, /<script nonce="n0nce" src=/);
    assert.match(html, /<main id="m"><\/main>/);
  });

  it('quotes the addresses and the title it puts in attributes and text', () => {
    const html = webviewPage(sources, '<b>x</b>', '');
    assert.ok(!html.includes('"><b>'), 'an address broke out of its attribute');
    assert.match(html, /<title>&lt;b>x&lt;\/b><\/title>/);
  });
});
