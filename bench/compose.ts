/**
 * `node out/bench/compose.js`: compose diagnostics and completion on generated files of 20, 200 and
 * 1,000 services, beside a plain yaml.parseDocument of the same text (the floor). Prints a table.
 * Targets: full diagnostics ≤ 2× the parse; completion ≤ 5 ms p95 at 200 services.
 */
import { parseDocument } from 'yaml';
import { percentile, timeMs } from './stats';
import { completeCompose } from '../src/language/compose/composeCompletion';
import type { ComposeHost } from '../src/language/compose/composeHost';
import { lintComposeFile } from '../src/language/compose/lintCompose';

/** A project of `n` services in the shapes real files have: builds, ports, env, volumes, deps, healthchecks. */
export function generateCompose(n: number): string {
  const out = ['name: bench', 'x-common: &common', '  restart: unless-stopped', '  logging: {driver: json-file}', 'services:'];
  for (let i = 0; i < n; i++) {
    out.push(
      `  svc${i}:`,
      '    <<: *common',
      i % 3 === 0 ? `    build: {context: ./svc${i}, target: runtime}` : `    image: "registry.example/svc${i}:\${TAG:-latest}"`,
      '    ports:',
      `      - "127.0.0.1:${10000 + i}:80"`,
      '    environment:',
      `      SERVICE_NAME: svc${i}`,
      '      LOG_LEVEL: ${LOG_LEVEL:-info}',
      '    volumes:',
      `      - data${i % 10}:/var/lib/data`,
      `      - ./config/svc${i}:/etc/svc:ro`,
      '    networks: [front, back]',
      ...(i > 0 ? ['    depends_on:', `      svc${i - 1}:`, '        condition: service_healthy'] : []),
      '    healthcheck:',
      '      test: ["CMD", "wget", "-q", "-O-", "http://localhost/health"]',
      '      interval: 10s',
      '      retries: 3',
      '    labels:',
      `      com.example.tier: "${i % 2 ? 'web' : 'worker'}"`,
    );
  }
  out.push('networks:', '  front: {}', '  back: {}', 'volumes:');
  for (let v = 0; v < 10; v++) out.push(`  data${v}: {}`);
  return out.join('\n') + '\n';
}

/** Every path exists: the benchmark measures Berth, not the disk. */
const host: ComposeHost = { stat: (p) => (/\.\w+$|Dockerfile$/.test(p) ? 'file' : 'directory'), readFile: () => ({ ok: false, missing: true, problem: 'does not exist' }), env: { TAG: '1' }, homeDir: '/home/bench' };

function main(): void {
  const rows: string[][] = [['services', 'lines', 'parse (median)', 'diagnostics (median)', 'ratio', 'completion p50', 'completion p95', 'findings']];
  let ok = true;
  for (const n of [20, 200, 1000]) {
    const text = generateCompose(n);
    const lines = text.split('\n');
    const runs = n >= 1000 ? 7 : 21;
    timeMs(() => lintComposeFile('/bench/compose.yaml', text, host), 3);
    // Alternate the two, so both see the same machine (other processes share these cores).
    const parseTimes: number[] = [];
    const lintTimes: number[] = [];
    for (let r = 0; r < runs; r++) {
      parseTimes.push(...timeMs(() => parseDocument(text), 1));
      lintTimes.push(...timeMs(() => lintComposeFile('/bench/compose.yaml', text, host), 1));
    }
    const parse = percentile(parseTimes, 50);
    const lint = percentile(lintTimes, 50);
    const findings = lintComposeFile('/bench/compose.yaml', text, host).filter((f) => f.severity !== 'hint').length;
    // Completion at 200 places through the file: keys in services, values, references in depends_on.
    const positions = Array.from({ length: 200 }, (_, k) => Math.floor(((k + 0.5) / 200) * lines.length));
    for (const line of positions) completeCompose(text, line, lines[line]!.length); // warm up
    const completion = positions.map((line) => timeMs(() => completeCompose(text, line, lines[line]!.length), 1)[0]!);
    const p95 = percentile(completion, 95);
    if (lint > 2 * parse) ok = false;
    if (n === 200 && p95 > 5) ok = false;
    rows.push([String(n), String(lines.length), `${parse.toFixed(1)} ms`, `${lint.toFixed(1)} ms`, `${(lint / parse).toFixed(2)}×`, `${percentile(completion, 50).toFixed(2)} ms`, `${p95.toFixed(2)} ms`, String(findings)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
  console.log(`targets (diagnostics ≤ 2× parse; completion p95 ≤ 5 ms at 200 services): ${ok ? 'met' : 'NOT met'}`);
}

if (require.main === module) main();
