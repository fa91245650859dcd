/**
 * Parts talk only through `protocol/`: a part that imports another part directly fails here, and
 * the protocol itself may import neither `vscode` nor anything of a part.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const root = resolve(__dirname, '..', '..');
const parts = ['src', 'webview', 'component', 'v2runtime', 'server', 'protocol'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function partOf(path: string): string | undefined {
  const first = relative(root, path).split(sep)[0];
  return parts.find((p) => p === first);
}

test('every part imports other parts only through protocol/', () => {
  const violations: string[] = [];
  for (const part of parts) {
    for (const file of sourceFiles(join(root, part))) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = partOf(resolve(dirname(file), spec));
        if (target && target !== part && target !== 'protocol') violations.push(`${relative(root, file)} imports ${spec} (${target}/)`);
        if (part === 'protocol' && target && target !== 'protocol') {
          violations.push(`${relative(root, file)} imports ${spec}: protocol must stand alone`);
        }
      }
    }
  }
  assert.deepEqual(violations, []);
});

test('protocol/ imports neither vscode nor Node built-ins', () => {
  const offending = sourceFiles(join(root, 'protocol')).flatMap((file) =>
    importsOf(file)
      .filter((spec) => spec === 'vscode' || spec.startsWith('node:'))
      .map((spec) => `${relative(root, file)}: ${spec}`),
  );
  assert.deepEqual(offending, []);
});

test('browser parts never import vscode or Node built-ins', () => {
  const offending = ['webview', 'component', 'v2runtime'].flatMap((part) =>
    sourceFiles(join(root, part)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec === 'vscode' || spec.startsWith('node:'))
        .map((spec) => `${relative(root, file)}: ${spec}`),
    ),
  );
  assert.deepEqual(offending, []);
});

test('the checker sees imports (it would catch a violation)', () => {
  // Guard against a regex that silently matches nothing.
  const found = importsOf(join(root, 'src', 'view', 'webviewChannel.ts'));
  assert.ok(
    found.some((spec) => spec.includes('protocol')),
    `found: ${found.join(', ')}`,
  );
});

test('inside the extension host, the layers point one way: app → components, never components → app', () => {
  // The app host uses component hosting; component hosting knows nothing of apps (no type cycle).
  const rules: [from: string, mayNotImport: string][] = [
    ['src/components', 'src/app'],
    ['src/components', 'src/view'],
    ['src/app', 'src/view'],
    ['src/auth', 'src/app'],
    ['src/server', 'src/app'],
  ];
  const violations = rules.flatMap(([from, forbidden]) =>
    sourceFiles(join(root, from)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => {
          const target = relative(root, resolve(dirname(file), spec));
          return target === forbidden || target.startsWith(forbidden + sep);
        })
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    ),
  );
  assert.deepEqual(violations, []);
});
