/**
 * What a component may open, and how its text is shown. Pure Node (no `vscode`), so the unit tests
 * use real files and real symlinks.
 */
import { realpath } from 'node:fs/promises';
import { isInside } from '../util/paths';
import * as path from 'node:path';

export type Contained = { ok: true; file: string; shown: string } | { ok: false; reason: 'outside' | 'missing' };

/**
 * The file `relative` names inside `root`, after following every symlink (of the root too): a link
 * inside the workspace that points out of it is outside.
 */
export async function resolveInside(root: string, relative: string): Promise<Contained> {
  if (path.isAbsolute(relative)) return { ok: false, reason: 'outside' };
  const lexical = path.resolve(root, relative);
  if (!isInside(root, lexical)) return { ok: false, reason: 'outside' };
  let realRoot: string;
  let file: string;
  try {
    realRoot = await realpath(root);
    file = await realpath(lexical);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  if (!isInside(realRoot, file)) return { ok: false, reason: 'outside' };
  return { ok: true, file, shown: path.relative(realRoot, file).split(path.sep).join('/') };
}

/**
 * Component text for a VS Code notification, as plain text: notifications render `[label](target)`
 * as a link (`command:` targets included), so break that syntax and drop control characters.
 */
export function plainNotificationText(text: string, max = 500): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/\]\s*\(/g, '] (')
      .slice(0, max)
  );
}
