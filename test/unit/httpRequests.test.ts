/** The request counter the benchmark's idle figure rests on: every request once, whatever the chunking. */
import * as assert from 'node:assert/strict';
import { HttpRequestCounter } from '../support/httpRequests';

const get = (path: string): string => `GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: dockerode\r\n\r\n`;
const post = (path: string, body: string): string => `POST ${path} HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Feeds `text` in pieces of `size` bytes (1 = every byte apart). */
function countIn(text: string, size: number): HttpRequestCounter {
  const counter = new HttpRequestCounter();
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) counter.push(bytes.subarray(i, i + size));
  return counter;
}

describe('HTTP request counter', () => {
  it('counts a request line split across two chunks once', () => {
    const text = get('/v1.41/containers/json?all=1');
    const counter = new HttpRequestCounter();
    assert.equal(counter.push(Buffer.from(text.slice(0, 9))), 0);
    assert.equal(counter.push(Buffer.from(text.slice(9))), 1);
    assert.deepEqual(counter.requests, ['GET /v1.41/containers/json']);
  });

  it('counts pipelined requests, in one chunk or byte by byte', () => {
    const text = get('/_ping') + post('/v1.41/containers/create', '{"Image":"busybox"}') + get('/v1.41/version');
    for (const size of [text.length, 7, 1]) {
      assert.deepEqual(countIn(text, size).requests, ['GET /_ping', 'POST /v1.41/containers/create', 'GET /v1.41/version'], `chunks of ${size}`);
    }
  });

  it('skips a body, even one holding what looks like a request line', () => {
    // Raw CRLFs inside the body: a line-by-line scan would take this for a second request.
    const body = '{"Env":["X=\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"]}';
    assert.deepEqual(countIn(post('/v1.41/containers/create', body) + get('/_ping'), 3).requests, ['POST /v1.41/containers/create', 'GET /_ping']);
  });

  it('skips a chunked body', () => {
    const chunked = 'POST /v1.41/build HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nGET /\r\n0\r\n\r\n';
    for (const size of [chunked.length, 1]) assert.deepEqual(countIn(chunked + get('/_ping'), size).requests, ['POST /v1.41/build', 'GET /_ping']);
  });

  it('stops reading after an upgrade: the rest is a raw stream', () => {
    const attach = 'POST /v1.41/containers/x/attach?stream=1 HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n';
    const counter = countIn(`${attach}${get('/not-a-request')}`, 4);
    assert.equal(counter.count, 1);
    assert.equal(counter.stoppedBecause, 'upgraded to tcp');
  });
});
