/**
 * The manifest and the README stay true to the code: every command is contributed with the
 * "Component Host" category and an icon, every registered command is contributed (or explicitly
 * internal), nothing activates at start-up, and the README documents every command and setting.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
interface Manifest {
  activationEvents: string[];
  extensionKind: string[];
  engines: { vscode: string };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string; scope?: string }> };
  };
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** Commands used only as a click target inside our own UI (status bar); hidden from the palette. */
const internalCommands = new Set(['componentHost.accountActions']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

test('every command has the Component Host category and a codicon', () => {
  for (const c of manifest.contributes.commands) {
    assert.equal(c.category, 'Component Host', c.command);
    assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, `${c.command} has a codicon`);
  }
});

test('every command the extension registers is contributed, and every contributed one is registered', () => {
  const registered = new Set(
    sourceFiles(join(root, 'src')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/registerCommand\(\s*['"`]([\w.]+)['"`]/g)].map((m) => m[1]!),
    ),
  );
  const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
  assert.ok(registered.size > 0);
  for (const id of registered) if (!internalCommands.has(id)) assert.ok(contributed.has(id), `${id} is registered but not in package.json`);
  for (const id of contributed) assert.ok(registered.has(id), `${id} is in package.json but never registered`);
});

test('activation starts nothing early, and the extension runs where the workspace is', () => {
  for (const event of manifest.activationEvents) assert.ok(!['*', 'onStartupFinished'].includes(event), `eager activation event ${event}`);
  assert.deepEqual(manifest.extensionKind, ['workspace']);
  assert.equal(manifest.engines.vscode, '^1.100.0');
});

test('every setting has a description', () => {
  for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties)) {
    assert.ok((spec.markdownDescription ?? spec.description ?? '').length > 10, `${key} has a description`);
  }
});

test('the README documents every command and every setting', () => {
  for (const c of manifest.contributes.commands) {
    assert.ok(readme.includes(`Component Host: ${c.title}`), `README mentions "Component Host: ${c.title}"`);
  }
  for (const key of Object.keys(manifest.contributes.configuration.properties)) {
    assert.ok(readme.includes(`\`${key}\``), `README documents \`${key}\``);
  }
});

/**
 * Settings a workspace may set in Restricted Mode decide nothing security-relevant: each setting is
 * application or machine scoped (no workspace value at all), listed in restrictedConfigurations (read
 * through readGuardedSetting), or one of these, which only change timing or what the view shows.
 */
const harmlessWorkspaceSettings = new Set([
  'componentHost.app', // workspace apps run only in a trusted workspace (checked in the app host)
  'componentHost.auth0.signInTimeoutSeconds',
  'componentHost.components.readyTimeoutSeconds',
  'componentHost.server.autoStart',
]);

test('every setting that decides where a token goes or what code runs is out of reach of a restricted workspace', () => {
  const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
  for (const key of ['componentHost.server.url', 'componentHost.components.devServers', 'componentHost.server.requiredScope']) {
    assert.ok(restricted.has(key), `${key} is in restrictedConfigurations`);
  }
  for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties)) {
    const unreachable = spec.scope === 'application' || spec.scope === 'machine';
    assert.ok(
      unreachable || restricted.has(key) || harmlessWorkspaceSettings.has(key),
      `${key}: scope it, restrict it, or say why it is harmless`,
    );
  }
  for (const key of restricted) assert.ok(key in manifest.contributes.configuration.properties, `${key} exists`);
  // The code reads each restricted setting through readGuardedSetting, not through VS Code alone.
  const source = sourceFiles(join(root, 'src'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  assert.match(source, /readGuardedSetting<.*>\('componentHost\.components', 'devServers'/);
  assert.match(source, /GUARDED = \{ url: '', port: 0, requiredScope: 'read:pong' \}/);
});
