import * as vscode from 'vscode';

/**
 * The address the user's browser must use for a URL on the extension host's machine (a loopback
 * server). VS Code maps only the authority (code-server answers `http://<host>/proxy/<port>/` and
 * drops the path), so the path and query are put back on the mapped base.
 */
export async function externalUrl(uri: string): Promise<string> {
  const url = new URL(uri);
  const mapped = (await vscode.env.asExternalUri(vscode.Uri.parse(`${url.protocol}//${url.host}/`))).toString(true);
  const base = mapped.endsWith('/') ? mapped : `${mapped}/`;
  return new URL(`${url.pathname.replace(/^\//, '')}${url.search}`, base).toString();
}
