/**
 * Webviews on a site of their own, as vscode.dev serves them. code-server serves a webview from the
 * workbench's own origin, so Chromium runs it in the workbench's renderer process and the two share
 * one main thread; desktop VS Code (`vscode-webview://`) and vscode.dev (`https://<hash>.vscode-cdn.net`)
 * give webviews a process of their own. This puts code-server's webview files behind
 * `https://<hash>.vscode-cdn.net` (a host-resolver rule sends that name to a local TLS proxy in front of
 * code-server), the origin code-server's own CSP already allows in `frame-src`, and VS Code's webview
 * host page checks the hash as it does on vscode.dev.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { forward } from './pathProxy';

export interface WebviewSite {
  /** Chromium flags that resolve *.vscode-cdn.net to the proxy. */
  readonly chromiumArgs: string[];
  /** Makes the workbench load its webviews from the site (before the page's first script). */
  configure(page: Page): Promise<void>;
  close(): Promise<void>;
}

/** Starts the TLS proxy (a throwaway self-signed certificate in `dir`) in front of code-server at `target`. */
export async function startWebviewSite(target: { host: string; port: number }, dir: string): Promise<WebviewSite> {
  const key = join(dir, 'webview-site.key');
  const cert = join(dir, 'webview-site.crt');
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'],
        ...['-keyout', key, '-out', cert, '-subj', '/CN=vscode-cdn.net', '-addext', 'subjectAltName=DNS:*.vscode-cdn.net'],
      ],
      { stdio: 'ignore' },
    );
  } catch (err) {
    throw new Error(`webviews on their own site need a certificate made by openssl (the system's), which failed: ${String(err)}`, {
      cause: err,
    });
  }
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) =>
    forward(req, res, { ...target, path: req.url, headers: { ...req.headers, host: `${target.host}:${target.port}` } }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // The certificate is self-signed: Chromium must ignore that for the webview's service worker too.
    chromiumArgs: [`--host-resolver-rules=MAP *.vscode-cdn.net 127.0.0.1:${port}`, '--ignore-certificate-errors'],
    configure: async (page) => {
      // The workbench reads its configuration from a meta attribute: drop code-server's same-origin
      // endpoint and name the product's template instead, as vscode.dev's product does.
      await page.addInitScript(() => {
        const getAttribute = Element.prototype.getAttribute;
        Element.prototype.getAttribute = function (this: Element, name: string): string | null {
          const value = getAttribute.call(this, name);
          if (this.id !== 'vscode-workbench-web-configuration' || name !== 'data-settings' || !value) return value;
          const config = JSON.parse(value) as { webviewEndpoint?: string; productConfiguration?: Record<string, unknown> };
          const path = new URL(config.webviewEndpoint ?? '', location.href).pathname;
          delete config.webviewEndpoint;
          config.productConfiguration = {
            ...config.productConfiguration,
            webviewContentExternalBaseUrlTemplate: `https://{{uuid}}.vscode-cdn.net${path}/`,
          };
          return JSON.stringify(config);
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
