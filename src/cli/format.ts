/** `berth lint` output: compiler-style text, a JSON array, or SARIF 2.1.0 for code scanning. */
import type { Finding, Severity } from '../language/findings';

/** A finding with its file, 1-based as printed. */
export interface FileFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  docsUrl?: string | undefined;
}

export function toFileFinding(file: string, f: Finding): FileFinding {
  return {
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
    docsUrl: f.docsUrl,
  };
}

export function formatText(findings: readonly FileFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]`).join('\n');
}

export function formatJson(findings: readonly FileFinding[]): string {
  return JSON.stringify(
    findings.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({ file, line, column, endLine, endColumn, severity, code, message })),
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(findings: readonly FileFinding[], version: string): string {
  const rules = new Map<string, { id: string; helpUri?: string }>();
  for (const f of findings) if (!rules.has(f.code)) rules.set(f.code, f.docsUrl ? { id: f.code, helpUri: f.docsUrl } : { id: f.code });
  const ruleIds = [...rules.keys()];
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'berth', version, informationUri: 'https://github.com/berth-dev/berth', rules: [...rules.values()] } },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: ruleIds.indexOf(f.code),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
