import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { markdownOptions } from '../../webview/markdownOptions';
import { safeHref } from '../../webview/safeHref';
import { tokens, type Token } from '../../webview/elements/highlight';

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

// App Markdown, rendered with the webview's own options (react-markdown + remark-gfm, markdownOptions.ts).
function md(text: string): string {
  return renderToStaticMarkup(createElement(ReactMarkdown, { ...markdownOptions, children: text }));
}

test('app markdown: CommonMark and GitHub tables, task lists, strikethrough, autolinks', () => {
  assert.equal(
    md('# Title\n\nSome **bold**, *italic* and `code`.'),
    '<h1>Title</h1>\n<p>Some <strong>bold</strong>, <em>italic</em> and <code>code</code>.</p>',
  );
  assert.match(
    md('| a | b |\n| - | - |\n| 1 | 2 |'),
    /^<div class="table-scroll" role="region" aria-label="table" tabindex="0"><table class="table"><thead><tr><th>a<\/th><th>b<\/th>/,
  );
  assert.match(
    md('- [x] done\n- [ ] todo'),
    /<li class="task-list-item"><input type="checkbox" disabled="" aria-label="done" checked=""\/> done<\/li>/,
  );
  assert.match(md('- [ ] todo'), /<input type="checkbox" disabled="" aria-label="not done"\/> todo/);
  assert.equal(md('~~gone~~'), '<p><del>gone</del></p>');
  assert.equal(md('see https://example.com'), '<p>see <a href="https://example.com/">https://example.com</a></p>');
  assert.equal(md('1. one\n2. two'), '<ol>\n<li>one</li>\n<li>two</li>\n</ol>');
  assert.equal(md('```ts\nconst a = 1;\n```'), '<pre><code class="language-ts">const a = 1;\n</code></pre>');
  assert.equal(md('> quoted'), '<blockquote>\n<p>quoted</p>\n</blockquote>');
});

test('app markdown: raw HTML is shown as text, never interpreted', () => {
  assert.equal(md('<b>bold?</b>'), '<p>&lt;b&gt;bold?&lt;/b&gt;</p>');
  assert.equal(md('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(md('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.doesNotMatch(md('a <iframe src="https://example.com"></iframe> b'), /<iframe/);
});

test('app markdown: links keep only safe schemes; images never reach the network', () => {
  assert.equal(md('[ok](https://example.com/a)'), '<p><a href="https://example.com/a">ok</a></p>');
  assert.equal(md('[mail](mailto:x@example.com)'), '<p><a href="mailto:x@example.com">mail</a></p>');
  for (const bad of [
    'javascript:alert(1)',
    'command:workbench.action.terminal.new',
    'vscode://x',
    'data:text/html,x',
    '/relative',
    '#top',
  ]) {
    assert.equal(md(`[bad](${bad})`), '<p><span>bad</span></p>', bad);
  }
  assert.equal(md('[ref]\n\n[ref]: javascript:alert(1)'), '<p><span>ref</span></p>');
  assert.match(md('![a cat](https://example.com/cat.png)'), /^<p><span class="markdown-image" title="[^"]+">a cat<\/span><\/p>$/);
  assert.match(md('![pixel](data:image/png;base64,iVBORw0KGgo=)'), /<img src="data:image\/png;base64,iVBORw0KGgo=" alt="pixel"\/>/);
  assert.doesNotMatch(md('![svg](data:image/svg+xml;base64,PHN2Zz4=)'), /<img/);
});

test("app markdown: Streamlit's coloured text", () => {
  assert.equal(
    md(':red[alert] and :blue-background[calm]'),
    '<p><span class="st-color st-color-red">alert</span> and <span class="st-bg st-bg-blue">calm</span></p>',
  );
  assert.equal(md(':green[**bold** text]'), '<p><span class="st-color st-color-green"><strong>bold</strong> text</span></p>');
  assert.equal(md(':grey[x]'), '<p><span class="st-color st-color-gray">x</span></p>');
  assert.equal(md(':red[unclosed'), '<p>:red[unclosed</p>');
  assert.equal(md(':pink[not a colour]'), '<p>:pink[not a colour]</p>');
  assert.equal(md('`:red[code]`'), '<p><code>:red[code]</code></p>');
});

test('st.code highlighting: tokens read back from highlight.js, text stays text', () => {
  const flat = (list: Token[]): string => list.map((t) => (typeof t === 'string' ? t : flat(t.children))).join('');
  const code = 'const a = "<img src=x onerror=alert(1)>" && 1 < 2; // &amp;';
  const ts = tokens(code, 'ts')!;
  assert.equal(flat(ts), code, 'the same characters come back, entities decoded once');
  assert.deepEqual(ts[0], { className: 'hljs-keyword', children: ['const'] });
  assert.ok(ts.some((t) => typeof t !== 'string' && t.className === 'hljs-string'));
  assert.equal(tokens(code, 'no-such-language'), undefined);
  assert.equal(tokens(code, undefined), undefined);
  for (const alias of ['js', 'py', 'sh', 'yml', 'html', 'toml', 'golang', 'rs']) assert.ok(tokens('x', alias), alias);
});
