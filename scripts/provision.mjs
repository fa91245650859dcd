// Installs what the end-to-end suite and `npm start` need, on first use, and says what it does:
// Debian's chromium, libkrb5-dev and ripgrep (apt-get, as root), and code-server 4.100.3 (a real
// VS Code build from the npm registry) into .vscode-test/, outside the extension's own dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const root = new URL('..', import.meta.url).pathname;
export const codeServerDir = join(root, '.vscode-test', 'code-server');
export const codeServerBin = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const say = (text) => console.log(`[provision] ${text}`);

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function hasDebianPackage(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Debian packages: chromium (the browser), libkrb5-dev (code-server's kerberos module), ripgrep. */
export function ensureSystemPackages() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  if (!hasDebianPackage('libkrb5-dev')) missing.push('libkrb5-dev');
  if (!hasCommand('rg')) missing.push('ripgrep');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasCommand('apt-get')) {
    throw new Error(
      `Missing system packages: ${missing.join(', ')}. Install them first, e.g.\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  say(`installing Debian packages with apt-get: ${missing.join(' ')} (first run only)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

/** code-server's postinstall wants a ripgrep release download; seed its cache from Debian's rg. */
function seedRipgrepCache() {
  const cache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(archive)) return;
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  mkdirSync(join(cache, 'x'), { recursive: true });
  copyFileSync(rg, join(cache, 'x', 'rg'));
  execFileSync('tar', ['czf', archive, '-C', join(cache, 'x'), 'rg']);
}

export function ensureCodeServer() {
  if (existsSync(codeServerBin)) return;
  say(`installing code-server ${CODE_SERVER_VERSION} (a real VS Code build) into .vscode-test/code-server (first run only, ~1-2 min)`);
  mkdirSync(codeServerDir, { recursive: true });
  // npm 11 asks for install scripts to be approved: code-server's postinstall builds VS Code's native
  // modules and argon2's builds its binding; both must run. (npm >= 7 runs scripts as root without
  // `unsafe-perm`, which it no longer knows and would only warn about.)
  const manifest = { name: 'component-host-test-bed', private: true, allowScripts: { 'code-server': true, argon2: true } };
  writeFileSync(join(codeServerDir, 'package.json'), JSON.stringify(manifest, null, 2));
  seedRipgrepCache();
  const env = {
    ...process.env,
    // node-pty's postinstall runs `npx node-gyp`, which would otherwise ask before installing it.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0 || !existsSync(codeServerBin))
    throw new Error(`installing code-server ${CODE_SERVER_VERSION} failed (exit ${r.status})`);
  say('code-server installed');
}

export function provision() {
  ensureSystemPackages();
  ensureCodeServer();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    provision();
    say('ready');
  } catch (err) {
    console.error(`[provision] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
