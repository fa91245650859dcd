// Runs the in-host tests in desktop VS Code, for machines with internet access:
//   npm install --no-save @vscode/test-electron@2.5 && node scripts/test-desktop.mjs
// (`npm test` uses code-server instead: the desktop build cannot be downloaded offline.)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch {
  console.error('@vscode/test-electron is not installed: npm install --no-save @vscode/test-electron@2.5');
  process.exit(1);
}
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--tests'], { stdio: 'inherit' });
await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: join(root, 'dist-test/host/index.js'),
  launchArgs: [join(root, 'examples/workspace'), '--disable-extensions'],
});
