// Records test/fixtures/stats/samples.json, what the stats unit tests check Berth's math against:
//   1. samples streamed from the real engine here (run with the engine up, holding the engine lock), and
//   2. the hand-written samples of test/fixtures/stats/handwritten.json (cgroup v2, old daemons, Windows),
// each answered, one at a time, by a tiny daemon stand-in to the real docker CLI's `docker stats --no-stream`,
// so the expected strings are the CLI's own output for exactly that sample.
//   node scripts/recordStatsFixtures.mjs [--cli /usr/local/bin/docker] [--handwritten-only]
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(repo, 'test', 'fixtures', 'stats');
const argv = process.argv.slice(2);
const cliFlag = argv.indexOf('--cli');
const CLI = cliFlag >= 0 ? argv[cliFlag + 1] : '/usr/local/bin/docker';
const ENGINE_SOCKET = '/var/run/docker.sock';
const IMAGE = 'berth-test/busybox:latest';
const label = `berth.test=stats-fixtures-${randomBytes(3).toString('hex')}`;

/** `count` consecutive lines of a container's stats stream, as the engine sent them. */
function streamLines(id, count) {
  return new Promise((resolve, reject) => {
    const lines = [];
    let buffer = '';
    const req = http.get({ socketPath: ENGINE_SOCKET, path: `/v1.41/containers/${id}/stats?stream=1` }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) lines.push(line);
          if (lines.length === count) {
            req.destroy();
            resolve(lines);
            return;
          }
        }
      });
    });
    req.on('error', (error) => (lines.length === count ? undefined : reject(error)));
  });
}

async function recordFromEngine() {
  const info = execFileSync('docker', ['info', '--format', '{{.ServerVersion}}|{{.CgroupVersion}}|{{.CgroupDriver}}|{{.NCPU}}'], { encoding: 'utf8' }).trim().split('|');
  const source = `Docker Engine ${info[0]}, cgroup v${info[1]} (${info[2]}), ${info[3]} CPUs`;
  const run = (name, args) => execFileSync('docker', ['run', '-d', '--label', label, '--name', `${name}-${label.slice(-6)}`, ...args], { encoding: 'utf8' }).trim();
  const busy = run('berth-fixture-busy', [
    '-m', '64m', IMAGE, 'sh', '-c',
    // Block writes that reach the disk, network traffic to the bridge gateway, and a busy loop.
    'dd if=/dev/zero of=/tmp/f bs=64k count=64 conv=fsync 2>/dev/null; ping -c 40 -i 0.2 -s 1000 172.17.0.1 >/dev/null 2>&1 & while :; do :; done',
  ]);
  const idle = run('berth-fixture-idle', [IMAGE, 'sleep', '3600']);
  try {
    // Let the busy one write and ping for a while, so the totals are not zero.
    await new Promise((r) => setTimeout(r, 3000));
    const [busyLines, idleLines] = await Promise.all([streamLines(busy, 4), streamLines(idle, 3)]);
    return [
      { name: 'engine: busy loop, block writes, ping, 64 MiB limit (the first sample has no precpu)', os: 'linux', source, lines: busyLines },
      { name: 'engine: idle sleep, no memory limit', os: 'linux', source, lines: idleLines },
    ];
  } finally {
    execFileSync('docker', ['rm', '-f', busy, idle], { stdio: 'ignore' });
  }
}

/** What `docker stats --no-stream` prints for one sample, served by a daemon stand-in on a private socket. */
async function cliSays(line, osType) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-stats-cli-'));
  const socket = path.join(dir, 'docker.sock');
  const sample = JSON.parse(line);
  const server = http.createServer((req, res) => {
    res.setHeader('Api-Version', '1.41');
    res.setHeader('OSType', osType);
    // The CLI takes the daemon's platform for a stats response from this header.
    res.setHeader('Server', `Docker/20.10.24 (${osType})`);
    res.setHeader('Content-Type', 'application/json');
    if (req.url.endsWith('/_ping')) return res.end('OK');
    if (req.url.endsWith('/version')) return res.end(JSON.stringify({ Version: '20.10.24', ApiVersion: '1.41', MinAPIVersion: '1.12', Os: osType }));
    if (/\/stats\?/.test(req.url)) return res.end(`${line}\n`);
    res.statusCode = 404;
    res.end('{"message":"not in this stand-in"}');
  });
  await new Promise((resolve) => server.listen(socket, resolve));
  try {
    const id = sample.id;
    const { stdout } = await promisify(execFile)(CLI, ['-H', `unix://${socket}`, 'stats', '--no-stream', '--no-trunc', '--format', '{{json .}}', id], { env: { ...process.env, DOCKER_CONFIG: dir } });
    const out = JSON.parse(stdout.trim());
    return { CPUPerc: out.CPUPerc, MemUsage: out.MemUsage, MemPerc: out.MemPerc, NetIO: out.NetIO, BlockIO: out.BlockIO, PIDs: out.PIDs };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const cliVersion = execFileSync(CLI, ['version', '--format', '{{.Client.Version}}'], { encoding: 'utf8' }).trim().split('\n')[0];
  const handwritten = JSON.parse(fs.readFileSync(path.join(fixtures, 'handwritten.json'), 'utf8'));
  const streams = [];
  if (!argv.includes('--handwritten-only')) streams.push(...(await recordFromEngine()));
  else {
    const previous = JSON.parse(fs.readFileSync(path.join(fixtures, 'samples.json'), 'utf8'));
    streams.push(...previous.streams.filter((s) => s.source !== 'handwritten').map((s) => ({ ...s, lines: s.samples.map((x) => x.raw) })));
  }
  for (const s of handwritten.streams) streams.push({ name: s.name, os: s.os, source: 'handwritten', lines: s.samples.map((x) => JSON.stringify(x)) });
  const out = { about: `Stats samples and what docker CLI ${cliVersion} prints for each (docker stats --no-stream). Made by scripts/recordStatsFixtures.mjs; do not edit by hand.`, streams: [] };
  for (const s of streams) {
    const samples = [];
    for (const raw of s.lines) samples.push({ raw, cli: await cliSays(raw, s.os) });
    out.streams.push({ name: s.name, os: s.os, source: s.source, samples });
  }
  fs.writeFileSync(path.join(fixtures, 'samples.json'), `${JSON.stringify(out, null, 1)}\n`);
  console.log(`wrote ${out.streams.length} streams, ${out.streams.reduce((n, s) => n + s.samples.length, 0)} samples`);
}

await main();
