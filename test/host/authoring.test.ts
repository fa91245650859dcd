import * as vscode from 'vscode';
import { extensionApi } from './extensionApi';
import { hostProbe } from './harness';

const folder = () => vscode.workspace.workspaceFolders![0]!.uri;

/** Diagnostics of a workspace file, as the Problems panel lists them. */
hostProbe('authoring.diagnostics', (relative) =>
  vscode.languages
    .getDiagnostics(vscode.Uri.joinPath(folder(), String(relative)))
    .map((d) => ({ message: d.message, line: d.range.start.line + 1, source: d.source })),
);

/** The file and cursor line (1-based) of the active editor. */
hostProbe('authoring.activeEditor', () => {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return null;
  const line = editor.selection.active.line;
  return { file: vscode.workspace.asRelativePath(editor.document.uri), line: line + 1, text: editor.document.lineAt(line).text };
});

/** Put the cursor at the end of a line (1-based) of the active editor, and focus it. */
hostProbe('authoring.cursorAtEndOf', async (line) => {
  const editor = vscode.window.activeTextEditor!;
  const end = editor.document.lineAt(Number(line) - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  return true;
});

/** Create or overwrite a workspace file on disk (no editor, no save event). */
hostProbe('authoring.writeFile', async (args) => {
  const [relative, text] = args as [string, string];
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), relative), new TextEncoder().encode(text));
  return true;
});

/** The completion labels the language server offers at the active editor's cursor (the suggest widget's source). */
hostProbe('authoring.completions', async () => {
  const editor = vscode.window.activeTextEditor!;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    editor.document.uri,
    editor.selection.active,
  );
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
});

hostProbe('authoring.focusEditor', async () => {
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  return true;
});

/** Replace a workspace file's text and save it; returns the wall-clock times (ms, sub-ms) just before the save and when save() resolved. */
hostProbe('authoring.editAndSaveTimed', async (args) => {
  const [relative, text] = args as [string, string];
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), relative));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  await vscode.workspace.applyEdit(edit);
  const at = performance.timeOrigin + performance.now();
  await doc.save();
  return { at, saved: performance.timeOrigin + performance.now() };
});

/** The host's stamps of the last save → rerun → render (src/authoring/loopTrace.ts). */
hostProbe('authoring.loopTrace', async () => (await extensionApi()).app.loopTrace);

/** Rerun App; returns the wall-clock time just before it. */
hostProbe('authoring.rerunTimed', async () => {
  const at = performance.timeOrigin + performance.now();
  await vscode.commands.executeCommand('componentHost.rerunApp');
  return at;
});
