// `npm start`: build, provision (first run only), then VS Code in the browser (code-server) with the
// extension loaded from this folder and the sample workspace. The extension itself starts the API
// server and the embedded development identity provider. Ctrl-C stops everything.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { provision, codeServerBin, startBuild } from './provision.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const stateDir = join(root, '.vscode-test', 'start');
const workspace = join(root, 'examples', 'workspace');
const requestedPort = Number(process.env.PORT ?? 0);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
// Only the build it opens: 1.139 would load the development extension only with its smoke-test
// driver, which hides notification toasts (docs/decisions.md).
provision([startBuild.name]);

const userDir = join(stateDir, 'user');
mkdirSync(join(userDir, 'User'), { recursive: true });
const settingsFile = join(userDir, 'User', 'settings.json');
if (!existsSync(settingsFile)) {
  writeFileSync(settingsFile, JSON.stringify({ 'workbench.startupEditor': 'none', 'componentHost.server.autoStart': true }, null, 2));
}
const port = requestedPort || (await freePort());
const child = spawn(
  process.execPath,
  [
    codeServerBin,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDir,
    '--extensions-dir',
    join(stateDir, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    workspace,
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
child.stdout.on('data', (d) => process.stdout.write(`[code-server] ${d}`));
child.stderr.on('data', (d) => process.stderr.write(`[code-server] ${d}`));

const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]]);
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
for (let i = 0; i < 300; i++) {
  const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 200));
}
console.log(
  `\nComponent Host is running in VS Code for the browser. Open:\n\n  ${url}\n\nThen click the Component ` +
    `Host icon in the activity bar. Ctrl-C stops everything.\n`,
);

const stop = () => {
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
