/** An untrusted workspace: the view explains why, and no workspace code runs. */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/testBed';
import { useTestBed } from '../support/suite';

describe('untrusted workspace', { timeout: 240_000 }, () => {
  const bed = useTestBed({ workspaceTemplate: join(repoRoot, 'test', 'fixtures', 'untrusted-workspace'), disableWorkspaceTrust: false });

  test('the workspace app is not run; the view says why; built-in parts still work', async () => {
    assert.equal(await bed().host!.probe('workspaceTrusted'), false, 'the workspace is in restricted mode');
    await bed().runCommand('Component Host: Open');
    const view = await bed().webviewFrame();
    await view
      .getByText('"apps/sentinel.js" is an app from this workspace, and this workspace is not trusted, so it was not run.')
      .waitFor({ timeout: 20_000 });
    assert.equal(existsSync(join(bed().workspace, 'EXECUTED')), false, 'no workspace code was executed');
    // A built-in app still runs, and a click in it reaches the host and comes back.
    await bed().host!.probe('app.select', 'gallery');
    await view.getByTestId('el-key:click').click();
    await view.locator('p', { hasText: 'Button clicked 1 times' }).waitFor({ timeout: 10_000 });
  });
});
