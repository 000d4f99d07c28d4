/**
 * A second, real dockerd that answers only TLS on a loopback port (`--tlsverify`), with
 * certificates openssl makes for the test. Its data root, exec root (and so its containerd), pid
 * file and unix socket all live in one temp folder; it has a bridge of its own and touches no
 * iptables rule or sysctl, so the testbed's engine never notices it. stop() ends it and removes
 * the folder and the bridge.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../harness/codeServer';
import { waitFor } from './docker';

const run = promisify(execFile);

/** Folders laid out as DOCKER_CERT_PATH expects (ca.pem, cert.pem, key.pem). */
export interface CertPaths {
  /** The daemon's CA and a client certificate it signed. */
  good: string;
  /** A client certificate the daemon trusts, but a ca.pem from another CA: the server is not trusted. */
  wrongCa: string;
  /** The daemon's CA, but a client certificate from another CA: the daemon refuses the client. */
  wrongClient: string;
}

export interface TlsDaemon {
  port: number;
  certs: CertPaths;
  /** The daemon's folder (also fine as a HOME with no docker config in it). */
  dir: string;
  stop(): Promise<void>;
}

async function makeCertificates(dir: string): Promise<CertPaths> {
  const ssl = (args: string[]): Promise<unknown> => run('openssl', args, { cwd: dir });
  const ca = async (name: string): Promise<void> => {
    await ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.pem`]);
  };
  const sign = async (name: string, byCa: string, extension: string): Promise<void> => {
    fs.writeFileSync(path.join(dir, `${name}.ext`), `${extension}\n`);
    await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`]);
    await ssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${byCa}.pem`, '-CAkey', `${byCa}-key.pem`, '-CAcreateserial', '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}-cert.pem`]);
  };
  await ca('test-ca');
  await ca('other-ca');
  await sign('server', 'test-ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost');
  await sign('client', 'test-ca', 'extendedKeyUsage=clientAuth');
  await sign('stranger', 'other-ca', 'extendedKeyUsage=clientAuth');
  const certPath = (name: string, caFile: string, client: string): string => {
    const folder = path.join(dir, name);
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(dir, `${caFile}.pem`), path.join(folder, 'ca.pem'));
    fs.copyFileSync(path.join(dir, `${client}-cert.pem`), path.join(folder, 'cert.pem'));
    fs.copyFileSync(path.join(dir, `${client}-key.pem`), path.join(folder, 'key.pem'));
    return folder;
  };
  return { good: certPath('good', 'test-ca', 'client'), wrongCa: certPath('wrong-ca', 'other-ca', 'client'), wrongClient: certPath('wrong-client', 'test-ca', 'stranger') };
}

/** Whether the daemon answers /_ping on its own unix socket. */
function pings(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/** Whether something accepts a TCP connection on the loopback port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function stopProcess(child: ChildProcess, exited: Promise<void>, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  child.kill('SIGTERM');
  return Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

export async function startTlsDaemon(): Promise<TlsDaemon> {
  // Short: containerd's socket goes under the exec root, and unix socket paths end at 107 bytes.
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'berth-tls-'));
  const certs = await makeCertificates(dir);
  const port = await freePort();
  const socket = path.join(dir, 'docker.sock');
  const config = path.join(dir, 'daemon.json');
  fs.writeFileSync(config, '{}\n'); // not the machine's /etc/docker/daemon.json
  const bridge = `berthtls${randomBytes(3).toString('hex')}`;
  execFileSync('ip', ['link', 'add', bridge, 'type', 'bridge']);
  const removeBridge = (): void => {
    try {
      execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  };
  const log = path.join(dir, 'dockerd.log');
  const out = fs.openSync(log, 'a');
  // prettier-ignore
  const child = spawn('dockerd', [
    '--config-file', config,
    '--data-root', path.join(dir, 'data'),
    '--exec-root', path.join(dir, 'exec'),
    '--pidfile', path.join(dir, 'docker.pid'),
    '-H', `unix://${socket}`,
    '-H', `tcp://127.0.0.1:${port}`,
    '--tlsverify',
    '--tlscacert', path.join(dir, 'test-ca.pem'),
    '--tlscert', path.join(dir, 'server-cert.pem'),
    '--tlskey', path.join(dir, 'server-key.pem'),
    // A bridge of its own: with `--bridge=none` dockerd deletes any docker0 link it finds at start,
    // the main engine's included, and every later container start there fails.
    `--bridge=${bridge}`,
    '--iptables=false',
    '--ip-masq=false',
    '--ip-forward=false',
  ], { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exitedWith: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = signal ?? `code ${code}`;
      resolve();
    });
    // No dockerd to run (spawn's ENOENT): the testbed installs it (scripts/testbed/engine.sh).
    child.once('error', (error) => {
      exitedWith = error.message;
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (!(await stopProcess(child, exited, 20_000))) {
      child.kill('SIGKILL');
      await exited;
      // A dockerd killed hard leaves its containerd running.
      try {
        const containerdPid = Number(fs.readFileSync(path.join(dir, 'exec', 'containerd', 'containerd.pid'), 'utf8').trim() || 0);
        if (containerdPid > 0) process.kill(containerdPid, 'SIGKILL');
      } catch {
        // No containerd was started, or it is gone already.
      }
    }
    removeBridge();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const died = exited.then(() => {
    throw new Error(`dockerd exited (${exitedWith}):\n${fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')}`);
  });
  died.catch(() => undefined);
  try {
    await Promise.race([
      died,
      (async () => {
        await waitFor('the TLS dockerd to answer on its own socket', () => pings(socket), 60_000, 100);
        await waitFor(`the TLS dockerd to listen on 127.0.0.1:${port}`, () => accepts(port), 10_000, 50);
      })(),
    ]);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { port, certs, dir, stop };
}
