// Installs what the end-to-end suite and `npm start` need, on first use, and says what it does:
// Debian's chromium, libkrb5-dev and ripgrep (apt-get, as root), and into .vscode-test/ (outside the
// extension's own dependencies) the VS Code builds of scripts/vscode-builds.json: code-server 4.100.3
// (VS Code 1.100, runs on this Node 20) and code-server 4.139 (VS Code 1.139) with the Node 24 it
// needs, itself an npm registry package. `node scripts/provision.mjs [build…]` installs some only.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { buildNames, vscodeBuild } from './vscodeBuilds.mjs';

/** The build `npm start` opens. */
export const startBuild = vscodeBuild('oldest');
export const codeServerBin = startBuild.entry;
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

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quietNpm = { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

/** What an outer `npm test` exports about its own run (user settings such as npm_config_registry stay). */
const outerRunVariables =
  /^(npm_config_user_agent|npm_config_local_prefix|npm_config_npm_version|npm_(node_)?execpath|npm_command|npm_package_\w+|npm_lifecycle_\w+|NODE)$/i;

/**
 * The environment for an inner npm: the outer run's npm_config_user_agent ("… node/v20 …") would reach
 * its scripts, and code-server 4.139's postinstall takes the Node version from it, refusing v20 even
 * while Node 24 runs the install.
 */
function freshEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !outerRunVariables.test(key)));
}

function installedVersion(dir, pkg) {
  try {
    return JSON.parse(readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function npmInstall(dir, spec, env) {
  mkdirSync(dir, { recursive: true });
  // npm 11 asks for install scripts to be approved: code-server's postinstall builds VS Code's native
  // modules, argon2's builds its binding, node's preinstall picks the platform's binary; all must run.
  const manifest = { name: 'component-host-test-bed', private: true, allowScripts: { 'code-server': true, argon2: true, node: true } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const r = spawnSync(npm, ['install', '--no-save', '--no-package-lock', spec], { cwd: dir, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`npm install ${spec} in ${dir} failed (exit ${r.status})`);
}

/** A Node that code-server needs and this machine lacks: the `node` package of the npm registry. */
function ensureNode(build) {
  if (!build.node || installedVersion(build.nodeDir, 'node') === build.node.version) return;
  say(
    `installing Node ${build.node.version} (npm package "node") into .vscode-test/${build.node.folder} for code-server ${build.codeServer} (first run only, ~10 s)`,
  );
  npmInstall(build.nodeDir, `node@${build.node.version}`, { ...freshEnv(), ...quietNpm });
  const version = execFileSync(build.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${build.node.version}`) throw new Error(`${build.nodeBin} reports ${version}, expected v${build.node.version}`);
}

export function ensureCodeServer(build) {
  ensureNode(build);
  if (installedVersion(build.dir, 'code-server') === build.codeServer && existsSync(build.entry)) return;
  say(
    `installing code-server ${build.codeServer} (VS Code ${build.vscode}, ${build.label}) into .vscode-test/${build.folder} ` +
      `(first run only, ${build.node ? `~3 min, with Node ${build.node.version}` : '~1-2 min'})`,
  );
  seedRipgrepCache();
  // code-server's postinstall refuses to run as root without npm_config_unsafe_perm (npm 11 itself no
  // longer knows it and would warn, hence log level error); node-pty's postinstall runs `npx node-gyp`,
  // which would otherwise ask before installing it.
  const env = { ...freshEnv(), ...quietNpm, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_loglevel: 'error' };
  if (build.node) {
    // npm's scripts (node-gyp builds of code-server's native modules) run on that Node, against its headers.
    env.PATH = `${join(build.nodeHome, 'bin')}${delimiter}${process.env.PATH ?? ''}`;
    env.npm_config_nodedir = build.nodeHome;
  }
  npmInstall(build.dir, `code-server@${build.codeServer}`, env);
  if (!existsSync(build.entry)) throw new Error(`installing code-server ${build.codeServer} left no ${build.entry}`);
  say(`code-server ${build.codeServer} installed`);
}

/** `code-server --version`, run as the suite runs it: "4.139.1 <commit> with Code 1.139.1". */
export function codeServerVersion(build) {
  const out = execFileSync(build.nodeBin, [build.entry, '--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.trim().split('\n')[0];
}

export function provision(builds = buildNames) {
  ensureSystemPackages();
  for (const name of builds) ensureCodeServer(vscodeBuild(name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const builds = process.argv.slice(2);
    provision(builds.length ? builds : buildNames);
    for (const name of builds.length ? builds : buildNames) say(`${name}: code-server ${codeServerVersion(vscodeBuild(name))}`);
    say('ready');
  } catch (err) {
    console.error(`[provision] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
