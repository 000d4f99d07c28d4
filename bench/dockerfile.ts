/**
 * `node out/bench/dockerfile.js`: Berth's Dockerfile engine against dockerfile-utils (diagnostics)
 * and dockerfile-language-service (completion, hover, symbols) on the same generated Dockerfiles of
 * 200, 2,000 and 10,000 lines. Prints a table. Targets: on 2,000 lines diagnostics ≤ 10 ms and
 * completion ≤ 3 ms p95, each ≥ 5× faster than the reference; 10,000 lines cost ≤ 6× 2,000 lines.
 * Each measure is timed after the same warm-up for both engines; the first, cold call of a fresh
 * process is printed apart. Last, the 3,000 mutated corpus files of the corpus test, timed in CPU
 * time: target ≤ 50 ms for the slowest.
 */
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { validate as referenceValidate } from 'dockerfile-utils';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { execFileSync } from 'node:child_process';
import { percentile, timeWarmMs } from './stats';
import { complete } from '../src/language/dockerfile/completion';
import { hover } from '../src/language/dockerfile/hover';
import { lintDockerfile } from '../src/language/dockerfile/lint';
import { buildModel } from '../src/language/dockerfile/model';
import { parseDockerfile } from '../src/language/dockerfile/parser';
import { documentSymbols } from '../src/language/dockerfile/symbols';
import { corpusDockerfiles, mutatedDockerfiles } from '../test/unit/dockerfile/corpusMutations';

/** A multi-stage Dockerfile of about `lines` lines, in the shapes real files have. */
export function generateDockerfile(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG GO_VERSION=1.22', 'ARG ALPINE_VERSION=3.20'];
  for (let s = 0; out.length < lines; s++) {
    out.push(
      '',
      `FROM --platform=$BUILDPLATFORM golang:\${GO_VERSION}-alpine\${ALPINE_VERSION} AS build${s}`,
      'ARG TARGETOS TARGETARCH',
      'WORKDIR /src',
      'RUN --mount=type=cache,target=/go/pkg/mod \\',
      '    --mount=type=bind,source=go.mod,target=go.mod \\',
      '    go mod download',
      `ENV CGO_ENABLED=0 APP=app${s}`,
      'COPY . .',
      'RUN --mount=type=cache,target=/root/.cache/go-build \\',
      '    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/$APP ./cmd/$APP',
      `FROM alpine:\${ALPINE_VERSION} AS run${s}`,
      'RUN apk add --no-cache ca-certificates tzdata && \\',
      '    addgroup -S app && adduser -S app -G app',
      `COPY --from=build${s} /out/app${s} /usr/local/bin/app`,
      'EXPOSE 8080/tcp',
      'HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:8080/health || exit 1',
      'USER app',
      'ENTRYPOINT ["/usr/local/bin/app"]',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const time = (fn: () => unknown, runs: number): number[] => timeWarmMs(fn, runs);

/** `--cold berth|reference LINES`: the first diagnostics call in this fresh process, in ms (printed). */
function coldRun(engine: string, size: number): void {
  const text = generateDockerfile(size);
  const t0 = performance.now();
  if (engine === 'berth') lintDockerfile(text);
  else referenceValidate(text);
  console.log(performance.now() - t0);
}

/** The first diagnostics of a file in a new process: what the editor's first lint costs before the JIT warms up. */
function cold(engine: 'berth' | 'reference', size: number): number {
  return Number(execFileSync(process.execPath, [__filename, '--cold', engine, String(size)], { encoding: 'utf8' }).trim());
}

interface Row {
  size: number;
  measure: string;
  berth: number;
  reference: number;
}

/**
 * CPU time of each mutated corpus file's lint (best of 3, so a GC pause landing in one run does
 * not count, and other processes on the machine never do): the figure the corpus test used to assert.
 */
function corpusFuzzCpuMs(cases: number): number[] {
  const files = corpusDockerfiles();
  for (const f of files.slice(0, 5)) lintDockerfile(f.text); // warm up the JIT
  const out: number[] = [];
  for (const text of mutatedDockerfiles(files, cases)) {
    let best = Infinity;
    for (let attempt = 0; attempt < 3; attempt++) {
      const t0 = process.cpuUsage();
      lintDockerfile(text);
      const used = process.cpuUsage(t0);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    out.push(best);
  }
  return out;
}

function main(): void {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  const rows: Row[] = [];
  const p95 = (xs: number[]): number => percentile(xs, 95);
  for (const size of [200, 2000, 10000]) {
    const text = generateDockerfile(size);
    const lines = text.split('\n');
    const endLine = lines.length - 2;
    const end = { line: endLine, character: (lines[endLine] ?? '').length };
    const mid = Math.floor(lines.length / 2);
    const midLine = lines.slice(mid).findIndex((l) => l.startsWith('RUN')) + mid;
    const hoverAt = { line: midLine, character: 1 };
    const runs = 40;
    const doc = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
    rows.push({ size, measure: 'diagnostics', berth: p95(time(() => lintDockerfile(text), runs)), reference: p95(time(() => referenceValidate(text), runs)) });
    rows.push({ size, measure: 'completion at the end', berth: p95(time(() => complete(text, end), runs)), reference: p95(time(() => service.computeCompletionItems(text, end), runs)) });
    rows.push({
      size,
      measure: 'hover in the middle',
      berth: p95(time(() => {
        const df = parseDockerfile(text);
        return hover(df, buildModel(df), hoverAt);
      }, runs)),
      reference: p95(time(() => service.computeHover(text, hoverAt), runs)),
    });
    rows.push({
      size,
      measure: 'symbols',
      berth: p95(time(() => {
        return documentSymbols(buildModel(parseDockerfile(text)));
      }, runs)),
      reference: p95(time(() => service.computeSymbols({ uri: doc.uri }, text), runs)),
    });
  }
  console.log(`\n${'lines'.padStart(6)}  ${'measure (p95)'.padEnd(22)}  ${'Berth'.padStart(9)}  ${'reference'.padStart(10)}  ${'speed-up'.padStart(8)}`);
  for (const r of rows) console.log(`${String(r.size).padStart(6)}  ${r.measure.padEnd(22)}  ${r.berth.toFixed(2).padStart(6)} ms  ${r.reference.toFixed(2).padStart(7)} ms  ${(r.reference / r.berth).toFixed(1).padStart(7)}×`);
  const at = (size: number, measure: string): Row => rows.find((r) => r.size === size && r.measure === measure) as Row;
  const d2 = at(2000, 'diagnostics');
  const c2 = at(2000, 'completion at the end');
  const d10 = at(10000, 'diagnostics');
  console.log('\ntargets (2,000 lines):');
  console.log(`  diagnostics ≤ 10 ms: ${d2.berth.toFixed(2)} ms ${d2.berth <= 10 ? 'yes' : 'NO'}; ≥ 5× reference: ${(d2.reference / d2.berth).toFixed(1)}× ${d2.reference / d2.berth >= 5 ? 'yes' : 'NO'}`);
  console.log(`  completion ≤ 3 ms: ${c2.berth.toFixed(2)} ms ${c2.berth <= 3 ? 'yes' : 'NO'}; ≥ 5× reference: ${(c2.reference / c2.berth).toFixed(1)}× ${c2.reference / c2.berth >= 5 ? 'yes' : 'NO'}`);
  console.log(`  10,000 lines ≤ 6× 2,000 lines (diagnostics): ${(d10.berth / d2.berth).toFixed(1)}× ${d10.berth / d2.berth <= 6 ? 'yes' : 'NO'}`);
  const coldBerth = cold('berth', 2000);
  const coldReference = cold('reference', 2000);
  console.log(`\nfirst diagnostics of 2,000 lines in a fresh process (JIT cold): Berth ${coldBerth.toFixed(1)} ms, reference ${coldReference.toFixed(1)} ms (${(coldReference / coldBerth).toFixed(1)}×)`);
  console.log('(the table times 40 calls of each, after each side has warmed up for 1 s)');
  const fuzz = corpusFuzzCpuMs(3000);
  const slowest = Math.max(...fuzz);
  console.log(
    `\n3,000 mutated corpus files (the corpus test's fixed seed), CPU time per lint: p50 ${percentile(fuzz, 50).toFixed(2)} ms, p95 ${percentile(fuzz, 95).toFixed(2)} ms, slowest ${slowest.toFixed(1)} ms (target ≤ 50 ms: ${slowest <= 50 ? 'yes' : 'NO'})`,
  );
}

if (require.main === module) {
  const at = process.argv.indexOf('--cold');
  if (at >= 0) coldRun(process.argv[at + 1] ?? 'berth', Number(process.argv[at + 2] ?? 2000));
  else main();
}
