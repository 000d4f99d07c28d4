/**
 * Berth's stats numbers against the docker CLI's own: every sample in test/fixtures/stats/samples.json
 * (streamed from the real engine here — cgroup v1 — and hand-written cgroup v2, old-daemon and Windows
 * samples from the Engine API reference) comes with what `docker stats --no-stream` printed for exactly
 * that sample (scripts/recordStatsFixtures.mjs). Berth must print the same, character for character.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isEmptySample, parseEngineTime, parseStatsSample, ratePerSecond, statsFigures, type EnginePlatform, type RawStatsSample } from '../../../src/engine/statsMath';
import { bytesSize, dockerStatsColumns, goFixed, goGeneral, humanSize, type DockerStatsColumns } from '../../../src/shared/dockerFormat';

interface Fixture {
  streams: { name: string; os: EnginePlatform; source: string; samples: { raw: string; cli: DockerStatsColumns }[] }[];
}

const root = path.resolve(__dirname, '../../../..');
const fixture = JSON.parse(readFileSync(path.join(root, 'test/fixtures/stats/samples.json'), 'utf8')) as Fixture;

function sample(raw: string): RawStatsSample {
  const parsed = parseStatsSample(raw);
  assert.ok(parsed, 'the fixture line parses');
  return parsed;
}

describe('stats math: exactly docker stats', () => {
  it('has samples recorded from the real engine and hand-written cgroup v2 and Windows ones', () => {
    const engine = fixture.streams.filter((s) => s.source.startsWith('Docker Engine'));
    assert.ok(engine.length >= 2 && engine.every((s) => s.samples.length >= 3), 'recorded engine streams');
    assert.ok(engine.some((s) => s.samples.some((x) => x.raw.includes('"total_inactive_file"'))), 'the engine samples are cgroup v1');
    assert.ok(fixture.streams.some((s) => s.source === 'handwritten' && s.samples.some((x) => x.raw.includes('"inactive_file"') && !x.raw.includes('total_inactive_file'))), 'a cgroup v2 sample');
    assert.ok(fixture.streams.some((s) => s.os === 'windows'));
  });

  for (const stream of fixture.streams) {
    it(`prints what the docker CLI printed: ${stream.name}`, () => {
      for (const [i, s] of stream.samples.entries()) {
        assert.deepEqual(dockerStatsColumns(statsFigures(sample(s.raw), stream.os), stream.os), s.cli, `sample ${i + 1}`);
      }
    });
  }

  it('takes memory as usage − total_inactive_file on cgroup v1 and − inactive_file on v2', () => {
    const v1 = sample(fixture.streams.find((s) => s.name.startsWith('cgroup v1 on an old daemon'))!.samples[0]!.raw);
    // usage 6537216, total_inactive_file 98304 (inactive_file 65536 and cache 131072 are ignored on v1).
    assert.equal(statsFigures(v1, 'linux').memoryUsed, 6537216 - 98304);
    const v2 = sample(fixture.streams.find((s) => s.name.startsWith('cgroup v2: two'))!.samples[0]!.raw);
    const f = statsFigures(v2, 'linux');
    assert.equal(f.memoryUsed, 73728000 - 17608704);
    assert.equal(f.memoryPercent, ((73728000 - 17608704) / 8331886592) * 100);
    // CPU: Δ 421000000 of Δ 4000000000 on 4 CPUs.
    assert.equal(f.cpuPercent, (421000000 / 4000000000) * 4 * 100);
    // Summed over both interfaces and both devices.
    assert.deepEqual([f.netRx, f.netTx, f.blockRead, f.blockWrite, f.pids], [1532040 + 20480, 88310 + 10240, 4096000 + 52224, 1200128 + 8192, 12]);
  });

  it('uses the CPU count from percpu_usage when online_cpus is missing, and 0 when neither is there', () => {
    const old = sample(fixture.streams.find((s) => s.name.startsWith('cgroup v1 on an old daemon'))!.samples[0]!.raw);
    assert.equal(statsFigures(old, 'linux').cpuPercent, (121359 / 100000000) * 4 * 100);
    const none = sample(fixture.streams.find((s) => s.name.includes('without online_cpus'))!.samples[0]!.raw);
    assert.equal(statsFigures(none, 'linux').cpuPercent, 0);
  });

  it('computes Windows CPU from 100 ns intervals × processors', () => {
    const win = sample(fixture.streams.find((s) => s.os === 'windows')!.samples[0]!.raw);
    // 1 s = 10^7 intervals × 2 processors; 5·10^6 used.
    assert.equal(statsFigures(win, 'windows').cpuPercent, 25);
  });

  it('knows the zero-time sample a stopped container streams', () => {
    assert.equal(isEmptySample({ read: '0001-01-01T00:00:00Z' }), true);
    assert.equal(isEmptySample({}), true);
    assert.equal(isEmptySample(sample(fixture.streams[0]!.samples[1]!.raw)), false);
  });

  it('rejects lines that are not JSON objects, and reads engine times to the sub-millisecond', () => {
    for (const bad of ['', 'null', '[1]', '{"read":', '42']) assert.equal(parseStatsSample(bad), undefined, bad);
    const fraction = parseEngineTime('2026-11-30T02:37:31.968815564Z') - Date.parse('2026-11-30T02:37:31Z');
    assert.ok(Math.abs(fraction - 968.815564) < 0.001, String(fraction));
    assert.ok(Number.isNaN(parseEngineTime('yesterday')));
  });

  it('turns totals into rates, and gives none across a counter reset', () => {
    assert.equal(ratePerSecond(1000, 3000, 0, 2000), 1000);
    assert.equal(ratePerSecond(3000, 1000, 0, 1000), undefined);
    assert.equal(ratePerSecond(0, 10, 5, 5), undefined);
  });
});

describe("Go's number formatting, as docker stats prints", () => {
  it('rounds an exact tie to even, as Go does, and otherwise to nearest', () => {
    assert.equal(goFixed(0.125, 2), '0.12');
    assert.equal(goFixed(0.375, 2), '0.38');
    assert.equal(goFixed(2.675, 2), '2.67'); // 2.67499999… in binary: no tie
    assert.equal(goFixed(42.1, 2), '42.10');
    assert.equal(goGeneral(1000.5, 4), '1000');
    assert.equal(goGeneral(1001.5, 4), '1002');
  });

  it("switches %g to exponent form at the precision, with Go's two-digit exponent", () => {
    assert.equal(goGeneral(999.6, 3), '1e+03');
    assert.equal(goGeneral(123456, 3), '1.23e+05');
    assert.equal(goGeneral(0.00001234, 3), '1.23e-05');
    assert.equal(goGeneral(0.0001234, 3), '0.000123');
    assert.equal(goGeneral(64, 4), '64');
    assert.equal(goGeneral(5.338, 3), '5.34');
    assert.equal(goGeneral(0, 3), '0');
  });

  it('scales sizes by 1024 for memory and by 1000 for I/O', () => {
    assert.equal(bytesSize(6537216), '6.234MiB');
    assert.equal(bytesSize(1023), '1023B');
    assert.equal(humanSize(5338), '5.34kB');
    assert.equal(humanSize(648), '648B');
  });
});
