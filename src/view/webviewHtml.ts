import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A fresh nonce per document: the only way a script or style may run in the webview. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The webview document. Its CSP allows only our nonce'd script and our own files: no
 * `unsafe-inline`, no `unsafe-eval`, no network (`connect-src 'none'`: the webview talks to the
 * host by messages only, which is what makes it work when the host is remote). The chunks that
 * main.js loads with `import()` (dist/webview/chunks/, webview/lazy.tsx) need nothing more: a module
 * script's imports, static and dynamic, are fetched with its nonce (checked in app.e2e.test.ts).
 */
export function renderWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, componentOrigins: readonly string[] = []): string {
  const nonce = createNonce();
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    // Component frames load from the extension host's component server, as the browser reaches it.
    `frame-src ${[webview.cspSource, ...componentOrigins].join(' ')}`,
    `connect-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${asset('dist', 'codicons', 'codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" nonce="${nonce}" href="${asset('media', 'webview.css')}">
<title>Component Host</title>
</head>
<body>
<div id="root" data-nonce="${nonce}"><p class="boot">Loading Component Host…</p></div>
<script type="module" nonce="${nonce}" src="${asset('dist', 'webview', 'main.js')}"></script>
</body>
</html>`;
}
