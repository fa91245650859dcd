// The VS Code builds the end-to-end suite runs on (scripts/vscode-builds.json), and where each one's
// code-server and Node live under .vscode-test/. test/support/vscodeBuild.ts resolves the same paths.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const table = JSON.parse(readFileSync(join(root, 'scripts', 'vscode-builds.json'), 'utf8'));
export const toolDir = join(root, '.vscode-test');
export const defaultBuild = table.default;
export const buildNames = Object.keys(table.builds);

/** One build: its versions, its code-server entry point and the Node that runs it (null: this Node). */
export function vscodeBuild(name) {
  const spec = table.builds[name];
  if (!spec) throw new Error(`unknown VS Code build "${name}" (known: ${buildNames.join(', ')})`);
  const nodeDir = spec.node ? join(toolDir, spec.node.folder) : null;
  return {
    name,
    ...spec,
    dir: join(toolDir, spec.folder),
    entry: join(toolDir, spec.folder, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    nodeDir,
    nodeBin: nodeDir ? join(nodeDir, 'node_modules', 'node', 'bin', 'node') : process.execPath,
    // The platform package of `node` ships bin/ and the headers (include/node) native modules build against.
    nodeHome: nodeDir ? join(nodeDir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`) : null,
  };
}
