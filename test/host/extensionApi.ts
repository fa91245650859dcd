import * as vscode from 'vscode';
import type { ComponentHostApi } from '../../src/extension';

export const EXTENSION_ID = 'component-host.component-host';

/** The extension under test, activated (tests may run before anything else activates it). */
export async function extensionApi(): Promise<ComponentHostApi> {
  const extension = vscode.extensions.getExtension<ComponentHostApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension.isActive ? extension.exports : await extension.activate();
}
