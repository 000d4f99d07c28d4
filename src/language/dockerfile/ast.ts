/**
 * The parsed shape of a Dockerfile, with exact 0-based ranges for every token. Pure: no vscode import.
 * The parser follows BuildKit's (frontend/dockerfile/parser) rules, so `args` agree with BuildKit's AST.
 */
import type { Range } from '../findings';

/** A parser directive at the top of the file (`# syntax=`, `# escape=`, `# check=`). */
export interface Directive {
  /** Lowercased name. */
  name: string;
  value: string;
  range: Range;
  valueRange: Range;
}

/** A `--name=value` flag between the instruction keyword and its arguments. */
export interface Flag {
  /** Without the leading `--`. */
  name: string;
  /** Unquoted as BuildKit does; undefined for a bare `--name`. */
  value: string | undefined;
  range: Range;
  nameRange: Range;
  valueRange: Range | undefined;
}

/** A word of the arguments, as written (quotes kept), with its range. */
export interface Word {
  text: string;
  range: Range;
}

export interface Heredoc {
  name: string;
  /** `<<-`: leading tabs are stripped. */
  chomp: boolean;
  /** False when the delimiter was quoted: no variable expansion in the body. */
  expand: boolean;
  content: string;
  /** The `<<EOF` word on the instruction line. */
  markerRange: Range;
  /** First body line .. the terminator line (inclusive). */
  bodyStartLine: number;
  endLine: number;
}

export interface Instruction {
  /** The keyword as written (`from`, `From`, `FROM`). */
  keyword: string;
  /** Uppercased keyword. */
  name: string;
  keywordRange: Range;
  /** From the keyword to the end of the last line, heredoc bodies included. */
  range: Range;
  flags: Flag[];
  /** The logical text after the flags, continuation characters removed, trimmed. */
  argsText: string;
  /** Offset of argsText in `logical`. */
  argsOffset: number;
  /** Range of argsText (start of first to end of last character). */
  argsRange: Range;
  /** The words of argsText (quotes and escapes kept, as BuildKit's parseWords). */
  words: Word[];
  /** For JSON (exec) form: the decoded strings. */
  json: string[] | undefined;
  heredocs: Heredoc[];
  /** `#` comment lines directly above (text after `#`, trimmed), as BuildKit's PrevComment. */
  comments: string[];
  /** The ONBUILD trigger, parsed as an instruction. */
  trigger: Instruction | undefined;
  /** Line of the last empty continuation line inside this instruction (NoEmptyContinuation). */
  emptyContinuationLine: number | undefined;
  /** The logical line (continuations joined) as BuildKit sees it. */
  logical: string;
  /** Maps an offset in `logical` to a document position. */
  positionAt(offset: number): { line: number; character: number };
}

export interface ParseError {
  message: string;
  range: Range;
  code: 'no-instructions' | 'invalid-escape' | 'duplicate-directive' | 'unterminated-heredoc' | 'env-needs-value' | 'json-not-strings' | 'name-value-syntax';
}

export interface Dockerfile {
  directives: Directive[];
  escapeChar: '\\' | '`';
  instructions: Instruction[];
  /** Every comment line (directives included): text after `#`. */
  comments: { text: string; range: Range }[];
  /** Anything BuildKit's parser would refuse the file for. */
  errors: ParseError[];
  /** The document's lines (no line terminators). */
  lines: string[];
}
