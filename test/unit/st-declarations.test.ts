/**
 * The shipped declarations (types/component-host.d.ts) against the real `st` (src/app/st.ts): every
 * public member of St is declared, with a doc comment, and nothing is declared that St lacks. The
 * type-level check below makes `npm run check-types` fail when a declared signature no longer fits
 * (tsconfig.json includes types/, so `component-host` resolves to the shipped file).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type * as Declared from 'component-host';
import type { St } from '../../src/app/st';

const root = join(import.meta.dirname, '..', '..');
/** Public on the class for the runner, not part of the app API. */
const internal = new Set(['build']);

// The implementation must be usable wherever the declarations promise an St.
export const implementsDeclared = (st: St): Declared.St => st;

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function find<T extends ts.Node>(node: ts.Node, match: (n: ts.Node) => n is T): T | undefined {
  if (match(node)) return node;
  return ts.forEachChild(node, (child) => find(child, match));
}

function publicMembersOfSt(): string[] {
  const cls = find(parse('src/app/st.ts'), (n): n is ts.ClassDeclaration => ts.isClassDeclaration(n) && n.name?.text === 'St');
  assert.ok(cls, 'class St in src/app/st.ts');
  return cls.members
    .filter((m) => m.name && !ts.isConstructorDeclaration(m))
    .filter((m) => !(ts.getCombinedModifierFlags(m as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)))
    .map((m) => m.name!.getText())
    .filter((name) => !name.startsWith('#') && !internal.has(name));
}

function declaredMembers(): Map<string, boolean> {
  const file = parse('types/component-host.d.ts');
  const iface = find(file, (n): n is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === 'St');
  assert.ok(iface, 'interface St in types/component-host.d.ts');
  return new Map(iface.members.map((m) => [m.name!.getText(), ts.getJSDocCommentsAndTags(m).length > 0]));
}

test('every public St member is declared for app authors, with a doc comment', () => {
  const declared = declaredMembers();
  const members = publicMembersOfSt();
  assert.ok(members.length > 30, `found ${members.length} members of St`);
  const missing = members.filter((m) => !declared.has(m));
  assert.deepEqual(missing, [], `add these to types/component-host.d.ts: ${missing.join(', ')}`);
  const undocumented = [...declared].filter(([, documented]) => !documented).map(([name]) => name);
  assert.deepEqual(undocumented, [], 'every declared command has a doc comment');
  const extra = [...declared.keys()].filter((m) => !members.includes(m));
  assert.deepEqual(extra, [], 'nothing is declared that St does not have');
});

test('the example workspace carries the shipped declarations unchanged', () => {
  const shipped = readFileSync(join(root, 'types/component-host.d.ts'), 'utf8');
  assert.equal(readFileSync(join(root, 'examples/workspace/apps/component-host.d.ts'), 'utf8'), shipped);
});
