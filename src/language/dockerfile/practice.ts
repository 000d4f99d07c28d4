/**
 * Berth's good-practice rules (hadolint's equivalent code named in docs/dockerfile-rules.md):
 * unpinned or latest base images, apt-get habits, ADD where COPY fits, ADD <url> without
 * --checksum, curl | sh, cd in RUN, COPY . . before the dependency install, a final stage that
 * runs as root, sudo. Pure.
 */
import type { Finding, QuickFix, Range } from '../findings';
import type { Instruction } from './ast';
import { splitImageReference } from './imageRef';
import type { InstructionMemo } from './memo';
import { stageChain, type DockerfileModel, type Stage } from './model';
import { berthDocsUrl } from './rulesDocs';
import { runText, type RunCommand } from './runScript';
import { program } from './shellCommands';
import { hasVariables } from './shellWord';

const APT_NO_RECOMMENDS = /APT::Install-Recommends/;
const APT_LISTS_REMOVED = /rm\s+(-[a-z]+\s+)*\/var\/lib\/apt\/lists/;
const INTERPRETER = /^(?:ba|z|da|k)?sh$|^(?:python3?|perl|ruby|node)$/;
const HEREDOC_MARKER = /^\d*<<-?/;
/** What BuildKit reads as a git repository: scp-style `git@…`, git:// and ssh:// URLs, and http(s) URLs of a `.git` path. */
const GIT_SOURCE = /^git@|^(?:git|ssh):\/\/|^https?:\/\/[^?#]*\.git(?:[?#]|$)/i;

type Report = (code: string, severity: Finding['severity'], range: Range, message: string, fixes?: QuickFix[]) => void;

const INSTALLERS = /\b(?:npm (?:ci|install|i)\b|yarn(?: install)?\b|pnpm (?:install|i)\b|pip3? install\b|poetry install\b|go (?:mod download|build)\b|cargo (?:build|fetch)\b|mvn\b|gradle\b|bundle install\b|composer install\b)/;

export function practiceRules(model: DockerfileModel): Finding[] {
  const out: Finding[] = [];
  const report: Report = (code, severity, range, message, fixes) => {
    const f: Finding = { range, severity, code, message, source: 'berth', docsUrl: berthDocsUrl(code) };
    if (fixes?.length) f.fixes = fixes;
    out.push(f);
  };
  for (const stage of model.stages) {
    baseImage(stage, report);
    let copiedAll: Instruction | undefined;
    let copiedManifest = false;
    for (const inst of stage.instructions) {
      if (inst.name === 'RUN') {
        runRules(inst, model.memo, report);
        if (copiedAll && !copiedManifest && INSTALLERS.test(runText(inst))) {
          report('berth/copy-all-before-install', 'info', copiedAll.range.start.line === copiedAll.range.end.line ? copiedAll.range : copiedAll.keywordRange, 'COPY . before the dependency install re-runs the install on every source change: copy the manifests (package.json, requirements.txt, go.mod …) first, install, then copy the rest.');
          copiedAll = undefined;
        }
      }
      if (inst.name === 'ADD') addRules(inst, report);
      if (inst.name === 'COPY' && !inst.flags.some((f) => f.name === 'from')) {
        const sources = inst.words.slice(0, -1).map((w) => w.text);
        if (sources.some((s) => s === '.' || s === './')) copiedAll ??= inst;
        else if (sources.length > 0) copiedManifest = true;
      }
    }
  }
  finalStageUser(model, report);
  return out;
}

function baseImage(stage: Stage, report: Report): void {
  const word = stage.baseWord;
  if (!word || stage.base || stage.baseName === 'scratch' || hasVariables(word.text)) return;
  const ref = splitImageReference(stage.baseName);
  if (ref.digest) return;
  if (ref.tag === undefined) report('berth/unpinned-base-image', 'warning', word.range, `${stage.baseName} has no tag, so it means :latest and changes under you. Pin a version tag (or a digest).`);
  else if (ref.tag === 'latest') report('berth/latest-base-image', 'warning', word.range, `${stage.baseName} follows :latest and changes under you. Pin a version tag (or a digest).`);
}

function runRules(inst: Instruction, memo: InstructionMemo, report: Report): void {
  const cmds = memo.runCommands(inst);
  const text = runText(inst);
  for (let i = 0; i < cmds.length; i++) {
    const cmd = cmds[i] as RunCommand;
    const p = program(cmd);
    const [tool, sub] = p;
    if ((tool === 'apt-get' || tool === 'apt') && p.includes('install')) {
      if (!p.includes('--no-install-recommends') && !APT_NO_RECOMMENDS.test(text)) {
        report('berth/apt-no-install-recommends', 'info', cmd.range, `${tool} install without --no-install-recommends pulls in recommended packages you likely do not need.`);
      }
      if (!APT_LISTS_REMOVED.test(text) && !memo.mounts(inst.flags).some((m) => m.type === 'cache' && (m.get('target') ?? '').startsWith('/var/lib/apt'))) {
        report('berth/apt-lists-not-cleaned', 'info', cmd.range, 'The apt package lists stay in the layer: end the RUN with rm -rf /var/lib/apt/lists/*, or use a cache mount on /var/lib/apt.');
      }
    }
    if ((tool === 'apt-get' || tool === 'apt') && (sub === 'upgrade' || sub === 'dist-upgrade' || p.includes('upgrade') || p.includes('dist-upgrade'))) {
      report('berth/apt-upgrade', 'info', cmd.range, `${tool} upgrade makes the build depend on the day it runs; use a newer base image instead.`);
    }
    if (tool === 'cd') report('berth/cd-in-run', 'info', cmd.range, 'cd lasts for this RUN only; use WORKDIR to change the directory for later instructions.');
    if (cmd.words[0] === 'sudo') report('berth/sudo', 'warning', cmd.range, 'Builds run as root already (or as USER); sudo adds a setuid binary and surprises. Drop it, or switch USER.');
    const next = cmds[i + 1];
    if ((tool === 'curl' || tool === 'wget') && next?.piped && INTERPRETER.test(program(next)[0] ?? '')) {
      report('berth/curl-pipe-shell', 'warning', cmd.range, `${tool} … | ${program(next)[0]} runs whatever the server sends, unchecked. Download to a file, verify its checksum, then run it.`);
    }
  }
}

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

function addRules(inst: Instruction, report: Report): void {
  const sources = (inst.json ?? inst.words.map((w) => unquoted(w.text))).slice(0, -1).filter((s) => !HEREDOC_MARKER.test(s));
  if (sources.length === 0) return;
  if (!inst.flags.some((f) => f.name === 'checksum')) addChecksum(inst, sources, report);
  if (sources.every((s) => !URL.test(s) && !ARCHIVE.test(s) && !s.startsWith('git@') && !hasVariables(s))) {
    report('berth/add-instead-of-copy', 'info', inst.keywordRange, 'ADD of local files does what COPY does, plus surprises (archives get extracted). Use COPY.', [
      { title: 'Use COPY', edits: [{ range: inst.keywordRange, newText: inst.keyword === inst.keyword.toLowerCase() ? 'copy' : 'COPY' }], preferred: true },
    ]);
  }
}

/** A source word without the double quotes around it (`ADD "https://…#${V}" dir`). */
const unquoted = (s: string): string => (s.length > 1 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

/**
 * A download should name the digest it expects. For a git source BuildKit's `--checksum` is a
 * commit id, so a commit ref (or one a build arg supplies) is already pinned.
 */
function addChecksum(inst: Instruction, sources: string[], report: Report): void {
  const git = sources.find((s) => GIT_SOURCE.test(s));
  if (git !== undefined) {
    const ref = gitRef(git);
    if (ref !== undefined && (COMMIT.test(ref) || hasVariables(ref))) return;
    if (ref === undefined) report('berth/add-url-checksum', 'warning', inst.argsRange, `ADD ${git} takes whatever the default branch holds at build time: pin the commit you reviewed with --checksum=<commit id>.`);
    else report('berth/add-url-checksum', 'info', inst.argsRange, `ADD ${git} checks out \`${ref}\`, a tag or branch that can move: pin the commit you reviewed with --checksum=<commit id>.`);
    return;
  }
  const url = sources.find((s) => URL.test(s));
  if (url !== undefined) report('berth/add-url-checksum', 'warning', inst.argsRange, `ADD ${url} downloads without checking what arrives: add --checksum=sha256:… .`);
}

const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The ref a git source names: `#ref[:subdir]`, or `?ref=`, `?tag=`, `?branch=`, `?commit=`; undefined for the default branch. */
function gitRef(source: string): string | undefined {
  const hash = source.indexOf('#');
  if (hash >= 0) return source.slice(hash + 1).split(':')[0] || undefined;
  const query = source.indexOf('?');
  if (query < 0) return undefined;
  for (const pair of source.slice(query + 1).split('&')) {
    const [key, value] = pair.split('=');
    if ((key === 'ref' || key === 'tag' || key === 'branch' || key === 'commit' || key === 'checksum') && value) return value;
  }
  return undefined;
}

function finalStageUser(model: DockerfileModel, report: Report): void {
  const last = model.stages[model.stages.length - 1];
  if (!last) return;
  const chain = stageChain(last);
  // Only when the whole chain is known: an image may set USER itself.
  if (chain[0]?.baseName !== 'scratch' && !isWellKnownRootImage(chain[0]?.baseName ?? '')) return;
  const users = chain.flatMap((s) => s.instructions.filter((i) => i.name === 'USER'));
  const lastUser = users[users.length - 1];
  if (!lastUser) {
    if (chain[0]?.baseName === 'scratch') return;
    report('berth/root-final-stage', 'info', last.from.keywordRange, 'The final stage runs as root: add a USER with an unprivileged user.');
  } else if (/^(root|0)(:.*)?$/.test(lastUser.argsText)) {
    report('berth/root-final-stage', 'info', lastUser.argsRange, 'The final stage runs as root: switch to an unprivileged USER at the end.');
  }
}

/** Distribution and language images that run as root unless told otherwise. */
function isWellKnownRootImage(name: string): boolean {
  const repo = splitImageReference(name).name.replace(/^(docker\.io\/)?(library\/)?/, '');
  return /^(alpine|debian|ubuntu|fedora|centos|rockylinux|almalinux|amazonlinux|busybox|python|node|golang|ruby|php|openjdk|eclipse-temurin|maven|gradle|rust)$/.test(repo);
}
