/**
 * Component Host: New App. Writes an app (TypeScript, or JavaScript with a JSDoc type) into the
 * first apps folder, with what the editor needs to complete `st.`: the shipped declarations
 * (component-host.d.ts, rewritten each time so they match this version) and a tsconfig.json that
 * includes them (kept when one exists). Then it opens the app and selects it.
 */
import * as vscode from 'vscode';
import * as z from 'zod';
import { appFolders } from './appDiscovery';
import { appTemplate, appsTsconfig, type AppLanguage } from './templates';

/** Optional arguments (tests, other extensions): skip the questions. */
const NewAppArgs = z.object({ language: z.enum(['typescript', 'javascript']), name: z.string() }).partial();
const NAME = /^[A-Za-z0-9][\w-]{0,63}$/;

export function registerNewApp(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('componentHost.newApp', async (args?: unknown) => {
    const given = NewAppArgs.safeParse(args ?? {});
    return newApp(extensionUri, given.success ? given.data : {});
  });
}

async function newApp(extensionUri: vscode.Uri, given: { language?: AppLanguage; name?: string }): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Component Host: open a folder first; apps live in the workspace.'));
    return undefined;
  }
  const appsDir = appFolders()[0] ?? 'apps';
  const language = given.language ?? (await askLanguage());
  if (!language) return undefined;
  const ext = language === 'typescript' ? 'ts' : 'js';
  const exists = async (name: string) =>
    vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, appsDir, `${name}.${ext}`)).then(
      () => true,
      () => false,
    );
  const name =
    given.name ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Component Host: New App'),
      prompt: vscode.l10n.t('Name of the app (a file in {0}/)', appsDir),
      value: 'my-app',
      validateInput: async (v) =>
        !NAME.test(v)
          ? vscode.l10n.t('Letters, digits, "-" and "_" (up to 64)')
          : (await exists(v))
            ? vscode.l10n.t('{0} exists', `${appsDir}/${v}.${ext}`)
            : undefined,
    }));
  if (!name) return undefined;
  if (!NAME.test(name) || (await exists(name))) throw new Error(`New App: "${name}" is not a new app name`);

  const dir = vscode.Uri.joinPath(folder, appsDir);
  const write = (file: string, text: string) =>
    vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, file), new TextEncoder().encode(text));
  await vscode.workspace.fs.createDirectory(dir);
  await vscode.workspace.fs.writeFile(
    vscode.Uri.joinPath(dir, 'component-host.d.ts'),
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'types', 'component-host.d.ts')),
  );
  const tsconfig = vscode.Uri.joinPath(dir, 'tsconfig.json');
  const hasTsconfig = await vscode.workspace.fs.stat(tsconfig).then(
    () => true,
    () => false,
  );
  if (!hasTsconfig) await write('tsconfig.json', appsTsconfig);
  const file = `${name}.${ext}`;
  await write(file, appTemplate(language, name));
  const relative = `${appsDir.replace(/\/$/, '')}/${file}`;
  await vscode.window.showTextDocument(vscode.Uri.joinPath(dir, file), { preview: false, viewColumn: vscode.ViewColumn.One });
  await vscode.workspace.getConfiguration('componentHost').update('app', relative, vscode.ConfigurationTarget.Workspace);
  return relative;
}

async function askLanguage(): Promise<AppLanguage | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'TypeScript', description: vscode.l10n.t('app.ts with an import of the St type'), value: 'typescript' as const },
      { label: 'JavaScript', description: vscode.l10n.t('app.js with a JSDoc type for st'), value: 'javascript' as const },
    ],
    { title: vscode.l10n.t('Component Host: New App'), placeHolder: vscode.l10n.t('Language of the new app') },
  );
  return pick?.value;
}
