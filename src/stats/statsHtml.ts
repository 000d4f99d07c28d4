/**
 * The stats webview's page: an empty shell on the shared webview page (strict CSP, one script);
 * everything in it is drawn from messages. Pure: no vscode.
 */
import { webviewPage, type WebviewPageSources } from '../webviewHost/webviewPage';

export { contentSecurityPolicy, newNonce } from '../webviewHost/webviewPage';
export type StatsPageSources = WebviewPageSources;

export function statsHtml(sources: StatsPageSources): string {
  return webviewPage(sources, 'Berth: Stats', '<main id="stats" aria-busy="true"></main>');
}
