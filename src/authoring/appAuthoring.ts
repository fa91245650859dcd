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
import { GraphWatcher } from './graphWatcher';
import { LoopTrace } from './loopTrace';
import { AppModuleLoader } from './moduleLoader';
import { registerNewApp } from './newApp';
import { mapStack } from './stackMap';

export class AppAuthoring implements vscode.Disposable {
  private loader: AppModuleLoader | undefined;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('componentHost');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  /** Stamps of the last save → render (the benchmark reads them). */
  readonly trace = new LoopTrace();

  private readonly watcher: GraphWatcher;

  /** `changed`: a file of the app's import graph changed on disk (saved by an editor, or written by anything else). */
  constructor(extensionUri: vscode.Uri, changed: (file: string) => void, warn: (message: string) => void) {
    this.watcher = new GraphWatcher({
      openDocument: (file) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
        return doc && { text: doc.getText(), dirty: doc.isDirty };
      },
      changed: (file) => {
        this.trace.start('disk');
        changed(file);
      },
      warn,
    });
    this.disposables.push(registerNewApp(extensionUri), this.watcher);
  }

  /** The app function of a workspace file (trusted workspaces only: the caller checks). */
  load(file: string, root: string): App {
    if (this.loader?.root !== root) this.loader = new AppModuleLoader(root);
    const loader = this.loader;
    let app: App;
    try {
      app = loader.load(file);
    } finally {
      // A load that failed still watches the files it got to: fixing the broken one reruns.
      this.watcher.track(loader.hashes);
    }
    this.trace.load = loader.lastLoad;
    const trace = this.trace;
    return async (st) => {
      trace.mark('appStart');
      try {
        await app(st);
      } finally {
        trace.mark('appEnd');
      }
    };
  }

  /**
   * A changed file (`savedText`: a save event with the document's text): true when the running app
   * (`entry`) is that file or imports it, so it must rerun; false for a save whose text the disk
   * watcher has already rerun the app for.
   */
  affects(file: string, entry: string | undefined, savedText?: string): boolean {
    if (entry === undefined) return false;
    if (savedText !== undefined && this.watcher.alreadyRan(file, savedText)) {
      this.trace.mark('saveEvent');
      return false;
    }
    const inGraph = this.loader?.entry === entry && this.loader.invalidate(file);
    if (!inGraph && file !== entry) return false;
    if (savedText !== undefined) {
      this.trace.start('save');
      this.trace.mark('saveEvent');
    }
    this.trace.mark('graphChecked');
    return true;
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
