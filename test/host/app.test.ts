import * as vscode from 'vscode';
import { hostProbe } from './harness';
import { extensionApi } from './extensionApi';

hostProbe('app.stats', async () => (await extensionApi()).app.stats);

hostProbe('app.select', async (name) => {
  await vscode.workspace.getConfiguration('componentHost').update('app', String(name), vscode.ConfigurationTarget.Workspace);
  return true;
});

hostProbe('app.openFile', async (relative) => {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, String(relative)));
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  return { lines: editor.document.lineCount };
});

hostProbe('app.select.text', async (args) => {
  const [line, start, end] = args as [number, number, number];
  const editor = vscode.window.activeTextEditor!;
  editor.selection = new vscode.Selection(line, start, line, end);
  return editor.document.getText(editor.selection);
});

/** Replace a workspace file's text and save it, as a user editing and pressing Ctrl+S. */
hostProbe('app.editAndSave', async (args) => {
  const [relative, text] = args as [string, string];
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, relative));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  await vscode.workspace.applyEdit(edit);
  await doc.save();
  return true;
});
