import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_TIMER_MS, RESTRICTED_SETTINGS, requestTimeoutMs } from '../../src/settingLimits';

describe('settings an untrusted workspace cannot set', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
    contributes: { configuration: { properties: Record<string, { maximum?: number }> } };
  };

  it('are the ones package.json restricts, and each is a contributed setting', () => {
    const keys = RESTRICTED_SETTINGS.map((k) => `berth.${k}`);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(), [...keys].sort());
    for (const key of keys) assert.ok(pkg.contributes.configuration.properties[key], `${key} is not contributed`);
  });

  it('the settings schema tells of the timeout\'s upper bound', () => {
    assert.equal(pkg.contributes.configuration.properties['berth.requestTimeout']?.maximum, MAX_TIMER_MS);
  });
});

describe('berth.requestTimeout', () => {
  it('is clamped to what a timer can hold', () => {
    assert.equal(requestTimeoutMs(3e9), MAX_TIMER_MS);
    assert.equal(requestTimeoutMs(Number.MAX_SAFE_INTEGER), MAX_TIMER_MS);
    assert.equal(requestTimeoutMs(Infinity), MAX_TIMER_MS);
    assert.equal(requestTimeoutMs(60_000), 60_000);
    assert.equal(requestTimeoutMs(1500.7), 1500);
  });

  it('keeps the 1 s floor, and takes the default for what is not a number', () => {
    assert.equal(requestTimeoutMs(10), 1000);
    assert.equal(requestTimeoutMs(-5), 1000);
    assert.equal(requestTimeoutMs(NaN), 15_000);
    assert.equal(requestTimeoutMs('5000'), 15_000);
    assert.equal(requestTimeoutMs(undefined), 15_000);
  });

  it('makes a deadline that does not fire at once (3e9 ms overflows a timer into 1 ms)', async () => {
    // Timers fire in deadline order: an overflowed deadline (1 ms) would abort before the 50 ms one.
    const huge = AbortSignal.timeout(requestTimeoutMs(3e9));
    const short = AbortSignal.timeout(50);
    await once(short, 'abort');
    assert.equal(huge.aborted, false);
  });
});
