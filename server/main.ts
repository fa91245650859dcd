/**
 * The API server process. Binds to loopback only, prints one JSON line with its port once it listens
 * (the supervisor reads it), and shuts down cleanly on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { configFromEnv } from './config';

const config = configFromEnv(process.env);
const { handle, setPort } = createApp(config);
// node:http directly: express 5's app.listen hands listen errors to the callback, we want 'error'.
const server = createServer(handle);
server.listen(config.port, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  setPort(port);
  process.stdout.write(`${JSON.stringify({ event: 'listening', port })}\n`);
  console.log(
    `API server on http://127.0.0.1:${port} (issuer: ${config.issuerBaseUrl ?? 'none: protected routes answer 503'}, audience: ${config.audience})`,
  );
});
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`API server could not listen on port ${config.port}: ${err.code ?? err.message}`);
  process.exit(2);
});
server.headersTimeout = 10_000;
server.requestTimeout = 15_000;

const shutdown = (): void => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The supervisor owns this process: when it goes away (its pipe closes), so do we.
process.on('disconnect', shutdown);
