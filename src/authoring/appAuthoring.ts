/**
 * The app author's loop on the host side: loads workspace apps with their local imports
 * (moduleLoader.ts), says which saves rerun the app (any file of its import graph), and turns a
 * failed run into a stack mapped to the user's sources, with locations the view links to and a
 * diagnostic in the Problems panel; the next good run clears it. Registers New App.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderOutput as RunOutput } from '../app/appRunner';
import type { App } from '../app/st';
import { AppModuleLoader } from './moduleLoader';
import { registerNewApp } from './newApp';
import { mapStack } from './stackMap';

export class AppAuthoring implements vscode.Disposable {
  private loader: AppModuleLoader | undefined;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('componentHost');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];

  constructor(extensionUri: vscode.Uri) {
    this.disposables.push(registerNewApp(extensionUri));
  }

  /** The app function of a workspace file (trusted workspaces only: the caller checks). */
  load(file: string, root: string): App {
    if (this.loader?.root !== root) this.loader = new AppModuleLoader(root);
    return this.loader.load(file);
  }

  /** A saved file: true when the running app is that file or imports it (then it must rerun). */
  affects(file: string, entry: string | undefined): boolean {
    const inGraph = this.loader?.invalidate(file) ?? false;
    return inGraph || file === entry;
  }

  /** Map a failed run's stack and report it; clear the report after a good run. */
  afterRun(output: RunOutput): RunOutput {
    if (output.partial) return output;
    const loader = this.loader;
    // Built-in apps keep their stack as it is: their frames are the extension's own.
    const workspaceRun = loader?.entry !== undefined && loader.entry === path.resolve(loader.root, output.app);
    if (output.status === 'done' || (output.status === 'error' && !workspaceRun)) this.diagnostics.clear();
    if (output.status !== 'error' || !output.error?.stack || !loader || !workspaceRun) return output;
    const { stack, locations } = mapStack(output.error.stack, loader.positions());
    this.diagnostics.clear();
    const at = locations[0];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (at && folder) {
      const position = new vscode.Position(at.line - 1, at.column - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position), output.error.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Component Host';
      this.diagnostics.set(vscode.Uri.joinPath(folder, at.file), [diagnostic]);
    }
    return { ...output, error: { ...output.error, stack, ...(locations.length ? { locations } : {}) } };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
