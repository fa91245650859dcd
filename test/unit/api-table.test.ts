/** docs/app-api.md's table of Streamlit 1.64's commands: the totals it states are the rows it has. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test("the Streamlit command table's totals match its rows", () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'app-api.md'), 'utf8');
  const start = doc.indexOf('| group | Streamlit 1.64 | here? | Component Host |');
  assert.ok(start > 0, 'the table is there');
  const rows = doc.slice(start, doc.indexOf('\n\n', start)).split('\n').slice(2);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const verdict = row.split('|')[3]!.trim();
    counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  }
  const stated = doc.match(/that makes (\d+) rows: ([^.]+)\./s);
  assert.ok(stated, 'the sentence with the totals');
  assert.equal(Number(stated[1]), rows.length, 'rows in all');
  const said = new Map([...stated[2]!.replace(/\s+/g, ' ').matchAll(/\*\*(\d+) ([a-z, ]+?)\*\*/g)].map((m) => [m[2]!, Number(m[1])]));
  assert.deepEqual(Object.fromEntries(said), Object.fromEntries(counts));
});
