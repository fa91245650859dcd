/** Where the access token may go: loopback yes, https elsewhere after the user allows it once, http elsewhere never. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { classifyServerUrl, TokenGate } from '../../src/server/tokenPolicy';

test('classifies server URLs by where they lead', () => {
  const kinds: [string, string][] = [
    ['http://127.0.0.1:8787', 'loopback'],
    ['http://127.9.9.9', 'loopback'],
    ['http://localhost:1', 'loopback'],
    ['http://api.localhost', 'loopback'],
    ['http://[::1]:8787', 'loopback'],
    ['http://10.0.0.5:8787', 'insecure'],
    ['http://127.0.0.1.evil.example', 'insecure'],
    ['http://localhost.evil.example', 'insecure'],
    ['http://[::ffff:10.0.0.1]', 'insecure'],
    ['https://api.example.com', 'remote'],
    ['ftp://127.0.0.1', 'invalid'],
    ['not a url', 'invalid'],
  ];
  for (const [url, kind] of kinds) assert.equal(classifyServerUrl(url).kind, kind, url);
});

function gate(answer: boolean, allowed: string[] = []) {
  const asked: string[] = [];
  const g = new TokenGate({
    allowed: () => allowed,
    remember: async (origin) => void allowed.push(origin),
    confirm: async (origin) => {
      asked.push(origin);
      await new Promise((r) => setTimeout(r, 5));
      return answer;
    },
  });
  return { g, asked, allowed };
}

test('loopback gets the token without asking; plain http elsewhere never does', async () => {
  const { g, asked } = gate(true);
  assert.deepEqual(await g.decide('http://127.0.0.1:1234'), { send: true });
  const refused = await g.decide('http://10.1.2.3:8787');
  assert.equal(refused.send, false);
  assert.match((refused as { reason: string }).reason, /not https/);
  assert.deepEqual(asked, [], 'nobody was asked');
});

test('https elsewhere: asked once per origin, remembered when allowed, asked again when refused', async () => {
  const yes = gate(true);
  const answers = await Promise.all([yes.g.decide('https://api.example.com/x'), yes.g.decide('https://api.example.com/y')]);
  assert.deepEqual(answers, [{ send: true }, { send: true }]);
  assert.deepEqual(yes.asked, ['https://api.example.com'], 'one question for concurrent calls');
  assert.deepEqual(await yes.g.decide('https://api.example.com'), { send: true });
  assert.equal(yes.asked.length, 1, 'remembered');
  assert.deepEqual(yes.allowed, ['https://api.example.com']);
  assert.equal((await yes.g.decide('https://other.example.com')).send, true);
  assert.equal(yes.asked.length, 2, 'another origin asks again');

  const no = gate(false);
  assert.equal((await no.g.decide('https://api.example.com')).send, false);
  assert.equal((await no.g.decide('https://api.example.com')).send, false);
  assert.equal(no.asked.length, 2, 'a refusal is not remembered as an allow');
  assert.deepEqual(no.allowed, []);
});
