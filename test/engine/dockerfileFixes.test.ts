/**
 * Berth's Dockerfile quick fixes, applied and built with the real BuildKit (DOCKER_BUILDKIT=1 with the
 * 20.10 CLI and the daemon's built-in frontend) on the busybox test image: the fixed files must build.
 * Package managers are stood in for by shell functions, so the RUN lines are the ones the hints match.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits } from '../../src/language/dockerfile/applyEdits';
import { lintDockerfile } from '../../src/language/dockerfile/lint';
import { docker, runId, TEST_IMAGE, TEST_LABEL } from '../support/docker';

const tag = (n: number): string => `berth-test/fix-${runId}:${n}`;
const built: string[] = [];

function fix(text: string, code: string): string {
  const finding = lintDockerfile(text).find((f) => f.code === code);
  assert.ok(finding?.fixes?.[0], `expected a ${code} fix for:\n${text}`);
  return applyEdits(text, finding.fixes[0].edits);
}

async function build(dockerfile: string, files: Record<string, string> = {}, extra: string[] = []): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-fix-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    const image = tag(built.length);
    built.push(image);
    await docker(['build', '--no-cache', '--progress=plain', '--label', `${TEST_LABEL}=${runId}`, '-t', image, ...extra.map((e) => e.replace('{dir}', dir)), dir], {
      env: { DOCKER_BUILDKIT: '1' },
      timeoutMs: 120_000,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A stand-in for `tool` that prints what it would do, so the hinted RUN runs on busybox. */
const fake = (tool: string): string => `printf 'echo fake %s' "$0 $*" > /bin/${tool} && chmod +x /bin/${tool}`;

describe('Dockerfile quick fixes build with the real BuildKit', function () {
  this.timeout(300_000);

  after(async () => {
    for (const image of built) await docker(['rmi', '-f', image]).catch(() => undefined);
  });

  it('cache-mount fixes (npm, pip, go, apk, apt …) build', async () => {
    const runs = ['npm ci', 'pip install -r requirements.txt', 'go mod download', 'apk add curl', 'cargo build', 'bundle install', 'composer install'];
    let text = `FROM ${TEST_IMAGE}\n` + runs.map((r) => `RUN ${fake(r.split(' ')[0] as string)} && ${r}\n`).join('');
    text += `RUN ${fake('apt-get')} && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n`;
    for (let i = 0; i < runs.length + 1; i++) text = fix(text, 'berth/cache-mount');
    assert.equal(lintDockerfile(text).filter((f) => f.code === 'berth/cache-mount').length, 0);
    assert.match(text, /--mount=type=cache,target=\/var\/cache\/apt,sharing=locked --mount=type=cache,target=\/var\/lib\/apt,sharing=locked rm -f \/etc\/apt\/apt.conf.d\/docker-clean && /);
    await build(text);
  });

  it('the secret-mount fix builds and the RUN reads the secret', async () => {
    const fixed = fix(`FROM ${TEST_IMAGE}\nARG NPM_TOKEN\nRUN test "$NPM_TOKEN" = s3cret\n`, 'berth/secret-mount');
    assert.equal(fixed, `FROM ${TEST_IMAGE}\nRUN --mount=type=secret,id=npm_token test "$(cat /run/secrets/npm_token)" = s3cret\n`);
    await build(fixed, { token: 's3cret' }, ['--secret', 'id=npm_token,src={dir}/token']);
  });

  it('the secret-mount fix of an ARG kept by an ENV builds, and the RUN reads the secret through both names', async () => {
    const fixed = fix(`FROM ${TEST_IMAGE}\nARG NPM_TOKEN\nENV NODE_AUTH_TOKEN=$NPM_TOKEN\nRUN test "$NODE_AUTH_TOKEN" = s3cret && test "$NPM_TOKEN" = s3cret\n`, 'berth/secret-mount');
    assert.ok(!/ARG|ENV/.test(fixed), fixed);
    await build(fixed, { token: 's3cret' }, ['--secret', 'id=npm_token,src={dir}/token']);
  });

  it('the secret-mount fix of a secret ENV builds with the value passed as a secret', async () => {
    const fixed = fix(`FROM ${TEST_IMAGE}\nENV API_TOKEN=in-the-file\nRUN test "$API_TOKEN" = s3cret\n`, 'berth/secret-mount');
    assert.equal(fixed, `FROM ${TEST_IMAGE}\nRUN --mount=type=secret,id=api_token test "$(cat /run/secrets/api_token)" = s3cret\n`);
    await build(fixed, { token: 's3cret' }, ['--secret', 'id=api_token,src={dir}/token']);
  });

  it('the secret-file fix builds with the file passed as a secret', async () => {
    const fixed = fix(`FROM ${TEST_IMAGE}\nCOPY .npmrc /root/\nRUN grep -q registry /root/.npmrc\n`, 'berth/secret-file');
    await build(fixed, { npmrc: 'registry=https://r.example/\n' }, ['--secret', 'id=npmrc,src={dir}/npmrc']);
  });

  it('the bind-mount fix builds', async () => {
    const fixed = fix(`FROM ${TEST_IMAGE}\nWORKDIR /app\nCOPY package.json ./\nRUN ${fake('npm')} && grep -q name package.json && npm ci\nCOPY . ./\n`, 'berth/bind-mount');
    assert.match(fixed, /RUN --mount=type=bind,source=package.json,target=/);
    await build(fixed, { 'package.json': '{"name":"x"}' });
  });
});
