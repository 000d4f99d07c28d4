/**
 * Inputs built to hurt a linter: billion laughs, deep nesting, huge scalars, long lines, NUL bytes,
 * self-includes, /dev/* paths, long dependency chains and cycles, and seeded mutations of them and
 * of the shared corpus. Each case is a folder of files (symlinks and FIFOs included) with one file to
 * lint. Shared by the fuzz test and `npm run bench`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file's content: text, a symlink, a FIFO, or a sparse file of that many bytes. */
export type FileSpec = string | { link: string } | { fifo: true } | { sparse: number };

export interface HostileCase {
  name: string;
  /** Paths relative to the case's folder. */
  files: Record<string, FileSpec>;
  /** The file `berth lint` is given. */
  target: string;
}

/** mulberry32: a small seeded generator, so a failure replays exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const lines = (...xs: string[]): string => xs.join('\n') + '\n';
const times = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
const compose = (name: string, text: string, more: Record<string, FileSpec> = {}): HostileCase => ({ name: `compose/${name}`, files: { 'compose.yaml': text, ...more }, target: 'compose.yaml' });
const dockerfile = (name: string, text: string, more: Record<string, FileSpec> = {}): HostileCase => ({ name: `dockerfile/${name}`, files: { Dockerfile: text, ...more }, target: 'Dockerfile' });
const WEB = ['services:', '  web:', '    image: busybox'];

/** `levels` lists of `width`, each of the one before. */
function aliasBomb(levels: number, width: number, use: string): string {
  const out = [`x-l0: &l0 [${Array(width).fill('"lol"').join(',')}]`];
  for (let i = 1; i < levels; i++) out.push(`x-l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(',')}]`);
  return lines(...out, ...WEB, `    ${use}: *l${levels - 1}`);
}

/** The cases the issue measured, and their relatives. */
export function namedCases(): HostileCase[] {
  const deepInterpolation = '${A:-'.repeat(100_000) + 'x' + '}'.repeat(100_000);
  return [
    compose('alias-bomb-lists', aliasBomb(9, 9, 'dns')),
    compose('alias-bomb-maps', lines('x-a: &a {a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1}', ...times(8, (i) => `x-${i}: &m${i} {a: *${i ? `m${i - 1}` : 'a'}, b: *${i ? `m${i - 1}` : 'a'}, c: *${i ? `m${i - 1}` : 'a'}, d: *${i ? `m${i - 1}` : 'a'}, e: *${i ? `m${i - 1}` : 'a'}, f: *${i ? `m${i - 1}` : 'a'}}`), ...WEB, '    labels: *m7')),
    compose('alias-bomb-merge-keys', lines('x-a: &a {environment: {A: "1"}}', ...times(12, (i) => `x-${i}: &m${i} {<<: [*${i ? `m${i - 1}` : 'a'}], x-${i}: [*${i ? `m${i - 1}` : 'a'}, *${i ? `m${i - 1}` : 'a'}, *${i ? `m${i - 1}` : 'a'}]}`), 'services:', '  web:', '    <<: *m11', '    image: busybox')),
    compose('alias-bomb-services', lines('x-s: &s {image: busybox, ports: ["80"], depends_on: [a0]}', 'services:', ...times(2000, (i) => `  a${i}: *s`))),
    compose('deep-flow-1m', lines(...WEB, `    labels: ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)),
    compose('deep-flow-700', lines(...WEB, `    labels: ${'['.repeat(700)}${']'.repeat(700)}`)),
    compose('deep-block-2000', lines('x-deep:', ...times(2000, (i) => `${' '.repeat(i + 2)}k${i}:`), ...WEB)),
    compose('dense-values-1m', lines(`x-a: [${Array(1_000_000).fill('a').join(',')}]`, ...WEB)),
    compose('deep-interpolation-100k', lines(...WEB.slice(0, 2), `    image: "${deepInterpolation}"`)),
    compose('huge-scalar-3mb', lines(...WEB, `    command: "${'x'.repeat(3_000_000)}"`)),
    compose('long-line-1m', lines(...WEB, `    labels: {${times(50_000, (i) => `k${i}: v`).join(', ')}}`)),
    compose('nul-bytes', lines(...WEB, '    command: "a\0b"', '\0\0\0', '  db:\0', '    image: x')),
    compose('self-include', lines('include: [compose.yaml, ./compose.yaml]', ...WEB)),
    compose('include-cycle', lines('include: [b.yaml]', ...WEB), { 'b.yaml': lines('include: [compose.yaml]', 'services:', '  db:', '    image: busybox') }),
    compose('extends-self-file', lines('services:', '  web:', '    extends: {file: compose.yaml, service: web}', '    image: busybox')),
    compose('dev-includes', lines('include: [/dev/zero, /dev/urandom, /dev/stdin, /dev/full, ./pipe.yaml, ./zero.yaml, ./big.yaml]', ...WEB), {
      'pipe.yaml': { fifo: true },
      'zero.yaml': { link: '/dev/zero' },
      'big.yaml': { sparse: 512 * 1024 * 1024 },
    }),
    compose('dev-env-files', lines(...WEB, '    env_file: [/dev/zero, /dev/stdin, ./pipe.env]', '    image: "busybox:${TAG}"', '    build: {context: /dev, dockerfile: zero}', '    volumes: ["/dev/zero:/zero"]', 'secrets:', '  s:', '    file: /dev/zero'), {
      '.env': { link: '/dev/zero' },
      'pipe.env': { fifo: true },
    }),
    compose('env-stdin', lines(...WEB.slice(0, 2), '    image: "busybox:${TAG}"'), { '.env': { link: '/dev/stdin' } }),
    compose('chain-5000', lines('services:', ...times(5000, (i) => `  s${i}:\n    image: busybox${i < 4999 ? `\n    depends_on: [s${i + 1}]` : ''}`))),
    compose('cycle-3000', lines('services:', ...times(3000, (i) => `  s${i}:\n    image: busybox\n    depends_on: [s${(i + 1) % 3000}]`))),
    compose('anchors-30000', lines('x-anchors:', ...times(30_000, () => '  - &a v'), 'x-aliases:', ...times(30_000, () => '  - *a'), ...WEB)),
    compose('keys-40000', lines('x-keys:', ...times(40_000, (i) => `  k${i}: v`), ...WEB)),
    dockerfile('stages-10000', lines('FROM scratch AS s0', 'ENV A=1', ...times(9999, (i) => `FROM s${i} AS s${i + 1}\nENV E${i}=1\nCOPY $A $NOPE${i} /x`))),
    dockerfile('nested-expansion-100k', lines('FROM scratch', 'ARG A', `ENV B=${deepInterpolation}`)),
    dockerfile('huge-run-3mb', lines('FROM busybox', `RUN echo ${'x'.repeat(3_000_000)}`)),
    dockerfile('long-continuation', lines('FROM busybox', 'RUN a \\', ...times(100_000, () => '  && b \\'), '  && c')),
    dockerfile('deep-json', lines('FROM busybox', `CMD ${'['.repeat(100_000)}${']'.repeat(100_000)}`)),
    dockerfile('nul-bytes', lines('FROM busybox\0', 'RUN a\0b', '\0\0')),
    dockerfile('heredocs-10000', lines('FROM busybox', ...times(10_000, (i) => `RUN <<E${i}\necho ${i}\nE${i}`))),
    dockerfile('dockerignore-glob-bomb', lines('FROM busybox', `COPY ${'a'.repeat(60)} /x`), { '.dockerignore': lines('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/**/**/**/**/x', '[z-a]', '[') }),
    dockerfile('dockerignore-dev-zero', lines('FROM busybox', 'COPY . /x'), { '.dockerignore': { link: '/dev/zero' } }),
    dockerfile('dockerignore-fifo', lines('FROM busybox', 'COPY . /x'), { 'Dockerfile.dockerignore': { fifo: true } }),
    dockerfile('dockerignore-wide', lines('FROM busybox', ...times(3000, (i) => `COPY src/f${i}.txt /x/`)), { '.dockerignore': lines(...times(30_000, (i) => `src/g${i}*.txt`)) }),
  ];
}

/** The cases issue 9 measured, at its sizes: `npm run bench` prints their time and peak memory. */
export function issueCases(): HostileCase[] {
  return [
    dockerfile('4,000 chained FROM', lines('FROM scratch AS s0', ...times(3999, (i) => `FROM s${i} AS s${i + 1}`))),
    dockerfile('.dockerignore *a*a… (13 stars)', lines('FROM busybox', `COPY ${'a'.repeat(40)}.txt /x`), { '.dockerignore': '*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n' }),
    dockerfile('.dockerignore [z-a]', lines('FROM busybox', 'COPY a /x'), { '.dockerignore': '[z-a]\n' }),
    dockerfile('${A:-… 1,500 deep', lines('FROM scratch', 'ARG A', `ENV B=${'${A:-'.repeat(1500)}x${'}'.repeat(1500)}`)),
    compose('interpolation 4,000 deep', lines(...WEB.slice(0, 2), `    image: "${'${A:-'.repeat(4000)}x${'}'.repeat(4000)}"`)),
    compose('depends_on chain of 5,000', lines('services:', ...times(5000, (i) => `  s${i}:\n    image: busybox${i < 4999 ? `\n    depends_on: [s${i + 1}]` : ''}`))),
    compose('alias bomb (9 lists of 9)', aliasBomb(9, 9, 'dns')),
    compose('cycle of 3,000', lines('services:', ...times(3000, (i) => `  s${i}:\n    image: busybox\n    depends_on: [s${(i + 1) % 3000}]`))),
    compose('40,000 anchors and aliases', lines('x-anchors:', ...times(40_000, () => '  - &a v'), 'x-aliases:', ...times(40_000, () => '  - *a'), ...WEB)),
    compose('mapping of 40,000 keys', lines('x-keys:', ...times(40_000, (i) => `  k${i}: v`), ...WEB)),
    compose('include: [/dev/zero]', lines('include: [/dev/zero]', ...WEB)),
    compose('.env -> /dev/zero', lines(...WEB.slice(0, 2), '    image: "busybox:${TAG}"'), { '.env': { link: '/dev/zero' } }),
    compose('.env -> /dev/stdin (a pipe)', lines(...WEB.slice(0, 2), '    image: "busybox:${TAG}"'), { '.env': { link: '/dev/stdin' } }),
    compose('.env a FIFO', lines(...WEB.slice(0, 2), '    image: "busybox:${TAG}"'), { '.env': { fifo: true } }),
    compose('include of a 300 MB file', lines('include: [big.yaml]', ...WEB), { 'big.yaml': { sparse: 300 * 1024 * 1024 } }),
    compose('a million values in 2 MB', lines(`x-a: [${Array(1_000_000).fill('a').join(',')}]`, ...WEB)),
  ];
}

const COMPOSE_TOKENS = [':', '- ', '{', '}', '[', ']', '${', '${A:-', '$$', '&a ', '*a', '<<: *a', '!reset ', '!override ', '\n  ', '\n', '\t', '"', "'", '? ', '|\n', '>-\n', '#', ',', 'x-', 'services:\n', 'depends_on: [', 'include: [/dev/zero]\n', 'env_file: /dev/stdin\n', 'extends: {file: compose.yaml, service: web}\n', '\0', '%YAML 1.2\n---\n'];
const DOCKERFILE_TOKENS = ['FROM ', ' AS ', '${', '${A:-', '}', '\\\n', '<<EOF\n', 'EOF\n', 'RUN ', 'COPY ', '--mount=type=cache,target=/x ', '"', "'", '[', ']', '\0', '# syntax=x\n', '# escape=`\n', 'ARG A=$B\n', 'ONBUILD ', '\t', '$$', '\n', 'FROM s AS s\n'];

/** One edit: delete, insert a token, repeat a line, indent or dedent one, or copy a stretch elsewhere. */
export function mutate(text: string, random: () => number, tokens: readonly string[] = COMPOSE_TOKENS): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  switch (Math.floor(random() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
    case 1:
      return text.slice(0, at) + pick(tokens) + text.slice(at);
    case 2: {
      const ls = text.split('\n');
      const i = Math.floor(random() * ls.length);
      ls.splice(i, 0, ls[Math.floor(random() * ls.length)] ?? '');
      return ls.join('\n');
    }
    case 3: {
      const ls = text.split('\n');
      const i = Math.floor(random() * ls.length);
      ls[i] = random() < 0.5 ? `  ${ls[i]}` : (ls[i] ?? '').replace(/^ {1,2}/, '');
      return ls.join('\n');
    }
    default:
      return text.slice(0, at) + text.slice(Math.floor(random() * text.length), Math.floor(random() * text.length)) + text.slice(at);
  }
}

/** `count` mutated cases from the small named seeds and the corpus texts given, 1 to 4 edits each. */
export function mutatedCases(count: number, seed: number, corpus: { name: string; text: string; kind: 'compose' | 'dockerfile' }[]): HostileCase[] {
  const random = seeded(seed);
  const small = namedCases().filter((c) => Object.values(c.files).every((f) => typeof f !== 'string' || f.length < 20_000));
  const seeds: { name: string; kind: 'compose' | 'dockerfile'; base: HostileCase }[] = [
    ...small.map((c) => ({ name: c.name, kind: c.name.startsWith('compose/') ? ('compose' as const) : ('dockerfile' as const), base: c })),
    ...corpus.map((c) => ({ name: c.name, kind: c.kind, base: c.kind === 'compose' ? compose(c.name, c.text) : dockerfile(c.name, c.text) })),
  ];
  const out: HostileCase[] = [];
  for (let i = 0; i < count && seeds.length > 0; i++) {
    const s = seeds[Math.floor(random() * seeds.length)]!;
    let text = s.base.files[s.base.target] as string;
    for (let r = 1 + Math.floor(random() * 4); r > 0; r--) text = mutate(text, random, s.kind === 'compose' ? COMPOSE_TOKENS : DOCKERFILE_TOKENS);
    out.push({ ...s.base, name: `mutation ${i} of ${s.name}`, files: { ...s.base.files, [s.base.target]: text } });
  }
  return out;
}

/** Writes the case into `dir` (which must be empty); returns the path to lint. */
export function materialize(c: HostileCase, dir: string): string {
  for (const [rel, spec] of Object.entries(c.files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof spec === 'string') fs.writeFileSync(p, spec);
    else if ('link' in spec) fs.symlinkSync(spec.link, p);
    else if ('fifo' in spec) execFileSync('mkfifo', [p]);
    else {
      fs.closeSync(fs.openSync(p, 'w'));
      fs.truncateSync(p, spec.sparse);
    }
  }
  return path.join(dir, c.target);
}

/** The bytes a case's own text files hold. */
export function caseBytes(c: HostileCase): number {
  return Object.values(c.files).reduce((n, f) => n + (typeof f === 'string' ? Buffer.byteLength(f) : 0), 0);
}
