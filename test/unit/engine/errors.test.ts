import * as assert from 'node:assert/strict';
import { parseDockerHost } from '../../../src/engine/endpoint';
import { EngineError, classifyError, nothingListens, tlsFileError } from '../../../src/engine/errors';

const unix = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });
const ssh = parseDockerHost('ssh://me@box', { source: 'context', contextName: 'box' });

function sysError(code: string, message = `connect ${code} /var/run/docker.sock`): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyError', () => {
  it('tells a stopped daemon from a permission problem', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED']) {
      const e = classifyError(sysError(code), unix);
      assert.equal(e.kind, 'unreachable');
      assert.match(e.userMessage, /not reachable.*Start Docker/);
    }
    const denied = classifyError(sysError('EACCES'), unix);
    assert.equal(denied.kind, 'permission');
    assert.match(denied.nextStep, /docker group/);
    assert.match(denied.nextStep, /rootless/);
  });

  it('gives ssh hosts an ssh hint', () => {
    assert.match(classifyError(sysError('ECONNREFUSED'), ssh).nextStep, /ssh to the host/);
  });

  it('recognises TLS failures by code and by the engine answer', () => {
    assert.equal(classifyError(sysError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self signed certificate'), unix).kind, 'tls');
    assert.equal(classifyError(sysError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), unix).kind, 'tls');
    const plainToTls = Object.assign(new Error('(HTTP code 400) unexpected'), {
      statusCode: 400,
      json: { message: 'Client sent an HTTP request to an HTTPS server.' },
    });
    const e = classifyError(plainToTls, unix);
    assert.equal(e.kind, 'tls');
    assert.match(e.nextStep, /DOCKER_TLS_VERIFY/);
  });

  it('maps HTTP status codes and keeps the engine message', () => {
    const notFound = classifyError(Object.assign(new Error('x'), { statusCode: 404, json: { message: 'No such container: abc' } }), unix, 'Stop container');
    assert.equal(notFound.kind, 'notFound');
    assert.equal(notFound.message, 'Stop container: No such container: abc');
    assert.equal(classifyError(Object.assign(new Error('x'), { statusCode: 409, json: { message: 'conflict' } })).kind, 'conflict');
    assert.equal(classifyError(Object.assign(new Error('x'), { statusCode: 304, reason: 'container already started' })).kind, 'notModified');
    const server = classifyError(Object.assign(new Error('x'), { statusCode: 500, json: { message: 'driver failed' } }));
    assert.equal(server.kind, 'engine');
    assert.equal(server.message, 'driver failed');
  });

  it('passes EngineErrors through and never throws on odd input', () => {
    const original = new EngineError('timeout', 'slow', 'wait');
    assert.equal(classifyError(original), original);
    assert.equal(classifyError(undefined).kind, 'unknown');
    assert.equal(classifyError('a string').message, 'a string');
    assert.equal(classifyError({ weird: true }).kind, 'unknown');
  });
});

describe('engine errors: nothing listening, TLS files', () => {
  it('knows a vanished engine (nothing listens) from other failures', () => {
    assert.equal(nothingListens(Object.assign(new Error('x'), { code: 'ENOENT' })), true);
    assert.equal(nothingListens(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), true);
    assert.equal(nothingListens(Object.assign(new Error('x'), { code: 'ECONNRESET' })), false);
    assert.equal(nothingListens(undefined), false);
  });

  it('says DOCKER_TLS_VERIFY needs ca.pem and that the system CAs are not used instead', () => {
    const tls = parseDockerHost('tcp://h:2376', { source: 'env', contextName: 'default', tls: { verify: true, caPath: '/certs/ca.pem' } });
    const e = tlsFileError(Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: '/certs/ca.pem' }), tls);
    assert.equal(e.kind, 'tls');
    assert.match(e.message, /DOCKER_TLS_VERIFY is set, but there is no CA certificate at \/certs\/ca\.pem/);
    assert.match(e.nextStep, /system's certificate authorities/);
  });
});
