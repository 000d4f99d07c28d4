/**
 * The one page shell of Berth's webviews, built on the extension host side: a strict Content
 * Security Policy (nothing but this page's nonce runs, styles and fonts only from the extension's
 * own resources, no forms, no base URL), one stylesheet, the page's own body, and one script. Nothing engine-made is inlined: data arrives by
 * message and is set as text. Pure: no vscode.
 */
import { randomBytes } from 'node:crypto';

/** 128 random bits from the OS's generator, fresh for every page. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface WebviewPageSources {
  /** The webview's `cspSource`: where its own resources are served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The whole page; `body` is the page's own fixed markup (never engine text). */
export function webviewPage(sources: WebviewPageSources, title: string, body: string): string {
  const { cspSource, nonce, scriptUri, styleUri } = sources;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attribute(styleUri)}">
<title>${attribute(title)}</title>
</head>
<body>
${body}
<script nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>
`;
}
