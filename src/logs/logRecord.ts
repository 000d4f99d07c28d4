/**
 * One line of a log view as Berth spools it: a container's stdout or stderr line, or a line Berth
 * adds (a restart marker, an info line, the last line). Pure.
 */

/** `marker`: a break in the stream (restart, recreate); `info`: what Berth says; `end`: the last line. */
export type LogRecordKind = 'stdout' | 'stderr' | 'marker' | 'info' | 'end';

export interface LogRecord {
  kind: LogRecordKind;
  /** Index of the source (container or compose service) in the view's source table; -1 for none. */
  source: number;
  /** The engine's RFC 3339 timestamp, or the time Berth wrote the line; may be empty. */
  timestamp: string;
  text: string;
}

const KIND_CODES: Record<LogRecordKind, string> = { stdout: 'o', stderr: 'e', marker: 'm', info: 'i', end: 'x' };
const CODE_KINDS = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as LogRecordKind]));

/**
 * One spool line: `<kind><source>\t<timestamp>\t<text>\n`. The text is the last field, so tabs in
 * it need no escaping; newlines never reach here (lines are split before). A carriage return or
 * newline that does arrive is replaced, so one record is always one spool line.
 */
export function encodeRecord(record: LogRecord): string {
  const text = record.text.includes('\n') ? record.text.replace(/\n/g, ' ') : record.text;
  return `${KIND_CODES[record.kind]}${record.source}\t${record.timestamp.replace(/[\t\n]/g, '')}\t${text}\n`;
}

/** The record a spool line holds (without its newline); a damaged line reads back as an info line. */
export function decodeRecord(line: string): LogRecord {
  const firstTab = line.indexOf('\t');
  const secondTab = firstTab < 0 ? -1 : line.indexOf('\t', firstTab + 1);
  const kind = CODE_KINDS.get(line.charAt(0));
  const source = Number(line.slice(1, firstTab));
  if (kind === undefined || secondTab < 0 || !Number.isInteger(source)) return { kind: 'info', source: -1, timestamp: '', text: line };
  return { kind, source, timestamp: line.slice(firstTab + 1, secondTab), text: line.slice(secondTab + 1) };
}

/** The text part of a spool line, for search, without decoding the rest. */
export function recordText(line: string): string {
  const firstTab = line.indexOf('\t');
  const secondTab = firstTab < 0 ? -1 : line.indexOf('\t', firstTab + 1);
  return secondTab < 0 ? line : line.slice(secondTab + 1);
}

/** A source of lines in a view: a compose service (with its replica number past 1) or a container. */
export interface LogSource {
  name: string;
  /** Terminal palette index (0-15) the name is shown in. */
  color: number;
}

/** What each source's log driver is, and whether the engine can read it back. */
export interface DriverState {
  source: number;
  driver: string;
  readable: boolean;
}
