import * as path from 'node:path';

/** True when `target` is strictly inside `folder` (both absolute; no `..` escapes, not the folder itself). */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}
