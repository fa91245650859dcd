/**
 * The dialogs behind st.fileUploader, st.downloadButton and st.linkButton, in VS Code: the open and
 * save dialogs run on the host (in a remote window, on the remote's file system, like the editor's
 * own), and links go through vscode.env.openExternal, which asks before it opens a site the user has
 * not trusted (Configure Trusted Domains).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../util/errors';
import type { HostDialogs } from './hostWidgets';

function workspaceFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || 'file';
}

export function vscodeDialogs(log: vscode.LogOutputChannel): HostDialogs {
  return {
    async openFiles({ title, multiple, extensions }) {
      const folder = workspaceFolder();
      const uris = await vscode.window.showOpenDialog({
        title,
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: multiple,
        openLabel: vscode.l10n.t('Upload'),
        ...(folder ? { defaultUri: folder } : {}),
        ...(extensions.length ? { filters: { [extensions.join(', ')]: [...extensions] } } : {}),
      });
      if (!uris?.length) return undefined;
      return Promise.all(
        uris.map(async (uri) => {
          const stat = await vscode.workspace.fs.stat(uri);
          return { name: baseName(uri), size: stat.size, read: () => Promise.resolve(vscode.workspace.fs.readFile(uri)) };
        }),
      );
    },
    async saveFile(data, { title, fileName }) {
      const folder = workspaceFolder();
      const ext = fileName.includes('.') ? fileName.split('.').pop()! : '';
      const uri = await vscode.window.showSaveDialog({
        title,
        saveLabel: vscode.l10n.t('Download'),
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
        ...(ext ? { filters: { [ext.toUpperCase()]: [ext] } } : {}),
      });
      if (!uri) return undefined;
      try {
        await vscode.workspace.fs.writeFile(uri, data);
      } catch (err) {
        log.error(`download to ${uri.toString()} failed: ${errorMessage(err)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not save {0}: {1}', baseName(uri), errorMessage(err)));
        throw err;
      }
      const where = vscode.workspace.asRelativePath(uri);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Saved {0}', where), 5000);
      return where;
    },
    async openExternal(url) {
      let opened: boolean;
      try {
        opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
      } catch (err) {
        log.error(`link button: ${url} could not be opened: ${errorMessage(err)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', url, errorMessage(err)));
        throw err;
      }
      log.info(`link button: ${url} ${opened ? 'opened' : 'not opened (declined)'}`);
      return opened;
    },
  };
}
