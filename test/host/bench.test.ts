import * as vscode from 'vscode';
import { hostProbe } from './harness';

/**
 * Baseline for the webview benchmarks: a bare VS Code webview panel and a host listener that echoes
 * every message at once — no protocol, no validation. Our round trips are reported against it.
 */
let panel: vscode.WebviewPanel | undefined;

hostProbe('bench.openRawPanel', () => {
  panel?.dispose();
  panel = vscode.window.createWebviewPanel('componentHost.benchRaw', 'Raw postMessage baseline', vscode.ViewColumn.One, { enableScripts: true });
  const nonce = Math.random().toString(36).slice(2);
  panel.webview.onDidReceiveMessage((m: unknown) => void panel?.webview.postMessage(m));
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'"></head>
<body><div id="raw-baseline">raw</div><script nonce="${nonce}">
const api = acquireVsCodeApi();
let waiting;
window.addEventListener('message', (e) => { if (waiting) { const w = waiting; waiting = undefined; w(); } });
window.__rawRoundTrips = async (n) => {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise((r) => { waiting = r; api.postMessage({ n: i, text: 'ping' }); });
    samples.push(performance.now() - t0);
  }
  return samples;
};
</script></body></html>`;
  return true;
});

hostProbe('bench.closeRawPanel', () => {
  panel?.dispose();
  panel = undefined;
  return true;
});
