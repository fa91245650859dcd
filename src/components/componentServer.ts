/**
 * Serves component front ends to the component iframes, as Streamlit's server does. A component
 * frame cannot load from the webview's resource URLs (those are served by the webview's service
 * worker, which does not control a sandboxed child frame's navigation), and it needs a CSP of its
 * own (streamlit-component-lib injects a <style> for the theme). So: a loopback HTTP server in the
 * extension host, reached by the browser through vscode.env.asExternalUri (code-server: /proxy/<port>/,
 * remote set-ups: port forwarding). Read-only, registered roots only, Host header checked.
 *
 * Every URL carries a random prefix (`/c/<secret>/<name>/…`) that only the webview is given, so no
 * other page can load a component's files even on a guessed port. Only the file types a built
 * front end needs are served, never a dotfile (`.env`, `.git/`), and a file that cannot be opened
 * or read is a 404 or a dropped response, never an unhandled stream error.
 */
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isInside } from '../util/paths';
import { extname, relative, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** A path with a segment that starts with a dot (`.env`, `.git/config`, `..`) is never served. */
const hasDotSegment = (path: string): boolean => path.split(/[/\\]/).some((segment) => segment.startsWith('.'));

/**
 * The frame's own policy: its scripts and styles (inline styles too, for Streamlit's theme), no
 * network. `'unsafe-eval'` because apache-arrow's builders compile code with `new Function`, so a
 * component that builds a table to send back breaks without it (Streamlit sends no CSP at all); the
 * frame's isolation is the sandbox (an opaque origin) and `connect-src 'none'`, not a ban on eval in
 * code that already runs there (docs/decisions.md).
 */
export function componentCsp(self: string, scriptExtra = ''): string {
  return [
    `default-src 'none'`,
    `script-src ${self} 'unsafe-eval'${scriptExtra}`,
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
  /** Part of every URL: only the webview learns it. */
  private readonly secret = randomBytes(18).toString('base64url');
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
      void this.serve(req.method, req.url ?? '', res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  private async serve(method: string | undefined, url: string, res: ServerResponse): Promise<void> {
    const notFound = () => void (res.headersSent ? res.destroy() : res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'));
    const match = new RegExp(`^/c/${this.secret}/([\\w.-]{1,100})/([^?#]*)`).exec(url);
    const name = match?.[1];
    const root = name ? this.roots.get(name) : undefined;
    if (method !== 'GET' || !match || !name || !root) return notFound();
    let wanted: string;
    try {
      wanted = decodeURIComponent(match[2] || 'index.html');
    } catch {
      return notFound();
    }
    const type = TYPES[extname(wanted).toLowerCase()];
    if (!type || hasDotSegment(wanted)) return notFound();
    let handle: FileHandle | undefined;
    try {
      const file = await realpath(resolve(root, wanted));
      // Containment and the rules again on the real path: a symlink must not lead out or to a dotfile.
      if (!isInside(root, file) || hasDotSegment(relative(root, file)) || TYPES[extname(file).toLowerCase()] !== type) {
        return notFound();
      }
      handle = await open(file, 'r');
      if (!(await handle.stat()).isFile()) throw new Error('not a file');
    } catch {
      await handle?.close().catch(() => undefined);
      return notFound();
    }
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': componentCsp(this.base(name), this.scriptExtras.get(name)),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      // A component frame is sandboxed without allow-same-origin: its origin is opaque, so its own
      // scripts are cross-origin loads and any narrower policy (same-site, same-origin) blocks them.
      // The secret prefix is what keeps other pages out.
      'cross-origin-resource-policy': 'cross-origin',
      'referrer-policy': 'no-referrer',
    });
    const stream = handle.createReadStream();
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  private base(name: string): string {
    return `${this.externalBase || `http://127.0.0.1:${this.port}/`}c/${this.secret}/${name}/`;
  }

  /** What the browser will call us: allow that Host header and use it in the CSP. */
  setExternalBase(base: string): void {
    this.externalBase = base.endsWith('/') ? base : `${base}/`;
    this.allowedHosts.add(new URL(this.externalBase).host.toLowerCase());
  }

  urlFor(name: string, file = 'index.html'): string {
    return `${this.base(name)}${file}`;
  }

  dispose(): void {
    this.server?.closeAllConnections();
    this.server?.close();
    this.server = undefined;
  }
}
