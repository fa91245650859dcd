/** Files of the workspace an app may read through `st` (st.image): trusted workspace only, inside its first folder, bounded. */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../util/paths';

export function readWorkspaceFile(folder: string | undefined, trusted: boolean, relative: string, maxBytes: number): Uint8Array {
  if (!trusted) throw new Error(`${relative}: workspace files are read only in a trusted workspace`);
  if (!folder) throw new Error(`${relative}: reading a workspace file needs an open workspace folder`);
  const file = path.resolve(folder, relative);
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    throw new Error(`${relative}: no such file in the workspace`);
  }
  // Through symbolic links too: the file itself must be inside the folder.
  if (!isInside(realpathSync(folder), real)) throw new Error(`${relative} is outside the workspace`);
  const stat = statSync(real);
  if (!stat.isFile()) throw new Error(`${relative} is not a file`);
  const size = stat.size;
  if (size > maxBytes) throw new Error(`${relative} is ${size} bytes, over the ${maxBytes} bytes an image may have`);
  return new Uint8Array(readFileSync(real));
}
