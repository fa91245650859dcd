// `npm start [-- <folder>]`: build, provision (first run only), then VS Code in the browser
// (code-server) with the extension loaded from this folder, on <folder> (default: the sample
// workspace). The extension itself starts the API server and the embedded development identity
// provider. Ctrl-C stops everything.
//
// code-server's own output goes to a log file, not the console: it prints a bare URL of its own that
// opens VS Code without the extension. The one URL worth opening is printed once, last.
// Environment: PORT (default: a free one), COMPONENT_HOST_START_DIR (user data; default .vscode-test/start).
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { provision, codeServerBin, startBuild } from './provision.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const stateDir = process.env.COMPONENT_HOST_START_DIR || join(root, '.vscode-test', 'start');
// npm runs scripts from the package folder; INIT_CWD is where `npm start` was typed.
const folderArg = process.argv.slice(2).find((a) => !a.startsWith('-'));
const workspace = folderArg ? resolve(process.env.INIT_CWD ?? process.cwd(), folderArg) : join(root, 'examples', 'workspace');
if (!existsSync(workspace) || !statSync(workspace).isDirectory()) {
  console.error(`npm start: ${workspace} is not a folder (usage: npm start -- <folder>)`);
  process.exit(2);
}
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
const logFile = join(stateDir, 'code-server.log');
const log = createWriteStream(logFile);
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
child.stdout.pipe(log);
child.stderr.pipe(log);
const shownLog = relative(process.cwd(), logFile) || logFile;

let stopping = false;
child.on('exit', (code, signal) => {
  if (!stopping) {
    log.end();
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    console.error(`\ncode-server stopped unexpectedly (${signal ?? `exit ${code}`}). The end of ${shownLog}:\n${tail}`);
    process.exit(code || 1);
  }
  console.log('Stopped.');
  process.exit(0);
});
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

let healthy = false;
for (let i = 0; i < 300 && !healthy && !stopping; i++) {
  healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (!healthy) await new Promise((r) => setTimeout(r, 200));
}
if (!healthy) {
  if (!stopping) console.error(`code-server did not answer within 60 s; see ${shownLog}`);
  stop();
} else {
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]]);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  console.log(
    [
      '',
      'Component Host is running in VS Code for the browser.',
      '- VS Code asks whether you trust the authors of the sample workspace: "Yes, I trust the authors" lets',
      '  its apps (examples/workspace/apps) run; the built-in demo runs either way.',
      '- Then click the Component Host icon in the activity bar. Ctrl-C stops everything.',
      `- code-server's own log: ${shownLog}`,
      '',
      'Open this URL (the one with the extension loaded):',
      '',
      `  ${url}`,
      '',
    ].join('\n'),
  );
}
