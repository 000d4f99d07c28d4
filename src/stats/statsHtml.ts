/**
 * The stats webview's page: an empty shell, a strict Content Security Policy and one script.
 * Nothing is inlined (data arrives by message, text is set with textContent), scripts run only
 * with this page's nonce, styles and the script come only from the extension's media folder.
 * Pure: no vscode.
 */
import { randomBytes } from 'node:crypto';

/** 128 random bits from the OS's generator, fresh for every page. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface StatsPageSources {
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

export function statsHtml(sources: StatsPageSources): string {
  const { cspSource, nonce, scriptUri, styleUri } = sources;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attribute(styleUri)}">
<title>Berth: Stats</title>
</head>
<body>
<main id="stats" aria-busy="true"></main>
<script nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>
`;
}
