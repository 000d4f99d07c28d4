// `npm test`: brings up the testbed, builds, and runs every test layer against the real engine
// and a real VS Code, counting passed/failed per layer. Ends with one line "N passed, N failed".
//   node scripts/test.mjs [--only unit,engine,vscode,restricted,ui,outage] [--no-build]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const testbed = process.env.BERTH_TESTBED || path.join(repo, '.testbed');
const reports = path.join(testbed, 'reports');
const runId = process.env.BERTH_TEST_RUN_ID || randomBytes(4).toString('hex');
const CI = Boolean(process.env.CI && !['0', 'false'].includes(process.env.CI.trim().toLowerCase()));

/**
 * The layers in the order they run, each with its time budget: a layer still running at its
 * budget is stopped and fails, so CI (30 minutes for everything, .ci/run) fails on a slow
 * layer instead of timing out as a whole. The budgets are 3-5× what each layer takes on a loaded
 * 2-core machine (unit also leaves room for a 2-minute fuzz) and add up to 20.5 minutes, which
 * leaves a fresh machine's testbed install (about 5) inside the 30. The engine, vscode and ui
 * layers each start and remove a three-node swarm once (scripts/testbed/swarm.sh, about 4 s up
 * and 4 s down) for their swarm suite. The outage suite stops the
 * daemon, so it comes last.
 */
const LAYERS = [
  { name: 'unit', needsTestbed: false, budgetMs: 4 * 60_000, run: (budget) => unitLayer(budget) },
  { name: 'engine', needsTestbed: true, budgetMs: 3 * 60_000, run: (budget) => mochaLayer('engine', 'out/test/engine', '.test.js', 60_000, budget) },
  { name: 'vscode', needsTestbed: true, budgetMs: 5 * 60_000, run: (budget) => extensionHostLayer('vscode', 'out/test/vscode/index.js', true, budget) },
  { name: 'restricted', needsTestbed: true, budgetMs: 90_000, run: (budget) => extensionHostLayer('restricted', 'out/test/vscode/restricted/index.js', false, budget) },
  { name: 'ui', needsTestbed: true, budgetMs: 5 * 60_000, run: (budget) => mochaLayer('ui', 'out/test/ui', '.ui.js', 120_000, budget, false) },
  { name: 'outage', needsTestbed: true, budgetMs: 2 * 60_000, run: (budget) => extensionHostLayer('outage', 'out/test/vscode/outage/index.js', true, budget) },
];

function parseArgs(argv) {
  const options = { only: undefined, build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg.includes('=') ? arg.slice('--only='.length) : argv[++i];
      options.only = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = options.only.filter((n) => !LAYERS.some((l) => l.name === n));
      if (unknown.length > 0 || options.only.length === 0) usage(`unknown layer(s): ${unknown.join(', ') || '(none given)'}`);
    } else if (arg === '--no-build') {
      options.build = false;
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  return options;
}

function usage(problem) {
  console.error(`${problem}\nusage: node scripts/test.mjs [--only ${LAYERS.map((l) => l.name).join(',')}] [--no-build]`);
  process.exit(2);
}

/** Runs a command with inherited output; resolves with its exit code (or the signal that ended it). */
function run(command, args, { env = {}, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    const timer = timeoutMs && setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => resolve({ code: 127, reason: error.message }));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, reason: signal ? `killed by ${signal}${signal === 'SIGKILL' && timeoutMs ? ` at its budget of ${seconds(timeoutMs)}` : ''}` : `exit code ${code}` });
    });
  });
}

function crashed(layer, reason) {
  return { passed: 0, failed: 1, pending: 0, failures: [{ title: `${layer} could not run`, message: reason }] };
}

function findFiles(dir, suffix, recursive) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return recursive ? findFiles(file, suffix, true) : [];
      return entry.name.endsWith(suffix) ? [file] : [];
    })
    .sort();
}

/** The per-test timeout the layer's own mocharc sets (test/.mocharc.<layer>.json), else `fallback`. */
function mocharcTimeout(name, fallback) {
  try {
    const timeout = Number(JSON.parse(fs.readFileSync(path.join(repo, 'test', `.mocharc.${name}.json`), 'utf8')).timeout);
    return Number.isFinite(timeout) && timeout > 0 ? timeout : fallback;
  } catch {
    return fallback;
  }
}

/** A layer of plain-Node mocha tests, run in its own process so a crash or a hang stays contained. */
async function mochaLayer(name, dir, suffix, timeoutMs, budgetMs, recursive = true) {
  const files = findFiles(path.join(repo, dir), suffix, recursive);
  if (files.length === 0) return crashed(name, `no ${dir}/${recursive ? '**/' : ''}*${suffix} files: did the build compile test/?`);
  const report = path.join(reports, `${name}.json`);
  fs.rmSync(report, { force: true });
  const result = await run(process.execPath, ['out/test/harness/runMocha.js', '--timeout', String(mocharcTimeout(name, timeoutMs)), ...files], {
    // NO_COLOR: mocha's check marks colour themselves when CI=true; CI logs are files.
    env: { NO_COLOR: '1', BERTH_TEST_REPORT: report, BERTH_TEST_RUN_ID: runId },
    timeoutMs: budgetMs,
  });
  if (!fs.existsSync(report)) return crashed(name, `mocha wrote no report (${result.reason})`);
  return JSON.parse(fs.readFileSync(report, 'utf8'));
}

/** The unit tests, plus `npm run lint`: the layer rules in eslint.config.mjs fail the layer like a test. Both share the layer's budget. */
async function unitLayer(budgetMs) {
  const started = Date.now();
  const lint = await run('npm', ['run', '--silent', 'lint'], { timeoutMs: budgetMs });
  const report = await mochaLayer('unit', 'out/test/unit', '.test.js', 5_000, Math.max(1_000, budgetMs - (Date.now() - started)));
  if (lint.code !== 0) {
    report.failed++;
    report.failures.push({ title: 'npm run lint', message: `eslint found problems (${lint.reason}); run npm run lint to see them` });
  }
  return report;
}

async function extensionHostLayer(name, entry, trusted, budgetMs) {
  const entryPath = path.join(repo, entry);
  if (!fs.existsSync(entryPath)) return crashed(name, `${entry} is missing: did the build compile test/?`);
  const { runExtensionHostSuite } = require(path.join(repo, 'out/test/harness/extensionHost.js'));
  return runExtensionHostSuite({ name, testsEntry: entryPath, trusted, timeoutMs: budgetMs, env: { BERTH_TEST_RUN_ID: runId } });
}

/**
 * What a layer's own report cannot say about itself: that it ran no test at all, that CI's
 * rules (pending tests fail) did not reach its process, or that it ran past its budget.
 */
function judgeLayer(layer, report, ms) {
  const failures = [...(report.failures ?? [])];
  const add = (title, message) => failures.push({ title: `${layer.name}: ${title}`, message });
  if ((report.passed ?? 0) + (report.failed ?? 0) + (report.pending ?? 0) === 0 && failures.length === 0) {
    add('no tests ran', 'the layer reported 0 passed, 0 failed, 0 pending');
  }
  if (CI && report.forbidPending !== true && (report.passed ?? 0) + (report.pending ?? 0) > 0) {
    add('CI rules', 'CI=true did not reach the test process: pending tests would not fail there');
  }
  if (ms > layer.budgetMs) add('time budget', `took ${seconds(ms)}, over its budget of ${seconds(layer.budgetMs)}`);
  const extra = failures.length - (report.failures ?? []).length;
  return { ...report, failed: (report.failed ?? 0) + extra, failures };
}

/** Containers a failed teardown left behind: remove them, and say so. */
/** Removes test containers: this run's (`label=berth.test=<run>`), or any run's (`label=berth.test`). */
async function sweepTestContainers(label, why) {
  const { execFileSync } = await import('node:child_process');
  const docker = fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
  try {
    const ids = execFileSync(docker, ['ps', '-aq', '--filter', `label=${label}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
    if (ids.length > 0) {
      console.log(`warning: ${ids.length} test container(s) ${why}; removing them`);
      execFileSync(docker, ['rm', '-f', ...ids], { stdio: 'ignore' });
    }
  } catch {
    // No engine: nothing to sweep.
  }
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

function printSummary(rows, totalMs) {
  const header = ['layer', 'passed', 'failed', 'pending', 'time', 'budget'];
  const lines = rows.map((r) => [r.name, String(r.passed ?? '-'), String(r.failed ?? '-'), String(r.pending ?? '-'), seconds(r.ms), r.budgetMs ? seconds(r.budgetMs) : '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const l of lines) console.log(format(l));
  const failures = rows.flatMap((r) => (r.failures ?? []).map((f) => ({ layer: r.name, ...f })));
  if (failures.length > 0) {
    console.log('\nfailures:');
    for (const f of failures) console.log(`  [${f.layer}] ${f.title}\n      ${String(f.message).split('\n').slice(0, 6).join('\n      ')}`);
  }
  console.log(`\ntotal ${seconds(totalMs)}, run id ${runId}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const layers = LAYERS.filter((l) => !options.only || options.only.includes(l.name));
  const started = Date.now();
  const rows = [];
  fs.mkdirSync(reports, { recursive: true });

  const step = async (name, fn, layer) => {
    console.log(`\n=== ${name}${layer ? ` (budget ${seconds(layer.budgetMs)})` : ''}`);
    const t0 = Date.now();
    let report;
    try {
      report = await fn(layer?.budgetMs);
    } catch (error) {
      report = crashed(name, error instanceof Error ? error.stack ?? error.message : String(error));
    }
    const ms = Date.now() - t0;
    if (layer) report = judgeLayer(layer, report, ms);
    rows.push({ name, ms, budgetMs: layer?.budgetMs, ...report });
    return report;
  };
  /** Setup steps show in the table but count only when they fail. */
  const setupStep = (name, command, args) =>
    step(name, async () => {
      const result = await run(command, args);
      return result.code === 0 ? { failures: [] } : crashed(name, `${command} ${args.join(' ')}: ${result.reason}`);
    });

  let testbedOk = true;
  let buildOk = true;
  if (layers.some((l) => l.needsTestbed)) {
    testbedOk = (await setupStep('testbed', 'bash', ['scripts/testbed/setup.sh'])).failed === undefined;
    // An interrupted earlier run (or benchmark) may have left containers that the views would show.
    if (testbedOk) await sweepTestContainers('berth.test', 'of an earlier run were still there');
  }
  if (options.build) buildOk = (await setupStep('build', 'npm', ['run', '--silent', 'build'])).failed === undefined;
  for (const layer of layers) {
    const missing = [!buildOk && 'the build', layer.needsTestbed && !testbedOk && 'the testbed'].filter(Boolean);
    if (missing.length > 0) rows.push({ name: layer.name, ms: 0, budgetMs: layer.budgetMs, ...crashed(layer.name, `not run: ${missing.join(' and ')} failed (see above)`) });
    else await step(layer.name, layer.run, layer);
  }
  if (layers.some((l) => l.name === 'outage')) {
    // The outage suite restarts the daemon itself; make sure a failure there leaves it running.
    await run('bash', ['scripts/testbed/engine.sh', 'ensure']);
  }
  if (layers.some((l) => l.needsTestbed)) await sweepTestContainers(`berth.test=${runId}`, `of run ${runId} were left behind`);

  printSummary(rows, Date.now() - started);
  const passed = rows.reduce((n, r) => n + (r.passed ?? 0), 0);
  const failed = rows.reduce((n, r) => n + (r.failed ?? 0), 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

await main();
