/**
 * Apps from the workspace: a CommonJS module (`.js`/`.cjs`) exporting the app function as
 * `module.exports` or `exports.default`. Loaded fresh on every save, and only in a trusted workspace.
 */
import type { App } from './st';

export class WorkspaceAppError extends Error {}

/** `load` is Node's require; injected so tests can use a fake module table. */
export function loadWorkspaceApp(file: string, load: NodeJS.Require): App {
  if (!/\.c?js$/.test(file)) {
    throw new WorkspaceAppError(`${file}: apps are JavaScript modules (.js or .cjs); compile TypeScript apps first (see docs/app-api.md).`);
  }
  const resolved = load.resolve(file);
  delete load.cache[resolved]; // pick up the saved version
  const exported: unknown = load(resolved);
  const app = typeof exported === 'function' ? exported : (exported as { default?: unknown } | null)?.default;
  if (typeof app !== 'function') {
    throw new WorkspaceAppError(`${file} does not export an app function (module.exports = async (st) => { … }).`);
  }
  return app as App;
}
