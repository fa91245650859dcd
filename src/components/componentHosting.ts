/**
 * Which components exist and where the browser loads them from. Built-in components ship in the
 * extension; an app can also name a folder of its workspace (trusted workspaces only).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComponentSource } from '../app/st';
import { ComponentServer } from './componentServer';

export class ComponentHosting implements vscode.Disposable {
  private readonly server = new ComponentServer();
  private starting: Promise<void> | undefined;
  /** Origin of the component server as the browser sees it (for the webview's frame-src). */
  frameOrigin = '';

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Start the file server and learn its external address (once). */
  ready(): Promise<void> {
    this.starting ??= (async () => {
      const port = await this.server.start();
      this.server.register('component-host', vscode.Uri.joinPath(this.extensionUri, 'dist', 'component').fsPath);
      const external = await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${port}/`));
      const base = external.toString(true);
      this.server.setExternalBase(base);
      this.frameOrigin = new URL(base).origin;
    })();
    return this.starting;
  }

  /** Synchronous for the `st` API: `ready()` has been awaited before every run. */
  url(name: string, source: ComponentSource): string {
    if (source.url) throw new Error(`component "${name}": development-server URLs are not supported yet; build the component and use { path }.`);
    if (source.path) {
      if (!vscode.workspace.isTrusted) throw new Error(`component "${name}": components from the workspace load only in a trusted workspace.`);
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (!folder) throw new Error(`component "${name}": { path } needs an open workspace folder.`);
      const root = path.resolve(folder, source.path);
      if (!root.startsWith(folder + path.sep)) throw new Error(`component "${name}": ${source.path} is outside the workspace.`);
      const served = `ws.${name}`;
      try {
        this.server.register(served, root);
      } catch (err) {
        throw new Error(`component "${name}": ${source.path} cannot be served (${err instanceof Error ? err.message : String(err)})`, { cause: err });
      }
      return this.server.urlFor(served);
    }
    if (name === 'component-host') return this.server.urlFor('component-host');
    throw new Error(`unknown component "${name}": give it a { path } to its built files, or use a built-in one (component-host).`);
  }

  dispose(): void {
    this.server.dispose();
  }
}
