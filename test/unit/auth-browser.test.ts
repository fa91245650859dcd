import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { runSignIn } from '../../src/auth/signInFlow';
import { startPathProxy, type PathProxy } from '../support/pathProxy';
import { startDevTenant, type DevTenant } from '../support/authFixture';

const CHROMIUM_ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

describe('sign-in through the real browser login page (chromium)', () => {
  let t: DevTenant;
  let browser: Browser;
  let proxy: PathProxy;
  before(async () => {
    t = await startDevTenant();
    proxy = await startPathProxy('127.0.0.1');
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await proxy?.close();
    await t?.dev.close();
  });

  async function signInWithBrowser(remote: boolean): Promise<{ email: string; finalText: string; heading: string }> {
    const page = await browser.newPage();
    try {
      let heading = '';
      const tokens = await runSignIn({
        tenant: t.tenant,
        config: t.config,
        timeoutMs: 20_000,
        ...(remote && {
          externalCallbackUri: async (loopback: string) => proxy.external(loopback),
          allowRedirectUri: (uri: string) => t.dev.allowRedirectUri(uri),
          browserUrl: (url: URL) => t.dev.browserUrl(url),
        }),
        openBrowser: async (url) => {
          await page.goto(url.href);
          heading = (await page.textContent('h1')) ?? '';
          await Promise.all([page.waitForURL(/\/cb\?/), page.click('#continue')]);
        },
      });
      return { email: tokens.account.email, finalText: (await page.textContent('body')) ?? '', heading };
    } finally {
      await page.close();
    }
  }

  test('desktop: loopback callback', async () => {
    const { email, finalText, heading } = await signInWithBrowser(false);
    assert.match(heading, /development sign-in/);
    assert.equal(email, 'developer@component-host.local');
    assert.match(finalText, /You can close this tab/);
  });

  test('browser-hosted VS Code: every page through the path proxy', async () => {
    t.dev.setExternalBase(proxy.external(t.dev.issuer));
    try {
      const { email, finalText } = await signInWithBrowser(true);
      assert.equal(email, 'developer@component-host.local');
      assert.match(finalText, /You can close this tab/);
    } finally {
      t.dev.setExternalBase(undefined);
    }
  });
});
