/**
 * Which VS Code build (code-server) an end-to-end run uses: COMPONENT_HOST_VSCODE names one of
 * scripts/vscode-builds.json (default there: the newest). The paths match scripts/vscodeBuilds.mjs,
 * which installs them (`node scripts/provision.mjs <build>`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface BuildSpec {
  label: string;
  codeServer: string;
  vscode: string;
  folder: string;
  node?: { version: string; folder: string };
  /**
   * The workbench honours the URL's `payload` (extensionDevelopmentPath, extensionTestsPath) only
   * when code-server runs with `--vscode-option enable-smoke-test-driver`; it then shows no toasts.
   */
  smokeTestDriver?: boolean;
}

export interface VscodeBuild extends BuildSpec {
  name: string;
  /** code-server's entry point. */
  entry: string;
  /** The Node that runs code-server and so the extension host: its own, or this runner's. */
  nodeBin: string;
}

const root = resolve(__dirname, '..', '..');
const table = JSON.parse(readFileSync(join(root, 'scripts', 'vscode-builds.json'), 'utf8')) as {
  builds: Record<string, BuildSpec>;
  default: string;
};

export function vscodeBuild(name = process.env.COMPONENT_HOST_VSCODE || table.default): VscodeBuild {
  const spec = table.builds[name];
  if (!spec) throw new Error(`COMPONENT_HOST_VSCODE=${name}: no such VS Code build (known: ${Object.keys(table.builds).join(', ')})`);
  const toolDir = join(root, '.vscode-test');
  const entry = join(toolDir, spec.folder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const nodeBin = spec.node ? join(toolDir, spec.node.folder, 'node_modules', 'node', 'bin', 'node') : process.execPath;
  return { ...spec, name, entry, nodeBin };
}

/** The build of this run, installed (or an error that says how to install it). */
export function installedBuild(): VscodeBuild {
  const build = vscodeBuild();
  for (const file of [build.entry, build.nodeBin]) {
    if (!existsSync(file)) {
      throw new Error(
        `VS Code build "${build.name}" (code-server ${build.codeServer}) is not installed: run node scripts/provision.mjs ${build.name}`,
      );
    }
  }
  return build;
}
