/**
 * The manifest and the README stay true to the code: every command is contributed with the
 * "Component Host" category and an icon, every registered command is contributed (or explicitly
 * internal), nothing activates at start-up, and the README documents every command and setting.
 * Every user-facing manifest string comes from package.nls.json; the Marketplace fields and icon are there.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const nlsTable = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** The manifest as VS Code shows it in English: every `%key%` replaced from package.nls.json. */
const manifest = JSON.parse(manifestText, (_key, value: unknown) =>
  typeof value === 'string' && /^%[\w.]+%$/.test(value) ? (nlsTable[value.slice(1, -1)] ?? value) : value,
) as Manifest;
const rawManifest = JSON.parse(manifestText) as Manifest & Record<string, unknown>;
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
  'componentHost.apps.folders', // only which files Select App lists; they run only when trusted
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

test('every user-facing manifest string is a %key% of package.nls.json, and every key is used', () => {
  const raw = rawManifest;
  const strings: [string, unknown][] = [
    ['displayName', raw.displayName],
    ['description', raw.description],
    ...raw.contributes.commands.flatMap((c): [string, unknown][] => [
      [`${c.command} title`, c.title],
      [`${c.command} category`, c.category],
    ]),
    ...Object.entries(raw.contributes.configuration.properties).map(([k, v]): [string, unknown] => [
      k,
      v.markdownDescription ?? v.description,
    ]),
  ];
  const contributes = raw.contributes as unknown as {
    viewsContainers: { activitybar: { title: string }[] };
    views: Record<string, { name: string; contextualTitle: string }[]>;
    walkthroughs: { title: string; description: string; steps: { title: string; description: string }[] }[];
    configuration: { title: string };
    authentication: { label: string }[];
  };
  strings.push(['configuration title', contributes.configuration.title]);
  for (const v of contributes.viewsContainers.activitybar) strings.push(['view container', v.title]);
  for (const v of Object.values(contributes.views).flat()) strings.push(['view name', v.name], ['view title', v.contextualTitle]);
  for (const a of contributes.authentication) strings.push(['authentication label', a.label]);
  for (const w of contributes.walkthroughs) {
    strings.push(['walkthrough title', w.title], ['walkthrough description', w.description]);
    for (const step of w.steps) strings.push(['step title', step.title], ['step description', step.description]);
  }
  for (const [where, value] of strings) {
    assert.match(String(value), /^%[\w.]+%$/, `${where} is a %key%`);
    assert.ok(String(value).slice(1, -1) in nlsTable, `${where}: ${String(value)} is in package.nls.json`);
  }
  const used = new Set([...manifestText.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]));
  for (const key of Object.keys(nlsTable)) assert.ok(used.has(key), `package.nls.json key ${key} is used`);
});

test('ready for the Marketplace: repository, bugs, homepage, gallery banner, l10n folder and a 128×128 PNG icon', () => {
  const raw = rawManifest as unknown as {
    repository: { url: string };
    bugs: { url: string };
    homepage: string;
    galleryBanner: { color: string; theme: string };
    icon: string;
    l10n: string;
  };
  assert.match(raw.repository.url, /^https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
  assert.match(raw.bugs.url, /^https:\/\/github\.com\/.+\/issues$/);
  assert.match(raw.homepage, /^https:\/\//);
  assert.match(raw.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(raw.galleryBanner.theme));
  assert.equal(raw.l10n, './l10n');
  const png = readFileSync(join(root, raw.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  const packageScript = readFileSync(join(root, 'scripts', 'package.mjs'), 'utf8');
  assert.doesNotMatch(packageScript, /allow-missing-repository|no-rewrite-relative-links/);
});

test('the l10n bundles are current: every vscode.l10n.t message of src/ is in them, and the pseudo-locale covers all', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'l10n.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const english = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  const pseudo = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.qps-ploc.json'), 'utf8')) as Record<string, string>;
  assert.ok(Object.keys(english).length > 20);
  assert.deepEqual(Object.keys(pseudo), Object.keys(english));
  // vscode.l10n.t treats any {…} as a placeholder: literal braces would swallow the arguments next to them.
  for (const message of Object.keys(english)) assert.doesNotMatch(message.replace(/\{\d+\}/g, ''), /[{}]/, message);
  for (const dir of ['auth', 'server', 'components']) {
    const calls = sourceFiles(join(root, 'src', dir)).filter((f) => readFileSync(f, 'utf8').includes('vscode.l10n.t('));
    assert.ok(calls.length > 0, `src/${dir} localizes its messages`);
  }
});
