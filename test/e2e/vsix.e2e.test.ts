/**
 * The packaged .vsix (built by `npm test` before this suite) installs into code-server, activates
 * and shows its view: a file missing from the package (a lazily loaded chunk too) fails here.
 */
import { describe, test } from 'node:test';
import { useInstalledVsix } from '../support/suite';

describe('installed from the .vsix', { timeout: 240_000 }, () => {
  const installed = useInstalledVsix();

  test('the installed extension activates and shows its view', async () => {
    const bed = installed();
    await bed.runCommand('Component Host: Open');
    const view = await bed.webviewFrame();
    await view.getByTestId('app').waitFor({ timeout: 30_000 });
    // A click in the demo reaches the installed host, which starts the packaged server and calls it.
    await view.getByTestId('el-key:appPublic').click();
    await view.locator('.alert-success', { hasText: 'app: GET /api/ping · token: no · 200 OK' }).waitFor({ timeout: 30_000 });
  });

  test('the code that loads on first use is in the package: the gallery renders its Markdown and highlighted code', async () => {
    const bed = installed();
    await bed.runCommand('Component Host: Select App');
    const page = bed.page;
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Element gallery' }).first().click();
    const view = await bed.webviewFrame();
    await view.locator('.markdown table.table th', { hasText: 'step' }).waitFor({ timeout: 30_000 });
    await view.locator('pre.code .hljs-keyword', { hasText: 'export' }).first().waitFor({ timeout: 30_000 });
  });
});
