/**
 * What a log view follows, against the real daemon: a compose project across restart, recreate
 * and down (docker-compose v1, the testbed's compose), a container to its removal, and 100 MB of
 * logs through the spool with the memory in use staying bounded.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { EngineClient } from '../../src/engine/client';
import { parseDockerHost } from '../../src/engine/endpoint';
import { LogFollowSession, type LogScope } from '../../src/logs/logFollowSession';
import { LogMux } from '../../src/logs/logMux';
import type { LogRecord } from '../../src/logs/logRecord';
import { LogSpool } from '../../src/logs/logSpool';
import { createTestContainer, docker, removeTestContainers, runId, TEST_IMAGE, TEST_LABEL, waitFor } from '../support/docker';

const endpoint = parseDockerHost('unix:///var/run/docker.sock', { source: 'default', contextName: 'default' });

function compose(dir: string, project: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('docker-compose', ['-p', project, '-f', path.join(dir, 'docker-compose.yml'), ...args], { timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`docker-compose ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}

/** Follows `scope` into an array of records; `show` renders them as `source|kind|text` for asserts. */
function follow(client: EngineClient, scope: LogScope, tail: number | 'all' = 'all') {
  const records: LogRecord[] = [];
  const mux = new LogMux((r) => records.push(r));
  const session = new LogFollowSession(client, scope, { tail }, mux);
  const done = session.run();
  const show = (): string[] => records.map((r) => `${mux.sources[r.source]?.name ?? '-'}|${r.kind}|${r.text}`);
  return { records, mux, session, done, show };
}

describe('log views on the real engine', function () {
  const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000 });
  const project = `berthlogs${runId}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-logs-compose-'));

  after(async () => {
    await compose(dir, project, ['down', '-t', '1']).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    client.dispose();
    await removeTestContainers();
  });

  it('interleaves a compose project and keeps following across restart, recreate and down', async function () {
    this.timeout(90_000);
    // Each run prints its container's hostname (its short id), so a recreate shows a new one.
    const service = (name: string) =>
      `  ${name}:\n    image: ${TEST_IMAGE}\n    labels: { ${TEST_LABEL}: "${runId}" }\n    network_mode: none\n    stop_grace_period: 1s\n    command: ["sh", "-c", "echo ${name} up on $$(hostname); echo ${name} err >&2; trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]\n`;
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), `version: "2.4"\nservices:\n${service('web')}${service('db')}`);
    await compose(dir, project, ['up', '-d']);
    const view = follow(client, { kind: 'project', project });
    await waitFor('both services', () => view.show().includes('web|stderr|web err') && view.show().includes('db|stderr|db err'));
    const firstWeb = view.show().find((l) => l.startsWith('web|stdout|web up on'))!;

    await compose(dir, project, ['restart', '-t', '1', 'db']);
    await waitFor('the db restart marker and its second run', () => view.show().filter((l) => l.startsWith('db|stdout|db up on')).length === 2);

    await compose(dir, project, ['up', '-d', '--force-recreate', '--no-deps', 'web']);
    await waitFor('the recreated web container', () => view.show().filter((l) => l.startsWith('web|stdout|web up on')).length === 2, 30_000);
    await waitFor('the old web container removed', () => view.show().some((l) => /^web\|marker\|container \w{12} was removed$/.test(l)));

    const lines = view.show();
    const webLines = lines.filter((l) => l.startsWith('web|'));
    const secondWeb = webLines.filter((l) => l.startsWith('web|stdout|web up on'))[1]!;
    assert.notEqual(secondWeb, firstWeb, 'the recreated container has a new hostname');
    const recreated = webLines.findIndex((l) => /^web\|marker\|recreated: container \w{12} at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/.test(l));
    assert.ok(recreated > webLines.indexOf(firstWeb) && recreated < webLines.indexOf(secondWeb), `the recreate marker sits between the runs: ${webLines.join(' / ')}`);
    const dbLines = lines.filter((l) => l.startsWith('db|'));
    const restarted = dbLines.findIndex((l) => /^db\|marker\|restarted at /.test(l));
    assert.ok(restarted > 0 && restarted < dbLines.length - 1, `the restart marker sits between the runs: ${dbLines.join(' / ')}`);
    assert.deepEqual(view.mux.sources.map((s) => s.name).sort(), ['db', 'web']);
    assert.ok(view.mux.drivers.every((d) => d.driver === 'json-file' && d.readable));

    await compose(dir, project, ['down', '-t', '1']);
    await waitFor('the view to say no container is left', () => view.records.some((r) => r.kind === 'info' && /No container of this project/.test(r.text)), 30_000);
    assert.equal(view.mux.isEnded, false, 'a project view outlives its containers');
    view.session.dispose();
    await view.done;
    await waitFor('every stream closed', () => view.session.openStreams === 0);
  });

  it('follows a project whose compose labels hold shell syntax, as plain data', async () => {
    const hostile = `p$(touch /tmp/pwn-${runId}) "q" \`id\` é 🚢`;
    const labels = { 'com.docker.compose.project': hostile, 'com.docker.compose.service': 'web;rm -rf /' };
    await createTestContainer(`berth-logs-hostile-${runId}`, { start: true, labels, extraArgs: ['--network', 'none'], cmd: ['sh', '-c', "echo hostile hello; trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"] });
    const view = follow(client, { kind: 'project', project: hostile });
    await waitFor('the line', () => view.show().includes('web;rm -rf /|stdout|hostile hello'));
    view.session.dispose();
    await view.done;
    assert.equal(fs.existsSync(`/tmp/pwn-${runId}`), false);
  });

  it('ends a container\'s view with a last line when the container is removed', async () => {
    const id = await createTestContainer(`berth-logview-${runId}`, { start: true, extraArgs: ['--network', 'none'], cmd: ['sh', '-c', "echo hello; trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"] });
    const view = follow(client, { kind: 'container', id, name: 'c' }, 10);
    await waitFor('the first line', () => view.show().includes('c|stdout|hello'));
    assert.equal(view.session.openStreams, 1);
    await docker(['rm', '-f', id]);
    await view.done;
    assert.deepEqual(view.show().slice(-1), ['-|end|The container was removed.']);
    assert.equal(view.session.openStreams, 0);
  });

  it('spools 100 MB of logs to the end with the memory in use bounded', async function () {
    this.timeout(100_000);
    // 1 000 000 numbered lines of 100 bytes; the container has exited before the view opens.
    const lines = 1_000_000;
    const id = await createTestContainer(`berth-logs-100mb-${runId}`, {
      start: true,
      extraArgs: ['--network', 'none'],
      cmd: ['sh', '-c', `seq -w 1 ${lines} | sed 's/$/ ${'x'.repeat(92)}/'`],
    });
    await docker(['wait', id], { timeoutMs: 90_000 });
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const inUse = (): number => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = inUse();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 20);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-logs-spool-'));
    const spool = new LogSpool(dir);
    const mux = new LogMux((r) => spool.append(r));
    const session = new LogFollowSession(client, { kind: 'container', id, name: 'big' }, { tail: 'all' }, mux);
    const done = session.run();
    try {
      await waitFor('the last line in the spool', () => spool.lineCount >= lines, 90_000, 50);
    } finally {
      clearInterval(sampler);
    }
    assert.equal(spool.lineCount, lines);
    assert.equal(spool.readLines(0, 1)[0]!.record.text, `0000001 ${'x'.repeat(92)}`);
    assert.equal(spool.readLines(lines - 1, 1)[0]!.record.text, `${String(lines)} ${'x'.repeat(92)}`);
    assert.ok(spool.byteCount > 100_000_000, `${spool.byteCount} bytes spooled`);
    gc();
    const retained = inUse() - before;
    session.dispose();
    await done;
    spool.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    // Holding the lines would take well over 200 MB (UTF-16 strings); the index is 8 MB.
    assert.ok(retained < 24 * 1024 * 1024, `retained ${(retained / 1048576).toFixed(1)} MiB after the read`);
    assert.ok(peak - before < 96 * 1024 * 1024, `peak ${((peak - before) / 1048576).toFixed(1)} MiB above the start while reading`);
  });
});
