import * as assert from 'node:assert/strict';
import { covered, lint, withCode, yaml } from './helpers';

describe('compose paths', () => {
  it('flags a missing env_file, not an optional one or one that exists', () => {
    const text = yaml('services:', '  web:', '    image: x', '    env_file:', '      - ./missing.env', '      - app.env', '      - {path: ./optional.env, required: false}', '      - ${ENV_FILE}');
    const found = withCode(lint(text, { 'app.env': 'A=1' }, { ENV_FILE: 'x' }), 'compose/missing-env-file');
    assert.deepEqual(found.map((f) => covered(text, f)), ['./missing.env']);
    assert.equal(found[0]!.severity, 'error');
  });

  it('flags a missing build context and a missing Dockerfile', () => {
    const text = yaml(
      'services:',
      '  a:',
      '    build: ./nope',
      '  b:',
      '    build: {context: ./app, dockerfile: Dockerfile.dev}',
      '  c:',
      '    build: ./empty',
      '  d:',
      '    build: ./app',
      '  e:',
      '    build: {context: ./lower}',
      '  f:',
      '    build: https://github.com/docker/compose.git',
      '  g:',
      '    build: {context: ./empty, dockerfile_inline: "FROM scratch"}',
    );
    const files = { 'app/Dockerfile': 'FROM x', 'empty/readme': '', 'lower/dockerfile': 'FROM x' };
    const found = lint(text, files).filter((f) => f.code === 'compose/missing-build-context' || f.code === 'compose/missing-dockerfile');
    assert.deepEqual(
      found.map((f) => `${f.code} ${covered(text, f)}`),
      ['compose/missing-build-context ./nope', 'compose/missing-dockerfile Dockerfile.dev', 'compose/missing-dockerfile ./empty'],
    );
  });

  it('warns about a missing bind-mount source; ~ is the home folder; named volumes are not paths', () => {
    const text = yaml(
      'services:',
      '  web:',
      '    image: x',
      '    volumes:',
      '      - ./data:/data:ro',
      '      - ./present:/p',
      '      - ~/cache:/cache',
      '      - ~/.config:/config',
      '      - logs:/logs',
      '      - ${HOME_DIR}/x:/x',
      '      - type: bind',
      '        source: ./strict',
      '        target: /s',
      '        bind: {create_host_path: false}',
      'volumes:',
      '  logs: {}',
    );
    const files = { 'present/f': '', '/home/me/.config/f': '' };
    const found = withCode(lint(text, files, { HOME_DIR: '/h' }), 'compose/missing-bind-source');
    assert.deepEqual(found.map((f) => `${f.severity} ${covered(text, f)}`), ['warning ./data', 'warning ~/cache', 'error ./strict']);
    assert.match(found[1]!.message, /\/home\/me\/cache/);
  });
});

describe('compose build platforms', () => {
  it('flags a service platform its build.platforms leaves out', () => {
    const text = yaml('services:', '  a:', '    platform: linux/riscv64', '    build: {context: ., platforms: [linux/amd64, linux/arm64]}', '  b:', '    platform: linux/arm64', '    build: {context: ., platforms: [linux/amd64, linux/arm64]}', '  c:', '    platform: linux/386', '    build: .');
    const found = withCode(lint(text, { Dockerfile: 'FROM x' }), 'compose/platform-not-built');
    assert.deepEqual(found.map((f) => covered(text, f)), ['linux/riscv64']);
  });
});
