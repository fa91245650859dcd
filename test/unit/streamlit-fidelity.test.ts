/** Behaviour as in the real Streamlit 1.64: a v1 component's args, the v1 theme's derived colours, st.json of bytes. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Element } from '../../protocol';
import { bytesRepr, jsonText } from '../../src/app/jsonText';
import { deriveColors } from '../../webview/components/derivedColors';
import { appHarness } from '../support/appHarness';

test("a v1 component's args carry its key and default, as Streamlit's do", async () => {
  const h = appHarness(
    (st) => {
      st.component('c', { label: 'hello', key: 'shadowed' }, { key: 'v1', default: { n: 1 } });
      st.component('d', { label: 'plain' });
    },
    { services: { componentUrl: () => 'http://component.test/' } },
  );
  await h.runner.request();
  const [keyed, plain] = h.last()!.elements as Extract<Element, { kind: 'component' }>[];
  assert.deepEqual(keyed!.args, { label: 'hello', key: 'v1', default: { n: 1 } });
  assert.deepEqual(plain!.args, { label: 'plain', default: null, key: null });
});

test("the derived theme colours are Streamlit's (the same color2k functions on the same inputs)", () => {
  // Streamlit's light theme (text #31333F on #ffffff, secondary #f0f2f6) and the values its front end derives.
  const light = deriveColors({ textColor: '#31333F', backgroundColor: '#ffffff', secondaryBackgroundColor: '#f0f2f6' });
  assert.equal(light.fadedText05, 'rgba(49, 51, 63, 0.1)');
  assert.equal(light.fadedText60, 'rgba(49, 51, 63, 0.6)');
  assert.equal(light.bgMix, 'rgba(248, 249, 251, 1)');
  assert.equal(light.darkenedBgMix15, 'rgba(151, 166, 195, 0.15)');
  assert.equal(light.darkenedBgMix25, 'rgba(151, 166, 195, 0.25)');
  assert.equal(Object.keys(light).length, 11);
  // A dark background lightens instead of darkening.
  const dark = deriveColors({ textColor: '#cccccc', backgroundColor: '#1e1e1e', secondaryBackgroundColor: '#252526' });
  assert.equal(dark.darkenedBgMix15, 'rgba(186, 186, 186, 0.15)');
  assert.throws(() => deriveColors({ textColor: 'not a colour', backgroundColor: '#000', secondaryBackgroundColor: '#000' }));
});

test('st.json shows bytes as Python shows bytes, not as an object of numbered keys', async () => {
  assert.equal(jsonText(new Uint8Array([1, 2, 3])), `"b'\\\\x01\\\\x02\\\\x03'"`);
  assert.equal(bytesRepr(Buffer.from('it\'s "x"\n\\')), `b'it\\'s "x"\\n\\\\'`);
  assert.equal(bytesRepr(Buffer.from("it's")), `b"it's"`);
  assert.equal(bytesRepr(new Uint8Array([0x7f, 0x80, 0xff, 0x20, 0x7e])), "b'\\x7f\\x80\\xff ~'");
  const h = appHarness((st) => st.json({ buffer: Buffer.from([1]), arrayBuffer: new Uint8Array([2]).buffer, list: [1] }));
  await h.runner.request();
  const element = h.last()!.elements[0] as Extract<Element, { kind: 'json' }>;
  assert.deepEqual(JSON.parse(element.json), { buffer: "b'\\x01'", arrayBuffer: "b'\\x02'", list: [1] });
});
