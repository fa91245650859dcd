/**
 * Which components exist and where the browser loads them from. Built-in components ship in the
 * extension; an app can also name a folder of its workspace (trusted workspaces only).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_V2_SOURCE_CHARS } from '../../protocol';
import type { SourceRef } from '../app/componentsV2';
import type { ComponentSource } from '../app/st';
import { ComponentServer } from './componentServer';

type SourceFileRef = Exclude<SourceRef, string>;

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
  private starting: Promise<void> | undefined;
  /** Component name → its development server, as the browser reaches it. */
  private devServers = new Map<string, string>();
  /** Origins frames load from, as the browser sees them (for the webview's frame-src). */
  frameOrigins: string[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Start the file server and learn its external address (once). */
  ready(): Promise<void> {
    this.starting ??= (async () => {
      const port = await this.server.start();
      this.server.register('component-host', vscode.Uri.joinPath(this.extensionUri, 'dist', 'component').fsPath);
      // The document every v2 component instance is mounted in (its module is imported from a blob: URL).
      this.server.register('v2-runtime', vscode.Uri.joinPath(this.extensionUri, 'dist', 'v2runtime').fsPath, { allowBlobModules: true });
      const external = await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${port}/`));
      const base = external.toString(true);
      this.server.setExternalBase(base);
      await this.resolveDevServers();
      this.frameOrigins = [...new Set([new URL(base).origin, ...[...this.devServers.values()].map((u) => new URL(u).origin)])];
    })();
    return this.starting;
  }

  /**
   * `componentHost.components.devServers` maps a component name to a development server on the
   * extension host's side (e.g. http://localhost:3001). The browser may not reach that machine's
   * loopback, so each URL goes through asExternalUri (code-server: /proxy/<port>/; Remote-SSH and
   * Codespaces: a forwarded port).
   */
  private async resolveDevServers(): Promise<void> {
    const configured = vscode.workspace.getConfiguration('componentHost.components').get<Record<string, string>>('devServers', {});
    const resolved = new Map<string, string>();
    for (const [name, url] of Object.entries(configured)) {
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) continue;
      const parsed = new URL(url);
      const mapped = (await vscode.env.asExternalUri(vscode.Uri.parse(`${parsed.protocol}//${parsed.host}/`))).toString(true);
      resolved.set(
        name,
        new URL(`${parsed.pathname.replace(/^\//, '')}${parsed.search}`, mapped.endsWith('/') ? mapped : `${mapped}/`).toString(),
      );
    }
    this.devServers = resolved;
  }

  /** Settings changed: resolve again on the next ready(). */
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
      if (!root.startsWith(folder + path.sep)) {
        throw new Error(vscode.l10n.t('component "{0}": {1} is outside the workspace.', name, source.path));
      }
      const served = `ws.${name}`;
      try {
        this.server.register(served, root);
      } catch (err) {
        throw new Error(
          vscode.l10n.t('component "{0}": {1} cannot be served ({2})', name, source.path, err instanceof Error ? err.message : String(err)),
          {
            cause: err,
          },
        );
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
      if (!file.startsWith(base + path.sep)) {
        throw new Error(vscode.l10n.t('component "{0}": {1} is outside the extension.', name, ref.extensionFile));
      }
      return readSourceFile(name, file, ref.extensionFile);
    }
    if (!vscode.workspace.isTrusted) {
      throw new Error(vscode.l10n.t('component "{0}": component files from the workspace load only in a trusted workspace.', name));
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) throw new Error(vscode.l10n.t('component "{0}": {1} needs an open workspace folder.', name, '{ path }'));
    const file = path.resolve(folder, ref.path);
    if (!file.startsWith(folder + path.sep)) {
      throw new Error(vscode.l10n.t('component "{0}": {1} is outside the workspace.', name, ref.path));
    }
    return readSourceFile(name, file, ref.path);
  }

  dispose(): void {
    this.server.dispose();
  }
}
