/** What the plain-Node benchmarks share: a row of their table, the docker CLI they use, and the table itself. */
import { existsSync } from 'node:fs';

export interface Row {
  measure: string;
  value: string;
  target: string;
  ok?: boolean | undefined;
}

/** The 20.10 CLI that comes with the engine when present, else the one on PATH. */
export const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

export function printTable(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.measure.length));
  const valueWidth = Math.max(10, ...rows.map((r) => r.value.length));
  const targetWidth = Math.max(6, ...rows.map((r) => r.target.length));
  console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(valueWidth)}  ${'target'.padEnd(targetWidth)}  ok`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(valueWidth)}  ${'-'.repeat(targetWidth)}  --`);
  for (const r of rows) console.log(`${r.measure.padEnd(width)}  ${r.value.padStart(valueWidth)}  ${r.target.padEnd(targetWidth)}  ${r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'}`);
}
