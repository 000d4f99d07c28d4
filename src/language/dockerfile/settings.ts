/**
 * The `berth.dockerfile.*` settings, read the same way by the editor (from VS Code's configuration)
 * and by `berth lint` (from .vscode/settings.json). Pure.
 */
import { DEFAULT_LINT_SETTINGS, type DockerfileLintSettings } from './lint';

export const SETTING_KEYS = {
  goodPractice: 'berth.dockerfile.goodPractice',
  cacheMount: 'berth.dockerfile.hints.cacheMount',
  secretMount: 'berth.dockerfile.hints.secretMount',
  bindMount: 'berth.dockerfile.hints.bindMount',
  disabledRules: 'berth.dockerfile.disabledRules',
} as const;

/** `get` returns a setting's value by its full key, or undefined when it is not set. */
export function lintSettingsFrom(get: (key: string) => unknown): DockerfileLintSettings {
  const bool = (key: string, fallback: boolean): boolean => {
    const v = get(key);
    return typeof v === 'boolean' ? v : fallback;
  };
  const disabled = get(SETTING_KEYS.disabledRules);
  return {
    practice: bool(SETTING_KEYS.goodPractice, DEFAULT_LINT_SETTINGS.practice),
    hints: {
      cacheMount: bool(SETTING_KEYS.cacheMount, DEFAULT_LINT_SETTINGS.hints.cacheMount),
      secretMount: bool(SETTING_KEYS.secretMount, DEFAULT_LINT_SETTINGS.hints.secretMount),
      bindMount: bool(SETTING_KEYS.bindMount, DEFAULT_LINT_SETTINGS.hints.bindMount),
    },
    disabled: Array.isArray(disabled) ? disabled.filter((x): x is string => typeof x === 'string') : [],
  };
}
