/** BuildKit mount hints: each fires for its tool and its quick fix is a small, exact edit. */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../src/language/dockerfile/applyEdits';
import { lintDockerfile } from '../../../src/language/dockerfile/lint';

function fixed(text: string, code: string): string | undefined {
  const f = lintDockerfile(text).find((x) => x.code === code);
  return f?.fixes?.[0] ? applyEdits(text, f.fixes[0].edits) : undefined;
}

const cacheCases: [tool: string, run: string, mounts: string][] = [
  ['apk', 'apk add curl', '--mount=type=cache,target=/var/cache/apk,sharing=locked'],
  ['npm', 'npm ci', '--mount=type=cache,target=/root/.npm'],
  ['yarn', 'yarn install --frozen-lockfile', '--mount=type=cache,target=/usr/local/share/.cache/yarn'],
  ['pnpm', 'pnpm install', '--mount=type=cache,target=/root/.local/share/pnpm/store'],
  ['pip', 'pip install -r requirements.txt', '--mount=type=cache,target=/root/.cache/pip'],
  ['poetry', 'poetry install', '--mount=type=cache,target=/root/.cache/pypoetry'],
  ['go', 'go mod download', '--mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build'],
  ['cargo', 'cargo build --release', '--mount=type=cache,target=/usr/local/cargo/registry'],
  ['maven', 'mvn -B package', '--mount=type=cache,target=/root/.m2'],
  ['gradle', './gradlew build', '--mount=type=cache,target=/root/.gradle'],
  ['bundler', 'bundle install', '--mount=type=cache,target=/usr/local/bundle/cache'],
  ['composer', 'composer install', '--mount=type=cache,target=/root/.cache/composer'],
];

describe('mount hints and their quick fixes', () => {
  for (const [tool, run, mounts] of cacheCases) {
    it(`adds the ${tool} cache mount`, () => {
      assert.equal(fixed(`FROM x:1\nRUN ${run}\n`, 'berth/cache-mount'), `FROM x:1\nRUN ${mounts} ${run}\n`);
    });
  }

  it('adds both apt caches, locked, and removes the docker-clean hook', () => {
    assert.equal(
      fixed('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n', 'berth/cache-mount'),
      'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y --no-install-recommends curl\n',
    );
  });

  it('stays quiet when the cache is mounted, disabled (pip --no-cache-dir, apk --no-cache) or turned off', () => {
    assert.equal(fixed('FROM x:1\nRUN --mount=type=cache,target=/root/.npm npm ci\n', 'berth/cache-mount'), undefined);
    assert.equal(fixed('FROM x:1\nRUN pip install --no-cache-dir x\n', 'berth/cache-mount'), undefined);
    assert.equal(fixed('FROM x:1\nRUN apk add --no-cache curl\n', 'berth/cache-mount'), undefined);
    const off = lintDockerfile('FROM x:1\nRUN npm ci\n', { settings: { hints: { cacheMount: false, secretMount: true, bindMount: true } } });
    assert.ok(!off.some((f) => f.code === 'berth/cache-mount'));
  });

  it('turns a secret ARG into a secret mount in the RUNs that use it', () => {
    assert.equal(
      fixed('FROM x:1\nARG NPM_TOKEN\nRUN echo "$NPM_TOKEN" > /t && echo ${NPM_TOKEN}\nRUN true\n', 'berth/secret-mount'),
      'FROM x:1\nRUN --mount=type=secret,id=npm_token echo "$(cat /run/secrets/npm_token)" > /t && echo $(cat /run/secrets/npm_token)\nRUN true\n',
    );
  });

  it('turns a secret ENV read by later RUNs into a secret mount, as a fix that is not preferred', () => {
    const text = 'FROM x:1\nENV API_TOKEN=abc\nRUN curl -H "X: $API_TOKEN" http://h/\n';
    const hint = lintDockerfile(text).find((f) => f.code === 'berth/secret-mount');
    assert.equal(hint?.range.start.line, 1);
    assert.match(hint?.message ?? '', /image config/);
    assert.notEqual(hint?.fixes?.[0]?.preferred, true, 'it removes a value from the file: never applied on its own');
    assert.equal(fixed(text, 'berth/secret-mount'), 'FROM x:1\nRUN --mount=type=secret,id=api_token curl -H "X: $(cat /run/secrets/api_token)" http://h/\n');
  });

  it('removes both the ARG and the ENV that keeps it in the image, with one hint', () => {
    const text = 'FROM x:1\nARG NPM_TOKEN\nENV NODE_AUTH_TOKEN=${NPM_TOKEN}\nRUN npm ci && echo $NODE_AUTH_TOKEN $NPM_TOKEN\n';
    const hints = lintDockerfile(text).filter((f) => f.code === 'berth/secret-mount');
    assert.deepEqual(hints.map((h) => h.range.start.line), [1], 'the ENV that persists the ARG has no hint of its own');
    assert.match(hints[0]?.message ?? '', /through ENV NODE_AUTH_TOKEN, its config/);
    assert.equal(
      fixed(text, 'berth/secret-mount'),
      'FROM x:1\nRUN --mount=type=secret,id=npm_token npm ci && echo $(cat /run/secrets/npm_token) $(cat /run/secrets/npm_token)\n',
    );
  });

  it('stays quiet on a secret ENV no RUN reads, and on ENV lines that set several names', () => {
    for (const text of ['FROM x:1\nENV API_TOKEN=abc\nRUN true\n', 'FROM x:1\nENV API_TOKEN=abc OTHER=1\nRUN echo $API_TOKEN\n', 'FROM x:1\nENV API_TOKEN=abc\nCMD echo $API_TOKEN\n']) {
      assert.ok(!lintDockerfile(text).some((f) => f.code === 'berth/secret-mount'), text);
    }
  });

  it('mounts a copied .npmrc as a secret and an id_rsa through ssh', () => {
    assert.equal(fixed('FROM x:1\nCOPY .npmrc /root/\nRUN npm ci\n', 'berth/secret-file')?.split('\n')[1], 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,target=/root/.npm npm ci'.replace(' --mount=type=cache,target=/root/.npm', ''));
    assert.equal(fixed('FROM x:1\nCOPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@github.com:a/b\n', 'berth/secret-file'), 'FROM x:1\nRUN --mount=type=ssh git clone git@github.com:a/b\n');
  });

  it('bind-mounts manifests used only by the next RUN', () => {
    assert.equal(
      fixed('FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . ./\n', 'berth/bind-mount'),
      'FROM node:22\nWORKDIR /app\nRUN --mount=type=bind,source=package.json,target=./package.json --mount=type=bind,source=package-lock.json,target=./package-lock.json npm ci\nCOPY . ./\n',
    );
    assert.equal(fixed('FROM node:22\nCOPY package.json ./\nRUN npm ci\n', 'berth/bind-mount'), undefined, 'without a later COPY . the file would go missing');
  });
});
