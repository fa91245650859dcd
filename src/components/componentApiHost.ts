/**
 * Wires ComponentApi to VS Code: storage in a file of global storage (survives reloads), the clear
 * command, files opened only from inside the workspace, notifications, notifier events to the log.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApiCallResult, ApiRoute, NotifierEventName, SessionInfo } from '../../protocol';
import { ComponentApi, ComponentApiError } from './componentApi';
import { FileStore } from '../storage/fileStore';

export interface ComponentApiServices {
  getSessionInfo(): SessionInfo;
  callApi(route: ApiRoute): Promise<ApiCallResult>;
  /** An accepted notifier event (it is also logged). */
  onEvent(component: string, event: NotifierEventName, payload: unknown): void;
}

export function createComponentApi(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  services: ComponentApiServices,
): ComponentApi {
  const api = new ComponentApi({
    // On disk where the host runs; globalState only when global storage is not a local folder.
    store:
      context.globalStorageUri.scheme === 'file'
        ? new FileStore(context.globalStorageUri.fsPath, 'component-storage.json')
        : context.globalState,
    sessionInfo: () => services.getSessionInfo(),
    callApi: (route) => services.callApi(route),
    openFile: async (relative) => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) throw new ComponentApiError('unavailable', vscode.l10n.t('no workspace folder is open'));
      const root = folder.uri.fsPath;
      const target = path.resolve(root, relative);
      if (path.isAbsolute(relative) || !target.startsWith(root + path.sep)) {
        throw new ComponentApiError('not-allowed', vscode.l10n.t('{0} is outside the workspace', relative));
      }
      const uri = vscode.Uri.file(target);
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        throw new ComponentApiError('unavailable', vscode.l10n.t('{0} does not exist', relative));
      }
      await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
      return path.relative(root, target).split(path.sep).join('/');
    },
    showNotification: (message, severity) => {
      // Not awaited: a notification stays until dismissed, the component should not wait for that.
      const show =
        severity === 'error'
          ? vscode.window.showErrorMessage
          : severity === 'warning'
            ? vscode.window.showWarningMessage
            : vscode.window.showInformationMessage;
      void show(vscode.l10n.t('Component: {0}', message));
    },
    onEvent: (component, event, payload) => {
      log.info(`component ${component}: ${event} ${JSON.stringify(payload).slice(0, 500)}`);
      services.onEvent(component, event, payload);
    },
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('componentHost.clearComponentStorage', async () => {
      const cleared = await api.clear();
      void vscode.window.showInformationMessage(
        cleared === 1
          ? vscode.l10n.t('Component Host: cleared the storage of 1 component.')
          : vscode.l10n.t('Component Host: cleared the storage of {0} components.', cleared),
      );
      return cleared;
    }),
  );
  return api;
}
