/**
 * Wires ComponentApi to VS Code: storage in a file of global storage (survives reloads), the clear
 * command, files opened only from inside the workspace, notifications, notifier events to the log.
 */
import * as vscode from 'vscode';
import type { NotifierEventName } from '../../protocol';
import type { HostServices } from '../hostServices';
import { FileStore } from '../storage/fileStore';
import { ComponentApi, ComponentApiError } from './componentApi';
import { plainNotificationText, resolveInside } from './workspaceFiles';

export function registerComponentApi(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  services: HostServices,
  /** An accepted notifier event (it is also logged). */
  onEvent: (component: string, event: NotifierEventName, payload: unknown) => void,
): ComponentApi {
  const api = new ComponentApi({
    // On disk where the host runs; globalState only when global storage is not a local folder.
    store:
      context.globalStorageUri.scheme === 'file'
        ? new FileStore(context.globalStorageUri.fsPath, 'component-storage.json', { async: true })
        : context.globalState,
    sessionInfo: () => services.sessionInfo(),
    callApi: (route) => services.callApi(route),
    openFile: async (relative) => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) throw new ComponentApiError('unavailable', vscode.l10n.t('no workspace folder is open'));
      const inside = await resolveInside(folder.uri.fsPath, relative);
      if (!inside.ok && inside.reason === 'outside') {
        throw new ComponentApiError('not-allowed', vscode.l10n.t('{0} is outside the workspace', relative));
      }
      if (!inside.ok) throw new ComponentApiError('unavailable', vscode.l10n.t('{0} does not exist', relative));
      await vscode.window.showTextDocument(vscode.Uri.file(inside.file), { preview: true, preserveFocus: true });
      return inside.shown;
    },
    showNotification: (message, severity) => {
      // Not awaited: a notification stays until dismissed, the component should not wait for that.
      const show =
        severity === 'error'
          ? vscode.window.showErrorMessage
          : severity === 'warning'
            ? vscode.window.showWarningMessage
            : vscode.window.showInformationMessage;
      // Plain text: a component must not put links (command: links above all) into VS Code's UI.
      void show(vscode.l10n.t('Component: {0}', plainNotificationText(message)));
    },
    onEvent: (component, event, payload) => {
      log.info(`component ${component}: ${event} ${JSON.stringify(payload).slice(0, 500)}`);
      onEvent(component, event, payload);
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
