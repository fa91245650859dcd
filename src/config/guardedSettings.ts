/**
 * Settings that decide where a token goes or what code runs. They are listed in the manifest's
 * `restrictedConfigurations`, so VS Code drops a workspace's value in Restricted Mode; this reader
 * does not rely on that alone (it takes only user, remote and default values there), and
 * `tellIfWorkspaceSets` reads the workspace's settings files to tell the user what was ignored.
 */
// jsonc-parser's default entry is UMD, which esbuild cannot follow; its ES module build bundles.
import { parse as parseJsonc } from 'jsonc-parser/lib/esm/main.js';
import * as vscode from 'vscode';

export function readGuardedSetting<T>(section: string, key: string, fallback: T): T {
  const config = vscode.workspace.getConfiguration(section);
  if (vscode.workspace.isTrusted) return config.get<T>(key, fallback);
  const seen = config.inspect<T>(key);
  return seen?.globalValue ?? seen?.defaultValue ?? fallback;
}

type Log = { warn(message: string): void };
const told = new Set<string>();

/** Tell the user once per window why a setting does nothing; `action` offers the way out. */
export function tellOnce(message: string, log: Log, action?: { label: string; command: string }): void {
  if (told.has(message)) return;
  told.add(message);
  log.warn(message);
  const shown = action
    ? vscode.window.showWarningMessage(`Component Host: ${message}`, action.label)
    : vscode.window.showWarningMessage(`Component Host: ${message}`);
  void shown.then((pick) => {
    if (pick && action) void vscode.commands.executeCommand(action.command);
  });
}

/** The top-level keys of the workspace's settings: each folder's .vscode/settings.json and a .code-workspace file's "settings". */
async function workspaceSettingKeys(): Promise<string[]> {
  const read = async (uri: vscode.Uri, inner?: string): Promise<string[]> => {
    try {
      const parsed: unknown = parseJsonc(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), [], {
        allowTrailingComma: true,
      });
      const settings = inner && parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[inner] : parsed;
      return settings && typeof settings === 'object' ? Object.keys(settings) : [];
    } catch {
      return [];
    }
  };
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => read(vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json')));
  const file = vscode.workspace.workspaceFile;
  if (file && file.scheme !== 'untitled') folders.push(read(file, 'settings'));
  return (await Promise.all(folders)).flat();
}

/** In Restricted Mode, say which of these settings the workspace sets and Component Host therefore ignores. */
export async function tellIfWorkspaceSets(settings: readonly string[], log: Log): Promise<void> {
  if (vscode.workspace.isTrusted) return;
  const keys = await workspaceSettingKeys();
  for (const setting of settings) {
    if (!keys.some((k) => setting === k || setting.startsWith(`${k}.`))) continue;
    tellOnce(
      `This workspace sets ${setting}, which Component Host ignores in Restricted Mode ` +
        '(it decides where your access token goes or what code runs). Trust the workspace to use it.',
      log,
      { label: 'Manage Workspace Trust', command: 'workbench.trust.manage' },
    );
  }
}
