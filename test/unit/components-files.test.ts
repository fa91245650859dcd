/** host.openFile containment with real files and symlinks; component text made plain for notifications. */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainNotificationText, resolveInside } from '../../src/components/workspaceFiles';

let dir: string;
let root: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'component-host-files-'));
  root = join(dir, 'workspace');
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'src', 'a.ts'), 'a');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  symlinkSync('/etc/passwd', join(root, 'passwd'));
  symlinkSync(join(dir, 'secret.txt'), join(root, 'src', 'secret'));
  symlinkSync(dir, join(root, 'up'));
  symlinkSync(join(root, 'src', 'a.ts'), join(root, 'alias.ts'));
  // The workspace itself reached through a link: containment is checked on real paths on both sides.
  symlinkSync(root, join(dir, 'linked-workspace'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('files inside open; symlinks out of the workspace, absolute paths and .. do not', async () => {
  assert.deepEqual(await resolveInside(root, 'src/a.ts'), { ok: true, file: join(root, 'src', 'a.ts'), shown: 'src/a.ts' });
  assert.deepEqual(await resolveInside(root, 'alias.ts'), { ok: true, file: join(root, 'src', 'a.ts'), shown: 'src/a.ts' });
  assert.equal((await resolveInside(join(dir, 'linked-workspace'), 'src/a.ts')).ok, true);
  for (const outside of ['passwd', 'src/secret', 'up/secret.txt', '../secret.txt', '/etc/passwd', 'src/../../secret.txt']) {
    assert.deepEqual(await resolveInside(root, outside), { ok: false, reason: 'outside' }, outside);
  }
  assert.deepEqual(await resolveInside(root, 'nope.ts'), { ok: false, reason: 'missing' });
});

test('component text shows as plain text: no link syntax, no control characters', () => {
  assert.equal(plainNotificationText('[Click me](command:workbench.action.quit)'), '[Click me] (command:workbench.action.quit)');
  assert.equal(
    plainNotificationText('[a](https://evil.example "t") and [b]\n(file:///etc/passwd)'),
    '[a] (https://evil.example "t") and [b] (file:///etc/passwd)',
  );
  assert.equal(plainNotificationText('line\u0000one\u2028two'), 'line one two');
  assert.equal(plainNotificationText('x'.repeat(2000)).length, 500);
  assert.equal(plainNotificationText('hello from the component'), 'hello from the component');
});
