import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createApp } from '../../server/app';
import type { ServerConfig } from '../../server/config';

/** The API server in-process on a free loopback port, for HTTP tests. */
export async function startApiServer(
  overrides: Partial<ServerConfig> = {},
): Promise<{ base: string; port: number; fastAnswers(): number; close(): Promise<void> }> {
  const config: ServerConfig = {
    port: 0,
    issuerBaseUrl: undefined,
    audience: 'https://component-host.local/api',
    requiredScope: 'read:pong',
    extraAllowedHosts: [],
    ...overrides,
  };
  const { handle, setPort, fastAnswers } = createApp(config);
  // As server/main.ts serves it: the public routes' fast path, then express.
  const server: Server = await new Promise((resolve) => {
    const s = createServer(handle).listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  setPort(port);
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    fastAnswers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
