/**
 * VS Code gives an extension host the workspace's storage folder (`workspaceStorage/<id>/<extension>`)
 * only while no other host of the same workspace holds it; otherwise it hands out `<id>-1`, `<id>-2`…
 * That happens with two windows on one workspace, and on a reload while the old host is still busy
 * (a reload in the middle of a 10 000-event burst got `<id>-1`, and with it a fresh session state, so
 * events it had already acknowledged were gone). So a host starts from the newest copy of a store file
 * among its workspace's folders, and then writes its own.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Copy the newest `fileName` of the workspace's sibling storage folders into `folder`, if it is newer than the one there. */
export function takeOverNewest(folder: string, fileName: string): void {
  const extensionDir = basename(folder);
  const workspaceDir = dirname(folder);
  const root = dirname(workspaceDir);
  const id = basename(workspaceDir).replace(/-\d+$/, '');
  const own = join(folder, fileName);
  let newest: { file: string; mtime: number } | undefined;
  try {
    for (const name of readdirSync(root)) {
      if (name !== id && !(name.startsWith(`${id}-`) && /^\d+$/.test(name.slice(id.length + 1)))) continue;
      const file = join(root, name, extensionDir, fileName);
      if (!existsSync(file)) continue;
      const mtime = statSync(file).mtimeMs;
      if (!newest || mtime > newest.mtime) newest = { file, mtime };
    }
    if (!newest || newest.file === own) return;
    if (existsSync(own) && statSync(own).mtimeMs >= newest.mtime) return;
    mkdirSync(folder, { recursive: true });
    copyFileSync(newest.file, own);
  } catch {
    // A folder we cannot read: start from our own file, as before.
  }
}
