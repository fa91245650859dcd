/**
 * Serves component front ends to the component iframes, as Streamlit's server does. A component
 * frame cannot load from the webview's resource URLs (those are served by the webview's service
 * worker, which does not control a sandboxed child frame's navigation), and it needs a CSP of its
 * own (streamlit-component-lib injects a <style> for the theme). So: a loopback HTTP server in the
 * extension host, reached by the browser through vscode.env.asExternalUri (code-server: /proxy/<port>/,
 * remote set-ups: port forwarding). Read-only, registered roots only, Host header checked.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The frame's own policy: its scripts and styles (inline styles too, for Streamlit's theme), no network. */
export function componentCsp(self: string, scriptExtra = ''): string {
  return [
    `default-src 'none'`,
    `script-src ${self}${scriptExtra}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `font-src ${self} data:`,
    `connect-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

export class ComponentServer {
  private server: Server | undefined;
  private readonly roots = new Map<string, string>();
  /** Extra script sources per root (the v2 runtime imports a component's module from a blob: URL). */
  private readonly scriptExtras = new Map<string, string>();
  private readonly allowedHosts = new Set<string>();
  /** The URL prefix the browser uses (set once asExternalUri has mapped our port). */
  private externalBase = '';
  port = 0;

  register(name: string, root: string, options: { allowBlobModules?: boolean } = {}): void {
    if (!/^[\w.-]{1,100}$/.test(name)) throw new Error(`invalid component name "${name}"`);
    this.roots.set(name, realpathSync(root));
    if (options.allowBlobModules) this.scriptExtras.set(name, ' blob:');
  }

  async start(): Promise<number> {
    if (this.server) return this.port;
    const server = createServer((req, res) => {
      const host = (req.headers.host ?? '').toLowerCase();
      if (!this.allowedHosts.has(host) && host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) {
        return void res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden host');
      }
      const match = /^\/c\/([\w.-]{1,100})\/([^?#]*)/.exec(req.url ?? '');
      const root = match ? this.roots.get(match[1]!) : undefined;
      if (req.method !== 'GET' || !match || !root) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      let file: string;
      try {
        file = realpathSync(resolve(root, decodeURIComponent(match[2] || 'index.html')));
        if (!file.startsWith(root + sep) || !statSync(file).isFile()) throw new Error('outside');
      } catch {
        return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
      const self = this.externalBase ? `${this.externalBase}c/${match[1]}/` : `http://127.0.0.1:${this.port}/c/${match[1]}/`;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': componentCsp(self, this.scriptExtras.get(match[1]!)),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
        'cross-origin-resource-policy': 'cross-origin',
      });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  /** What the browser will call us: allow that Host header and use it in the CSP. */
  setExternalBase(base: string): void {
    this.externalBase = base.endsWith('/') ? base : `${base}/`;
    this.allowedHosts.add(new URL(this.externalBase).host.toLowerCase());
  }

  urlFor(name: string, file = 'index.html'): string {
    return `${this.externalBase || `http://127.0.0.1:${this.port}/`}c/${name}/${file}`;
  }

  dispose(): void {
    this.server?.closeAllConnections();
    this.server?.close();
    this.server = undefined;
  }
}
