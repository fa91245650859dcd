/**
 * Which components exist and where the browser loads them from. Built-in components ship in the
 * extension; an app can also name a folder of its workspace (trusted workspaces only).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_V2_SOURCE_CHARS } from '../../protocol';
import { readGuardedSetting, tellIfWorkspaceSets, tellOnce } from '../config/guardedSettings';
import { isLoopbackHost } from '../server/tokenPolicy';
import { errorMessage } from '../util/errors';
import { externalUrl } from '../util/externalUrl';
import { ComponentServer } from './componentServer';
import { isInside } from '../util/paths';
import type { ComponentSource, SourceFileRef } from './componentSources';

/** Files are read on every run (an edit shows on the next rerun), so keep them small. */
function readSourceFile(name: string, file: string, shown: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      vscode.l10n.t('component "{0}": cannot read {1} ({2})', name, shown, (err as NodeJS.ErrnoException).code ?? String(err)),
      { cause: err },
    );
  }
  if (text.length > MAX_V2_SOURCE_CHARS) {
    throw new Error(
      vscode.l10n.t('component "{0}": {1} is larger than {2} characters; bundle and minify it.', name, shown, MAX_V2_SOURCE_CHARS),
    );
  }
  return text;
}

export class ComponentHosting implements vscode.Disposable {
  private readonly server = new ComponentServer();
  private serving: Promise<string> | undefined;
  private starting: Promise<void> | undefined;
  private readonly watchers: vscode.Disposable[];
  /** Component name → its development server, as the browser reaches it. */
  private devServers = new Map<string, string>();
  /** Origins frames load from, as the browser sees them (for the webview's frame-src). */
  frameOrigins: string[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: { warn(message: string): void } = { warn: () => undefined },
  ) {
    this.watchers = [
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('componentHost.components.devServers') && this.reset()),
    ];
  }

  /** Start the file server and learn its external address (once); resolve the dev servers (again after reset()). */
  ready(): Promise<void> {
    this.serving ??= (async () => {
      const port = await this.server.start();
      this.server.register('component-host', vscode.Uri.joinPath(this.extensionUri, 'dist', 'component').fsPath);
      // The document every v2 component instance is mounted in (its module is imported from a blob: URL).
      this.server.register('v2-runtime', vscode.Uri.joinPath(this.extensionUri, 'dist', 'v2runtime').fsPath, { allowBlobModules: true });
      const base = await externalUrl(`http://127.0.0.1:${port}/`);
      this.server.setExternalBase(base);
      return new URL(base).origin;
    })();
    this.starting ??= this.serving.then(async (origin) => {
      await this.resolveDevServers();
      this.frameOrigins = [...new Set([origin, ...[...this.devServers.values()].map((u) => new URL(u).origin)])];
    });
    return this.starting;
  }

  /**
   * `componentHost.components.devServers` maps a component name to a development server on the
   * extension host's side (e.g. http://localhost:3001). The browser may not reach that machine's
   * loopback, so each URL goes through asExternalUri (code-server: /proxy/<port>/; Remote-SSH and
   * Codespaces: a forwarded port). The setting decides what code runs in a frame, so a workspace's
   * value counts only in a trusted workspace, and only servers on this machine's loopback are used.
   */
  private async resolveDevServers(): Promise<void> {
    const configured = readGuardedSetting<Record<string, unknown>>('componentHost.components', 'devServers', {});
    void tellIfWorkspaceSets(['componentHost.components.devServers'], this.log);
    const resolved = new Map<string, string>();
    for (const [name, url] of Object.entries(configured ?? {})) {
      const parsed = typeof url === 'string' && URL.canParse(url) ? new URL(url) : undefined;
      if (!parsed || !/^https?:$/.test(parsed.protocol) || !isLoopbackHost(parsed.hostname)) {
        tellOnce(
          `componentHost.components.devServers: "${name}" is not an http(s) URL on this machine's loopback ` +
            "(localhost, 127.0.0.1, [::1]), so the component's own files are used.",
          this.log,
        );
        continue;
      }
      resolved.set(name, await externalUrl(parsed.toString()));
    }
    this.devServers = resolved;
  }

  /** Settings or trust changed: resolve the dev servers again on the next ready(). */
  reset(): void {
    this.starting = undefined;
  }

  /** Synchronous for the `st` API: `ready()` has been awaited before every run. */
  url(name: string, source: ComponentSource): string {
    const dev = this.devServers.get(name);
    if (dev) return dev;
    if (source.url) {
      throw new Error(
        vscode.l10n.t(
          // Braces are placeholders to vscode.l10n.t: the setting's JSON goes in as an argument.
          'component "{0}": point it at a development server with the setting {1} ({2}), so it can be forwarded to the browser.',
          name,
          'componentHost.components.devServers',
          `{ "${name}": "${source.url}" }`,
        ),
      );
    }
    if (source.path) {
      if (!vscode.workspace.isTrusted) {
        throw new Error(vscode.l10n.t('component "{0}": components from the workspace load only in a trusted workspace.', name));
      }
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (!folder) throw new Error(vscode.l10n.t('component "{0}": {1} needs an open workspace folder.', name, '{ path }'));
      const root = path.resolve(folder, source.path);
      if (!isInside(folder, root)) throw new Error(vscode.l10n.t('component "{0}": {1} is outside the workspace.', name, source.path));
      const served = `ws.${name}`;
      try {
        this.server.register(served, root);
      } catch (err) {
        throw new Error(vscode.l10n.t('component "{0}": {1} cannot be served ({2})', name, source.path, errorMessage(err)), { cause: err });
      }
      return this.server.urlFor(served);
    }
    if (name === 'component-host') return this.server.urlFor('component-host');
    throw new Error(
      vscode.l10n.t('unknown component "{0}": give it a {1} to its built files, or use a built-in one (component-host).', name, '{ path }'),
    );
  }

  /** Synchronous for the `st` API, like url(). */
  v2RuntimeUrl(): string {
    return this.server.urlFor('v2-runtime');
  }

  /**
   * The text of a v2 component's html, css or js file: a workspace file (trusted workspaces only,
   * inside the workspace folder) or, for the built-in apps, a file of the extension.
   */
  readSource(name: string, ref: SourceFileRef): string {
    if ('extensionFile' in ref) {
      const base = this.extensionUri.fsPath;
      const file = path.resolve(base, ref.extensionFile);
      if (!isInside(base, file)) throw new Error(vscode.l10n.t('component "{0}": {1} is outside the extension.', name, ref.extensionFile));
      return readSourceFile(name, file, ref.extensionFile);
    }
    if (!vscode.workspace.isTrusted) {
      throw new Error(vscode.l10n.t('component "{0}": component files from the workspace load only in a trusted workspace.', name));
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) throw new Error(vscode.l10n.t('component "{0}": {1} needs an open workspace folder.', name, '{ path }'));
    const file = path.resolve(folder, ref.path);
    if (!isInside(folder, file)) throw new Error(vscode.l10n.t('component "{0}": {1} is outside the workspace.', name, ref.path));
    return readSourceFile(name, file, ref.path);
  }

  dispose(): void {
    for (const w of this.watchers) w.dispose();
    this.server.dispose();
  }
}
