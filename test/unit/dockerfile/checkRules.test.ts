/** Each BuildKit check fires where it should and stays quiet where it should not; # check= handling. */
import * as assert from 'node:assert/strict';
import { runBuildkitChecks } from '../../../src/language/dockerfile/checks';
import { buildModel } from '../../../src/language/dockerfile/model';
import { parseDockerfile } from '../../../src/language/dockerfile/parser';
import { itFiresAndStaysQuiet, type RuleCase } from './ruleCases';

function check(text: string, dockerignore?: string): string[] {
  const df = parseDockerfile(text);
  return runBuildkitChecks(df, buildModel(df), { dockerignore }).map((f) => `${f.code}:${f.range.start.line + 1}`);
}

const cases: RuleCase[] = [
  ['ConsistentInstructionCasing', 'FROM a\nrun x\nRUN y\n', 'FROM a\nRUN x\n'],
  ['FromAsCasing', 'FROM a as b\n', 'FROM a AS b\n'],
  ['StageNameCasing', 'FROM a AS Build\n', 'FROM a AS build\n'],
  ['DuplicateStageName', 'FROM a AS b\nFROM a AS B\n', 'FROM a AS b\nFROM a AS c\n'],
  ['ReservedStageName', 'FROM a AS context\n', 'FROM a AS ctx\n'],
  ['ExposeInvalidFormat', 'FROM a\nEXPOSE 80:80\n', 'FROM a\nEXPOSE 80 443/tcp\n'],
  ['ExposeProtoCasing', 'FROM a\nEXPOSE 53/UDP\n', 'FROM a\nEXPOSE 53/udp\n'],
  ['FromPlatformFlagConstDisallowed', 'FROM --platform=linux/arm64 a\n', 'FROM --platform=$BUILDPLATFORM a\n'],
  ['RedundantTargetPlatform', 'FROM --platform=$TARGETPLATFORM a\n', 'FROM --platform=$BUILDPLATFORM a\n'],
  ['UndefinedArgInFrom', 'FROM alpine:$VERSON\n', 'ARG VERSION=3\nFROM alpine:$VERSION\n'],
  ['InvalidDefaultArgInFrom', 'ARG TAG\nFROM alpine:$TAG\n', 'ARG TAG=3.20\nFROM alpine:$TAG\n'],
  ['JSONArgsRecommended', 'FROM a\nCMD run me\n', 'FROM a\nCMD ["run", "me"]\n'],
  ['LegacyKeyValueFormat', 'FROM a\nENV A b\n', 'FROM a\nENV A=b\n'],
  ['MaintainerDeprecated', 'FROM a\nMAINTAINER me\n', 'FROM a\nLABEL org.opencontainers.image.authors=me\n'],
  ['MultipleInstructionsDisallowed', 'FROM a\nCMD ["a"]\nCMD ["b"]\n', 'FROM a\nCMD ["a"]\nFROM a\nCMD ["b"]\n'],
  ['NoEmptyContinuation', 'FROM a\nRUN a \\\n\n  b\n', 'FROM a\nRUN a \\\n  b\n'],
  ['SecretsUsedInArgOrEnv', 'FROM a\nARG GITHUB_TOKEN\n', 'FROM a\nARG TOKEN_FILE\nARG PUBLIC_KEY\n'],
  ['UndefinedVar', 'FROM scratch\nCOPY $nope /x\n', 'FROM scratch\nARG yes\nCOPY $yes /x\n'],
  ['WorkdirRelativePath', 'FROM a\nWORKDIR app\n', 'FROM a\nWORKDIR /app\nWORKDIR sub\n'],
];

describe('BuildKit checks: each rule', () => {
  itFiresAndStaysQuiet(cases, (text) => check(text).map((k) => k.slice(0, k.lastIndexOf(':'))));

  it('CopyIgnoredFile reads .dockerignore, exceptions included', () => {
    const text = 'FROM a\nCOPY secrets/key.pem /x\nCOPY src /src\nCOPY keep.md /k\n';
    assert.deepEqual(check(text, 'secrets\n*.md\n!keep.md\n').filter((k) => k.startsWith('CopyIgnored')), ['CopyIgnoredFile:2']);
    assert.deepEqual(check(text).filter((k) => k.startsWith('CopyIgnored')), []);
  });

  it('InvalidDefinitionDescription is experimental: off unless enabled', () => {
    const body = '# wrong words\nARG foo=1\n# foo is fine\nARG foo=2\nFROM a\n';
    assert.deepEqual(check(body).filter((k) => k.startsWith('InvalidDef')), []);
    assert.deepEqual(check('# check=experimental=InvalidDefinitionDescription\n' + body), ['InvalidDefinitionDescription:3']);
  });

  it('honours # check=skip=…, skip=all, error=true and per-instruction skips', () => {
    assert.deepEqual(check('# check=skip=FromAsCasing\nFROM a as b\n'), []);
    assert.deepEqual(check('# check=skip=all\nFROM a as b\n'), []);
    const df = parseDockerfile('# check=error=true\nFROM a as b\n');
    assert.equal(runBuildkitChecks(df, buildModel(df))[0]?.severity, 'error');
    assert.deepEqual(check('FROM a\n# check=skip=MaintainerDeprecated // on purpose\nMAINTAINER me\nMAINTAINER you\n'), ['MaintainerDeprecated:4']);
  });

  it('WorkdirRelativePath expands the path with what the stage knows, as BuildKit does before its check', () => {
    const workdir = (text: string): string[] => check(text).filter((k) => k.startsWith('WorkdirRelativePath'));
    // Known values: ENV (also one built from an earlier ENV), ARG defaults (own or global), ENV of the stage built on.
    assert.deepEqual(workdir('FROM golang\nENV GOPATH /go\nWORKDIR $GOPATH\n'), []);
    assert.deepEqual(workdir('FROM debian\nENV HTTPD_PREFIX /usr/local/apache2\nENV PATH $HTTPD_PREFIX/bin:$PATH\nWORKDIR $HTTPD_PREFIX\n'), []);
    assert.deepEqual(workdir('FROM ubuntu\nENV HOME_DIR=/home/git\nENV INSTALL_DIR="${HOME_DIR}/gitlab"\nWORKDIR ${INSTALL_DIR}\n'), []);
    assert.deepEqual(workdir('FROM a\nARG DIR=/srv\nWORKDIR $DIR\n'), []);
    assert.deepEqual(workdir('ARG DIR=/srv\nFROM a\nARG DIR\nWORKDIR $DIR\n'), []);
    assert.deepEqual(workdir('FROM a AS base\nENV D=/x\nFROM base\nWORKDIR $D/y\n'), []);
    // Windows paths are absolute, also when BuildKit's escape turns `C:\\go` into `C:\go`.
    assert.deepEqual(workdir('FROM mcr.microsoft.com/windows/nanoserver:ltsc2025\nENV GOPATH C:\\\\go\nWORKDIR $GOPATH\n'), []);
    assert.deepEqual(workdir('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV APP C:\\app\nWORKDIR $APP\n'), []);
    // Unknown values stay quiet: a base image's env, a build arg without a default, an ENV built from either.
    assert.deepEqual(workdir('FROM a\nWORKDIR $FROM_THE_IMAGE\n'), []);
    assert.deepEqual(workdir('FROM a\nARG DIR\nWORKDIR $DIR\n'), []);
    assert.deepEqual(workdir('FROM a\nENV X=$BASE/app\nWORKDIR $X\n'), []);
    // Known relative values still fire, with the expanded path in BuildKit's words.
    assert.deepEqual(workdir('FROM a\nENV D=rel\nWORKDIR $D\n'), ['WorkdirRelativePath:3']);
    assert.deepEqual(workdir('FROM a\nARG D=rel\nWORKDIR ${D}/sub\n'), ['WorkdirRelativePath:3']);
    assert.deepEqual(workdir('FROM scratch\nWORKDIR ${NOPE}app\n'), ['WorkdirRelativePath:2'], 'on scratch nothing else is set');
    const df = parseDockerfile('FROM a\nENV D=rel\nWORKDIR $D/x\n');
    assert.equal(runBuildkitChecks(df, buildModel(df))[0]?.message, 'Relative workdir "rel/x" can have unexpected results if the base image changes');
  });

  it('does not guess at variables an unknown base image may set, but knows scratch', () => {
    assert.deepEqual(check('FROM golang\nWORKDIR $GOPATH/src\n'), []);
    assert.deepEqual(check('FROM scratch\nWORKDIR $GOPATH/src\n'), ['UndefinedVar:2']);
  });
});
