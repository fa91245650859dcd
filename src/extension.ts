import * as vscode from 'vscode';
import { AppViewProvider } from './view/appViewProvider';

/** What `activate` returns: a small API the in-host tests (and other extensions) can use. */
export interface ComponentHostApi {
  readonly activationMs: number;
  readonly view: AppViewProvider;
}

export function activate(context: vscode.ExtensionContext): ComponentHostApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Component Host', { log: true });
  context.subscriptions.push(log);

  const view = new AppViewProvider(context, log);
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(AppViewProvider.viewId, view),
    vscode.commands.registerCommand('componentHost.open', () => view.reveal()),
    vscode.commands.registerCommand('componentHost.rerunApp', () => view.rerun()),
    vscode.commands.registerCommand('componentHost.showLog', () => log.show(true)),
  );

  const activationMs = performance.now() - started;
  view.setActivationMs(activationMs);
  log.info(`activated in ${activationMs.toFixed(1)} ms (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, remote: ${vscode.env.remoteName ?? 'none'})`);
  return { activationMs, view };
}

export function deactivate(): void {
  // Disposables registered on the context are disposed by VS Code.
}
