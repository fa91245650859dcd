/**
 * code-server shows a display language only if a language pack provides it; none exists for the
 * pseudo-locale. This makes a minimal one (no core translations: the workbench stays English, but
 * its language, and so `vscode.env.language` and the extension's package.nls / l10n bundle lookup,
 * becomes `locale`), and the languagepacks.json index VS Code would write for it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function addLanguagePack(userDir: string, extensionsDir: string, locale: string): void {
  const id = `component-host-test.language-pack-${locale}`;
  const version = '1.0.0';
  const folder = join(extensionsDir, `${id}-${version}`);
  mkdirSync(join(folder, 'translations'), { recursive: true });
  const translations = join(folder, 'translations', 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({
      name: `language-pack-${locale}`,
      publisher: 'component-host-test',
      version,
      engines: { vscode: '^1.100.0' },
      contributes: {
        localizations: [
          {
            languageId: locale,
            languageName: locale,
            localizedLanguageName: locale,
            translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
          },
        ],
      },
    }),
  );
  const hash = createHash('md5').update(id).update(version).digest('hex');
  const index = {
    [locale]: { hash, extensions: [{ extensionIdentifier: { id }, version }], translations: { vscode: translations }, label: locale },
  };
  writeFileSync(join(userDir, 'languagepacks.json'), JSON.stringify(index));
}
