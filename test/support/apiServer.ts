import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../server/app';
import type { ServerConfig } from '../../server/config';

/** The API server in-process on a free loopback port, for HTTP tests. */
export async function startApiServer(overrides: Partial<ServerConfig> = {}): Promise<{ base: string; port: number; close(): Promise<void> }> {
  const config: ServerConfig = { port: 0, issuerBaseUrl: undefined, audience: 'https://component-host.local/api', requiredScope: 'read:pong', extraAllowedHosts: [], ...overrides };
  const { app, setPort } = createApp(config);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  setPort(port);
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
