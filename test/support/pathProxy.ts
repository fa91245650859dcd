/**
 * A stand-in for code-server's `/proxy/<port>/` route (out/node/routes/pathProxy.js + proxy.js):
 * strips the prefix, keeps the browser's Host header, and prefixes path-absolute redirects.
 * Lets unit tests exercise the browser-facing URLs without a code-server.
 */
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestOptions,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PathProxy {
  readonly port: number;
  /** What `asExternalUri(http://127.0.0.1:<port>/...)` returns in code-server. */
  external(loopbackUrl: string): string;
  close(): Promise<void>;
}

export async function startPathProxy(hostname = 'localhost'): Promise<PathProxy> {
  const server: Server = createServer((req, res) => {
    const match = /^\/proxy\/(\d+)(\/.*)?$/.exec(req.url ?? '');
    if (!match?.[1]) {
      res.writeHead(404).end();
      return;
    }
    const base = `/proxy/${match[1]}`;
    forward(req, res, { host: '127.0.0.1', port: Number(match[1]), path: match[2] ?? '/', headers: req.headers }, (headers) => {
      if (headers.location?.startsWith('/')) headers.location = base + headers.location;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    external(loopbackUrl) {
      const url = new URL(loopbackUrl);
      return `http://${hostname}:${port}/proxy/${url.port}${url.pathname}${url.search}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Sends `req` on to `upstream` (its method and body) and its answer back, headers through `rewrite`. */
export function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: RequestOptions,
  rewrite: (headers: IncomingHttpHeaders) => void = () => undefined,
): void {
  const out = request({ ...upstream, method: req.method }, (answer) => {
    const headers = { ...answer.headers };
    rewrite(headers);
    res.writeHead(answer.statusCode ?? 502, headers);
    answer.pipe(res);
  });
  out.on('error', (error) => res.writeHead(502).end(error.message));
  req.pipe(out);
}
