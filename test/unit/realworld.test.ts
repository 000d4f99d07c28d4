/**
 * The real-world corpus (../shared/corpus/realworld: 173 Dockerfiles and 85 compose files from 56
 * public projects, listed in its SOURCES.md) lints without an exception and without a false error:
 * errors only in the files SOURCES.md names as deliberately broken or as fragments, none of the false
 * alarms Berth once raised on it, and each project's fragments clean when linted with `-f` the way
 * the project runs them. The counts per code are printed, so a new false alarm shows as a change.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linterFor } from '../../src/cli/linters';
import { targetFromFile } from '../../src/compose/composeTargets';
import { nodeComposeHost } from '../../src/language/compose/composeHost';
import { lintComposeFile } from '../../src/language/compose/lintCompose';
import { readDockerignoreFor } from '../../src/language/dockerfile/dockerignoreFile';
import { lintDockerfile } from '../../src/language/dockerfile/lint';
import type { Finding } from '../../src/language/findings';
import { corpusPath } from './dockerfile/corpus';

const ROOT = corpusPath('realworld');
const SOURCES = fs.readFileSync(path.join(ROOT, 'SOURCES.md'), 'utf8');
// An empty environment, so the findings do not depend on the shell that runs the tests.
const ENV = {};

/** What SOURCES.md says about a file, in its own words, and which files that covers. */
const NAMED: { says: string; files: RegExp }[] = [
  { says: '`dockerfiles/wagoodman__dive__cmd_dive_cli_testdata_invalid_Dockerfile` is a test fixture that is meant to be invalid', files: /^dockerfiles\/wagoodman__dive__cmd_dive_cli_testdata_invalid_Dockerfile$/ },
  { says: '`compose/docker__cli/cli/compose/loader/full-example.yml` is a loader fixture, not a deployable project', files: /^compose\/docker__cli\/cli\/compose\/loader\/full-example\.yml$/ },
  { says: 'zulip `ci/*`', files: /^compose\/zulip__docker-zulip\/ci\// },
  { says: 'mailcow `helper-scripts/...`', files: /^compose\/mailcow__mailcow-dockerized\/helper-scripts\// },
  { says: 'netbox `docker-compose.test.override.yml`', files: /^compose\/netbox-community__netbox-docker\/docker-compose\.test\.override\.yml$/ },
  { says: 'plausible `reverse-proxy/*`', files: /^compose\/plausible__community-edition\/reverse-proxy\// },
  { says: 'docker-elk `extensions/*`', files: /^compose\/deviantony__docker-elk\/extensions\// },
  { says: 'sentry `_integration-test/*`', files: /^compose\/getsentry__self-hosted\/_integration-test\// },
  { says: 'jitsi `jibri.yml`/`whiteboard.yml`/`rtcstats.yml`', files: /^compose\/jitsi__docker-jitsi-meet\/(jibri|whiteboard|rtcstats)\.yml$/ },
];

/**
 * Fragments with the files they are merged over, in `-f` order, as their projects run them. zulip's
 * compose.yaml is here too: it expects the compose.override.yaml of zulip's repository, which the
 * corpus did not copy; zulip's CI gives it ci/base.yaml instead.
 */
const PROJECTS: string[][] = [
  ['zulip__docker-zulip/compose.yaml', 'zulip__docker-zulip/ci/base.yaml', 'zulip__docker-zulip/ci/basic/compose.yaml'],
  ['zulip__docker-zulip/compose.yaml', 'zulip__docker-zulip/ci/base.yaml', 'zulip__docker-zulip/ci/manual_configuration/no-envs.yaml'],
  ['zulip__docker-zulip/compose.yaml', 'zulip__docker-zulip/ci/base.yaml', 'zulip__docker-zulip/ci/memory/low-memory.yaml'],
  ['deviantony__docker-elk/docker-compose.yml', 'deviantony__docker-elk/extensions/fleet/fleet-compose.yml'],
  ['deviantony__docker-elk/docker-compose.yml', 'deviantony__docker-elk/extensions/filebeat/filebeat-compose.yml'],
  ['plausible__community-edition/docker-compose.yml', 'plausible__community-edition/reverse-proxy/docker-compose.caddy-gen.yml'],
  ['plausible__community-edition/docker-compose.yml', 'plausible__community-edition/reverse-proxy/traefik/docker-compose.traefik.yml'],
  ['jitsi__docker-jitsi-meet/docker-compose.yml', 'jitsi__docker-jitsi-meet/jibri.yml'],
  ['jitsi__docker-jitsi-meet/docker-compose.yml', 'jitsi__docker-jitsi-meet/whiteboard.yml'],
  ['jitsi__docker-jitsi-meet/docker-compose.yml', 'jitsi__docker-jitsi-meet/rtcstats.yml'],
  ['getsentry__self-hosted/docker-compose.yml', 'getsentry__self-hosted/_integration-test/custom-ca-roots/docker-compose.test.yml'],
  ['netbox-community__netbox-docker/docker-compose.test.yml', 'netbox-community__netbox-docker/docker-compose.test.override.yml'],
  ['mailcow__mailcow-dockerized/docker-compose.yml', 'mailcow__mailcow-dockerized/helper-scripts/docker-compose.override.yml.d/HAPROXY/docker-compose.override.yml'],
  // mailcow's BUILD_FLAGS override builds from folders the corpus did not copy (SOURCES.md: "references not materialised").
];

/** Files checked only with their project above: alone, they miss a file the corpus did not copy. */
const CHECKED_IN_PROJECT = ['compose/zulip__docker-zulip/compose.yaml'];

interface Linted {
  rel: string;
  kind: 'Dockerfile' | 'Compose';
  findings: Finding[];
}

/** The files SOURCES.md lists, by their place in the corpus. */
function listedFiles(): { dockerfiles: string[]; compose: string[] } {
  const dockerfiles: string[] = [];
  const compose: string[] = [];
  for (const row of SOURCES.split('\n')) {
    const m = /^\| \[([^\]]+)\]\([^)]*\) @ [^|]+\|[^|]+\|([^|]+)\|([^|]+)\|/.exec(row);
    if (!m) continue;
    const owner = m[1]!.replace('/', '__');
    const paths = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((x) => x[1]!);
    for (const p of paths(m[2]!)) dockerfiles.push(`dockerfiles/${owner}__${p.split('/').join('_')}`);
    for (const p of paths(m[3]!)) compose.push(`compose/${owner}/${p}`);
  }
  return { dockerfiles: dockerfiles.sort(), compose: compose.sort() };
}

/** Every file as `berth lint ROOT` finds it: Dockerfiles by name (the flattened ones too), compose files by name or content. */
function lintCorpus(): Linted[] {
  const out: Linted[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      const rel = path.relative(ROOT, full).split(path.sep).join('/');
      if (e.isDirectory()) walk(full);
      else if (rel.startsWith('dockerfiles/') || linterFor(full)?.name === 'Dockerfile') {
        out.push({ rel, kind: 'Dockerfile', findings: lintDockerfile(fs.readFileSync(full, 'utf8'), { dockerignore: readDockerignoreFor(full) }) });
      } else if (linterFor(full, () => fs.readFileSync(full, 'utf8'))?.name === 'Compose') {
        out.push({ rel, kind: 'Compose', findings: lintComposeFile(full, fs.readFileSync(full, 'utf8'), nodeComposeHost(ENV, targetFromFile(full).files)) });
      }
    }
  };
  walk(ROOT);
  return out;
}

describe('real-world corpus', function () {
  this.timeout(60_000);
  let linted: Linted[] = [];

  before(() => {
    assert.ok(fs.existsSync(ROOT), `the real-world corpus is missing: ${ROOT}`);
    linted = lintCorpus(); // an exception fails the whole suite here
  });

  it('finds every file SOURCES.md lists, each linted as what it is: no YAML as a Dockerfile, no CI or tool config as compose', () => {
    const listed = listedFiles();
    assert.equal(listed.dockerfiles.length, 173);
    assert.equal(listed.compose.length, 85);
    const of = (kind: Linted['kind']) => linted.filter((l) => l.kind === kind).map((l) => l.rel).sort();
    assert.deepEqual(of('Compose'), listed.compose);
    assert.deepEqual(of('Dockerfile').filter((f) => f.startsWith('dockerfiles/')), listed.dockerfiles);
    assert.equal(of('Dockerfile').length, 220, 'with the Dockerfiles of the compose projects’ build contexts');
    assert.ok(of('Dockerfile').every((f) => !/\.ya?ml$/.test(f)));
  });

  it('reports errors only in the files SOURCES.md names as broken or as fragments', () => {
    for (const n of NAMED) assert.ok(SOURCES.includes(n.says), `SOURCES.md no longer says ${n.says}`);
    const unexpected = linted
      .filter((l) => !NAMED.some((n) => n.files.test(l.rel)) && !CHECKED_IN_PROJECT.includes(l.rel))
      .flatMap((l) => l.findings.filter((f) => f.severity === 'error').map((f) => `${l.rel}:${f.range.start.line + 1} ${f.code} ${f.message}`));
    assert.deepEqual(unexpected, []);
    const invalid = linted.find((l) => l.rel.includes('testdata_invalid_Dockerfile'));
    assert.ok(invalid?.findings.some((f) => f.severity === 'error'), 'the invalid fixture is still reported');
  });

  it('lints each fragment clean with the files its project merges it over (-f)', () => {
    const dirty: string[] = [];
    for (const project of PROJECTS) {
      const files = project.map((p) => path.join(ROOT, 'compose', p));
      for (const file of files) {
        for (const f of lintComposeFile(file, fs.readFileSync(file, 'utf8'), nodeComposeHost(ENV, files))) {
          if (f.severity === 'error') dirty.push(`${project.join(' + ')}: ${path.relative(ROOT, file)}:${f.range.start.line + 1} ${f.code} ${f.message}`);
        }
      }
    }
    assert.deepEqual(dirty, []);
  });

  it('raises none of the false alarms it once did', () => {
    const all = linted.flatMap((l) => l.findings.map((f) => ({ rel: l.rel, f })));
    // WORKDIR $GOPATH after ENV GOPATH /go (11 false hits: golang, httpd, gitlab, traefik, ingress-nginx).
    assert.deepEqual(all.filter((x) => x.f.code === 'WorkdirRelativePath').map((x) => x.rel), []);
    // --checksum=sha256:… offered for git sources, whose checksum is a commit.
    assert.deepEqual(all.filter((x) => x.f.code === 'berth/add-url-checksum' && /\.git\b|git@/.test(x.f.message) && /sha256/.test(x.f.message)).map((x) => x.rel), []);
    // YAML linted as a Dockerfile (64 unknown-instruction errors on stack.yml, jibri.yml …).
    assert.deepEqual(all.filter((x) => x.f.code.startsWith('berth/') && /\.ya?ml$/.test(x.rel)).map((x) => x.rel), []);
  });

  it('prints the findings per code', () => {
    const counts = new Map<string, number>();
    for (const l of linted) for (const f of l.findings) counts.set(`${f.severity} ${f.code}`, (counts.get(`${f.severity} ${f.code}`) ?? 0) + 1);
    const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
    console.log(`      ${linted.length} files, ${rows.reduce((n, [, c]) => n + c, 0)} findings:`);
    for (const [code, n] of rows) console.log(`      ${String(n).padStart(5)}  ${code}`);
    assert.ok(rows.length > 0);
  });
});
