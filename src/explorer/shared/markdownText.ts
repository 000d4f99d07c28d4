/**
 * Engine text (names, labels, commands, addresses) inside a Markdown tooltip, so that it renders
 * as the text it is: no image (a remote image in a hover is a tracking pixel), no HTML, no link,
 * no heading, whatever the engine sends. Pure.
 */

/** Line breaks (and the Unicode ones) would end a paragraph or a code span: shown as ↵. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;
/** Other control characters mean nothing in a tooltip. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/**
 * ASCII punctuation, which CommonMark lets a backslash escape. Escaping `:` `.` `@` too stops GFM
 * from turning `http://…`, `www.…` or an e-mail address into a link. `/` means nothing once `:`
 * and `<` are escaped, so image names like `library/nginx` stay readable in the Markdown source.
 */
const PUNCTUATION = /[!-.:-@[-`{-~]/g;

function plainLine(text: string): string {
  return text.replace(LINE_BREAK, '↵').replace(CONTROL, '\uFFFD').replace(/\t/g, ' ');
}

/** `text` escaped for Markdown: renders exactly as written, on one line. */
export function escapeMarkdown(text: string): string {
  return plainLine(text).replace(PUNCTUATION, (ch) => `\\${ch}`);
}

/** `text` as an inline code span, fenced with more backticks than it contains. */
export function markdownCode(text: string): string {
  const line = plainLine(text);
  if (line.trim() === '') return escapeMarkdown(line);
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A space inside the fence keeps a leading or trailing backtick from joining it (CommonMark strips one).
  return `${fence} ${line} ${fence}`;
}
