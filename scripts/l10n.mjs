// `node scripts/l10n.mjs`: writes l10n/bundle.l10n.json from the `vscode.l10n.t('…')` calls under
// src/, and the pseudo-locale (qps-ploc) of it and of package.nls.json that the l10n end-to-end test
// runs with. `--check` only says whether the files are current (test/unit/l10n.test.ts runs it).
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const sourceDirs = ['src'];
const call = /\bl10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every message passed to vscode.l10n.t as a literal, sorted: the English bundle maps each to itself. */
export function englishBundle() {
  const messages = new Set();
  for (const file of sourceDirs.flatMap((d) => sourceFiles(join(root, d)))) {
    for (const m of readFileSync(file, 'utf8').matchAll(call)) messages.add(m[1].replace(/\\(.)/g, '$1'));
  }
  return Object.fromEntries([...messages].sort().map((m) => [m, m]));
}

const accents = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', c: 'ç', n: 'ñ', y: 'ý' };
// Placeholders, codicons, code, link targets and tags stay as they are.
const kept = /(\{[^}]*\}|\$\([^)]*\)|`[^`]*`|\]\([^)]*\)|<[^>]*>|%[\w.]+%)/;

/** A readable pseudo-translation: accented letters between ⟦ ⟧, so an untranslated string stands out. */
export function pseudo(text) {
  const parts = text.split(kept).map((part, i) => (i % 2 ? part : part.replace(/[aeiouAEIOUcny]/g, (ch) => accents[ch])));
  return `⟦${parts.join('')}⟧`;
}

const mapValues = (obj, f) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
const json = (obj) => JSON.stringify(obj, null, 2) + '\n';

export function expectedFiles() {
  const english = englishBundle();
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
  return {
    'l10n/bundle.l10n.json': json(english),
    'l10n/bundle.l10n.qps-ploc.json': json(mapValues(english, pseudo)),
    'package.nls.qps-ploc.json': json(mapValues(nls, pseudo)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = expectedFiles();
  if (process.argv.includes('--check')) {
    const stale = Object.entries(files).filter(([f, text]) => {
      try {
        return readFileSync(join(root, f), 'utf8') !== text;
      } catch {
        return true;
      }
    });
    for (const [f] of stale) console.error(`${f} is not current: run node scripts/l10n.mjs`);
    process.exit(stale.length ? 1 : 0);
  }
  mkdirSync(join(root, 'l10n'), { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(root, f), text);
  console.log(`wrote ${Object.keys(files).join(', ')}`);
}
