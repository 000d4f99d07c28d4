/** The stats webview's entry, bundled by esbuild into media/stats.js (a browser iife) with its CSS. */
import 'uplot/dist/uPlot.min.css';
import './stats.css';
import { parsePersistedState } from '../../shared/protocol';
import { StatsView, type VsCodeApi } from './statsView';

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = document.getElementById('stats');
if (root) new StatsView(root, api, parsePersistedState(api.getState())).start();
