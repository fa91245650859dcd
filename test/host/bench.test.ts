import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Messenger } from 'vscode-messenger';
import type { RequestType } from 'vscode-messenger-common';
import { ComponentApi } from '../../src/components/componentApi';
import { WebviewChannel } from '../../src/view/webviewChannel';
import { extensionApi } from './extensionApi';
import { hostProbe } from './harness';

/**
 * Baselines for the webview benchmarks, each in a bare webview panel of its own:
 * - raw: the host echoes every message at once — no protocol, no validation; a nested sandboxed
 *   frame's messages are relayed through the page just as bare (a component's route);
 * - vscode-messenger: the same echo request through TypeFox's messenger library;
 * - typed: our own channel (both ends, validated) in a bare panel, apart from the side panel's document.
 * The page scripts are bundled next to this file (scripts/build.mjs --tests) and inlined with a nonce.
 */
const panels = new Set<vscode.WebviewPanel>();

function script(name: string): string {
  return readFileSync(join(__dirname, `${name}.js`), 'utf8').replaceAll('</script', '<\\/script');
}

/** Each baseline in an editor column of its own, so that all stay visible while they are measured in turns. */
function open(
  title: string,
  column: vscode.ViewColumn,
  body: (nonce: string) => string,
  create: typeof vscode.window.createWebviewPanel = vscode.window.createWebviewPanel,
): vscode.WebviewPanel {
  const panel = create('componentHost.benchBaseline', title, { viewColumn: column, preserveFocus: true }, { enableScripts: true });
  panels.add(panel);
  panel.onDidDispose(() => panels.delete(panel));
  const nonce = Math.random().toString(36).slice(2);
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'"></head>
<body>${body(nonce)}</body></html>`;
  return panel;
}

/** A sandboxed nested frame (opaque origin, like a component's) whose document is the given script. */
function nestedFrame(nonce: string, name: string): string {
  const frame = `<!DOCTYPE html><html><body><script nonce="${nonce}">${script(name)}</script></body></html>`;
  return `<iframe id="relay" sandbox="allow-scripts" srcdoc="${frame.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"></iframe>`;
}

hostProbe('bench.openRawPanel', async () => {
  // Created by the extension itself, so that typed arrays cross as buffers, as they do for its own view.
  const create = (await extensionApi()).testing?.createWebviewPanel;
  const raw = open(
    'Raw postMessage baseline',
    vscode.ViewColumn.One,
    (nonce) =>
      `<div id="raw-baseline">raw</div>${nestedFrame(nonce, 'bench-raw-relay-frame')}<script nonce="${nonce}">${script('bench-raw')}</script>`,
    create,
  );
  // A message that asks for bytes gets them back (the baseline of a table sent to a component): a fresh copy each time.
  raw.webview.onDidReceiveMessage((m: unknown) => {
    const want = (m as { wantBytes?: unknown } | null)?.wantBytes;
    const size = typeof want === 'number' && want > 0 && want <= 64 * 1024 * 1024 ? want : 0;
    void raw.webview.postMessage(size ? { ...(m as object), bytes: new Uint8Array(size).fill(7) } : m);
  });
  return true;
});

const echo: RequestType<{ text: string }, { text: string; receivedAt: number }> = { method: 'echo' };

hostProbe('bench.openMessengerPanel', () => {
  const messenger = new Messenger();
  const view = open(
    'vscode-messenger baseline',
    vscode.ViewColumn.Two,
    (nonce) => `<div id="messenger-baseline">vscode-messenger</div><script nonce="${nonce}">${script('bench-messenger')}</script>`,
  );
  messenger.registerWebviewPanel(view);
  messenger.onRequest(echo, ({ text }) => ({ text, receivedAt: Date.now() }));
  return true;
});

hostProbe('bench.openTypedPanel', () => {
  const view = open(
    'Typed channel in a bare panel',
    vscode.ViewColumn.Three,
    (nonce) =>
      `<div id="typed-baseline">typed</div>${nestedFrame(nonce, 'bench-typed-relay-frame')}<script nonce="${nonce}">${script('bench-typed')}</script>`,
  );
  const log = vscode.window.createOutputChannel('Component Host benchmark', { log: true });
  const elsewhere = () => {
    throw new Error('not served in the benchmark panel');
  };
  // Only `ping` is asked for here; everything else a component could ask fails.
  const componentApi = new ComponentApi({
    store: { get: () => undefined, update: elsewhere, keys: () => [] },
    sessionInfo: elsewhere,
    callApi: elsewhere,
    openFile: elsewhere,
    showNotification: elsewhere,
    onEvent: elsewhere,
  });
  const channel = new WebviewChannel(
    view.webview,
    {
      echo: ({ text }) => ({ text, receivedAt: Date.now() }),
      callApi: elsewhere,
      signIn: elsewhere,
      signOut: elsewhere,
      component: (call) => componentApi.handle(call),
      reportIsolation: elsewhere,
      openSource: elsewhere,
      renderSnapshot: elsewhere,
      pickFormFiles: elsewhere,
    },
    log,
    () => undefined,
    () => undefined,
  );
  view.onDidDispose(() => {
    channel.dispose();
    log.dispose();
  });
  return true;
});

hostProbe('bench.closeBaselines', () => {
  for (const panel of [...panels]) panel.dispose();
  return true;
});
