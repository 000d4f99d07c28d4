/** Where Berth's own rules are documented. Pure. */

export const RULES_DOC = 'https://github.com/berth-dev/berth/blob/main/docs/dockerfile-rules.md';

export function berthDocsUrl(code: string): string {
  return `${RULES_DOC}#${code.replace(/^berth\//, 'rule-')}`;
}
