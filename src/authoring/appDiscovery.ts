/**
 * Which workspace files are apps, for Select App: the app modules directly inside the folders of
 * `componentHost.apps.folders` (default `apps`). Subfolders hold the modules apps import, and
 * component bundles live elsewhere, so neither is listed; "Browse…" picks any file.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { builtinApps } from '../app/builtinApps';

const APP_FILE = /^[^.].*(?<!\.d)\.(?:ts|mts|cts|js|mjs|cjs)$/;

export function appFolders(): string[] {
  const folders = vscode.workspace.getConfiguration('componentHost.apps').get<unknown>('folders', ['apps']);
  return Array.isArray(folders) ? folders.filter((f): f is string => typeof f === 'string' && f.length > 0) : ['apps'];
}

/** Workspace-relative paths (with `/`) of the apps in the configured folders. */
export async function findApps(folder: vscode.Uri): Promise<string[]> {
  const apps: string[] = [];
  for (const relative of appFolders()) {
    const dir = vscode.Uri.joinPath(folder, relative);
    if (!isInside(folder, dir)) continue;
    const entries = await vscode.workspace.fs.readDirectory(dir).then(
      (e) => e,
      () => [] as [string, vscode.FileType][],
    );
    for (const [name, type] of entries) {
      if (type === vscode.FileType.File && APP_FILE.test(name)) {
        apps.push(path.posix.join(relative.replace(/\\/g, '/').replace(/\/$/, ''), name));
      }
    }
  }
  return [...new Set(apps)].sort();
}

function isInside(folder: vscode.Uri, file: vscode.Uri): boolean {
  return file.fsPath.startsWith(folder.fsPath + path.sep);
}

/** Select App: built-in apps, the workspace's apps, and Browse… for any other file in the workspace. */
export async function pickApp(): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const trusted = vscode.workspace.isTrusted;
  type Item = vscode.QuickPickItem & { value?: string };
  const items: Item[] = Object.entries(builtinApps).map(([value, a]) => ({
    label: `$(package) ${a.title}`,
    description: vscode.l10n.t('built in'),
    value,
  }));
  if (folder) {
    for (const app of await findApps(folder)) {
      items.push({
        label: `$(file-code) ${app}`,
        description: trusted ? vscode.l10n.t('workspace') : vscode.l10n.t('workspace (needs trust to run)'),
        value: app,
      });
    }
    items.push({ label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`, description: vscode.l10n.t('any app file in the workspace') });
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Component Host: Select App'),
    placeHolder: vscode.l10n.t('The app the side panel runs'),
  });
  if (!pick) return undefined;
  if (pick.value !== undefined || !folder) return pick.value;
  const [file] =
    (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Component Host: an app file'),
      defaultUri: folder,
      canSelectMany: false,
      filters: { [vscode.l10n.t('App modules')]: ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'] },
    })) ?? [];
  if (!file) return undefined;
  if (!isInside(folder, file)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Component Host runs apps from inside the workspace folder only.'));
    return undefined;
  }
  return path.relative(folder.fsPath, file.fsPath).split(path.sep).join('/');
}
