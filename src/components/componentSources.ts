/** Where a component's files come from, as an app names them. The app host imports these; never the reverse. */

/** A v2 component's html/css/js: inline text, a file of the workspace (trusted only), or a file of the extension. */
export type SourceRef = string | { path: string } | { extensionFile: string };
export type SourceFileRef = Exclude<SourceRef, string>;

/** Where a v1 component's frame is: a built-in name (neither set), a folder in the workspace, or a dev server. */
export interface ComponentSource {
  /** Folder with index.html, relative to the workspace (trusted workspaces only). */
  path?: string;
  /** A development server (e.g. http://localhost:3001), mapped with asExternalUri. */
  url?: string;
}
