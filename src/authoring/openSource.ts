/** A location link in the view was clicked: open that file of the workspace at that line (nothing outside it). */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceLocation } from '../../protocol';

export async function openSource(location: SourceLocation): Promise<{ opened: boolean }> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder || path.isAbsolute(location.file)) return { opened: false };
  const uri = vscode.Uri.joinPath(folder, location.file);
  if (!uri.fsPath.startsWith(folder.fsPath + path.sep)) return { opened: false };
  const position = new vscode.Position(location.line - 1, location.column - 1);
  await vscode.window.showTextDocument(uri, {
    selection: new vscode.Range(position, position),
    preview: false,
    viewColumn: vscode.ViewColumn.One,
  });
  return { opened: true };
}
