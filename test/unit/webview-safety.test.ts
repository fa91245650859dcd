import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { safeHref } from '../../webview/safeHref';

test('app markdown links: only http(s) and mailto', () => {
  assert.equal(safeHref('https://example.com/a?b=1'), 'https://example.com/a?b=1');
  assert.equal(safeHref('mailto:x@example.com'), 'mailto:x@example.com');
  for (const bad of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    'command:workbench.action.terminal.new',
    'vscode://x',
    '/relative',
    '',
  ]) {
    assert.equal(safeHref(bad), undefined, bad);
  }
});
