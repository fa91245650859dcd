/**
 * Localization wiring, proved with the pseudo-locale: code-server started with `--locale qps-ploc`
 * shows the manifest's strings from package.nls.qps-ploc.json (command titles and category, the view
 * name) and the extension's own messages from l10n/bundle.l10n.qps-ploc.json (vscode.l10n.t).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTestBed } from '../support/suite';
import { repoRoot } from '../support/testBed';

const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.qps-ploc.json'), 'utf8')) as Record<string, string>;
const bundle = JSON.parse(readFileSync(join(repoRoot, 'l10n', 'bundle.l10n.qps-ploc.json'), 'utf8')) as Record<string, string>;
/** The text after a pseudo string's last codicon (the status bar draws the codicon as an icon). */
const shown = (text: string) =>
  text
    .split(/\$\([^)]*\)\s*/)
    .pop()!
    .trim();

describe('the pseudo-locale (qps-ploc)', { timeout: 240_000 }, () => {
  const bed = useTestBed({ locale: 'qps-ploc' });

  test('the extension host runs in the pseudo-locale', async () => {
    const language = await bed().host!.probe<string>('env.language');
    assert.equal(language, 'qps-ploc');
  });

  test('manifest strings come from package.nls.qps-ploc.json: the palette lists the pseudo command title and category', async () => {
    const title = `${nls['command.category']}: ${nls['command.open.title']}`;
    await bed().runCommand(title);
    await bed().webviewFrame();
    await bed()
      .page.locator('.pane-header, .composite.title', { hasText: nls['views.appView.name']! })
      .first()
      .waitFor({ timeout: 20_000 });
  });

  test('vscode.l10n.t messages come from l10n/bundle.l10n.qps-ploc.json: the status bar reads the pseudo sign-in', async () => {
    const signIn = shown(bundle['$(sign-in) Sign in · development sign-in']!);
    await bed().page.locator('.statusbar-item', { hasText: signIn }).first().waitFor({ timeout: 20_000 });
    await bed().runCommand(`${nls['command.category']}: ${nls['command.clearComponentStorage.title']}`);
    const cleared = bundle['Component Host: cleared the storage of {0} components.']!.replace('{0}', '0');
    await (await bed().notifications()).locator('.notification-list-item', { hasText: cleared }).first().waitFor({ timeout: 20_000 });
  });
});
