/**
 * A real VS Code (code-server) with the extension loaded in development mode, a real Chromium
 * driving it, and a control channel into the extension host. Everything it starts it stops.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startWebviewSite, type WebviewSite } from './webviewSite';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { HostControl } from './hostControl';
import { addLanguagePack } from './languagePack';
import { freePort, spawnTracked, stopTracked, waitFor } from './processes';
import { createRemoteTopology, localTopology, type Topology } from './topology';
import { installedBuild, type VscodeBuild } from './vscodeBuild';

export const repoRoot = resolve(__dirname, '..', '..');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export interface TestBedOptions {
  /** Folder copied into a fresh temporary workspace. */
  workspaceTemplate?: string;
  /** Load the extension from this folder as a development extension (default: the repo). */
  extensionDevelopmentPath?: string | null;
  /** Install this .vsix instead of a development extension. */
  vsix?: string;
  /** Trust the workspace without asking (default true: only trust tests turn it off). */
  disableWorkspaceTrust?: boolean;
  userSettings?: Record<string, unknown>;
  /**
   * Run the in-host test bundle (dist-test/host) and connect to it (default true). Note: while an
   * extension test runs, VS Code refuses to show modal dialogs; tests of dialogs turn this off.
   */
  hostTests?: boolean;
  /** Extension folders copied into the extensions directory (other extensions, as a user has). */
  extraExtensions?: string[];
  /** Adds files to the fresh workspace before VS Code opens it. */
  prepareWorkspace?: (workspace: string) => void;
  /** code-server's display language (`--locale`), e.g. the pseudo-locale `qps-ploc`. */
  locale?: string;
  /** 'remote': code-server in its own network namespace (see topology.ts). Default 'local'. */
  topology?: 'local' | 'remote';
  /**
   * Serve each webview from a site of its own (`https://<hash>.vscode-cdn.net`, test/support/webviewSite.ts), as desktop VS Code and vscode.dev
   * do, so Chromium runs it in a process of its own; code-server's default is the workbench's origin.
   */
  webviewsOnOwnSite?: boolean;
}

export class TestBed {
  private constructor(
    readonly url: string,
    readonly workspace: string,
    readonly page: Page,
    readonly host: HostControl | undefined,
    private readonly browser: Browser,
    private readonly codeServer: ChildProcess,
    private readonly tempDir: string,
    readonly codeServerLog: string[],
    readonly topology: Topology,
    /** The VS Code build this bed runs (COMPONENT_HOST_VSCODE). */
    readonly build: VscodeBuild,
    /** Runs with VS Code's smoke-test driver, which shows notifications in the center, never as toasts. */
    private readonly smokeTestDriver: boolean,
    private readonly webviewSite: WebviewSite | undefined,
  ) {}

  static async start(options: TestBedOptions = {}): Promise<TestBed> {
    const build = installedBuild();
    const tempDir = mkdtempSync(join(tmpdir(), 'component-host-e2e-'));
    const workspace = join(tempDir, 'workspace');
    cpSync(options.workspaceTemplate ?? join(repoRoot, 'examples', 'workspace'), workspace, { recursive: true });
    options.prepareWorkspace?.(workspace);
    const userDir = join(tempDir, 'user');
    mkdirSync(join(userDir, 'User'), { recursive: true });
    writeFileSync(
      join(userDir, 'User', 'settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'window.restoreWindows': 'none',
        // 1.139 opens its Chat view beside the editor and, after a reload, focuses its input, which
        // can close a quick input the test has just opened. Users can turn both off too.
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true,
        ...options.userSettings,
      }),
    );
    const extensionsDir = join(tempDir, 'extensions');
    mkdirSync(extensionsDir);
    for (const folder of options.extraExtensions ?? []) {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        publisher: string;
        name: string;
        version: string;
      };
      cpSync(folder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
    }
    if (options.locale) addLanguagePack(userDir, extensionsDir, options.locale);
    const log: string[] = [];
    const env: NodeJS.ProcessEnv = { ...process.env, PASSWORD: undefined, HASHED_PASSWORD: undefined };

    if (options.vsix) {
      const install = spawnTracked(
        build.nodeBin,
        [build.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDir, '--install-extension', options.vsix],
        { env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      install.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
      install.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
      const code = await new Promise<number | null>((r) => install.once('exit', r));
      if (code !== 0) throw new Error(`installing ${options.vsix} into code-server failed (exit ${code}):\n${log.join('')}`);
    }

    const topology = options.topology === 'remote' ? createRemoteTopology() : localTopology;
    // A fresh namespace has nothing listening: any port is free there.
    const port = topology.kind === 'remote' ? 20_000 + Math.floor(Math.random() * 20_000) : await freePort();
    const authority = `${topology.serverHost}:${port}`;
    const args = [
      build.entry,
      '--auth',
      'none',
      '--bind-addr',
      authority,
      '--user-data-dir',
      userDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
    ];
    if (options.disableWorkspaceTrust !== false) args.push('--disable-workspace-trust');
    const devPath = options.extensionDevelopmentPath === undefined ? repoRoot : options.extensionDevelopmentPath;
    const usesPayload = Boolean(devPath) || options.hostTests !== false;
    // VS Code 1.139 (unlike 1.100) honours the payload's development and test paths only with its smoke-test driver.
    const smokeTestDriver = usesPayload && build.smokeTestDriver === true;
    if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
    if (options.locale) args.push('--locale', options.locale);
    args.push(workspace);
    const codeServer = spawnTracked(...topology.wrap(build.nodeBin, args), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    codeServer.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
    codeServer.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
    const base = `http://${authority}`;

    let host: HostControl | undefined;
    let browser: Browser | undefined;
    let webviewSite: WebviewSite | undefined;
    try {
      await waitFor(
        'code-server to answer /healthz',
        async () => {
          if (codeServer.exitCode !== null) throw new Error(`code-server exited (${codeServer.exitCode}):\n${log.join('')}`);
          const r = await fetch(`${base}/healthz`).catch(() => undefined);
          return r?.ok ? true : undefined;
        },
        60_000,
        200,
      );

      const payload: [string, string][] = [];
      if (devPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`]);
      if (options.hostTests !== false) {
        host = new HostControl();
        const controlUrl = await host.listen(topology.controlHost);
        const runDir = join(tempDir, 'host-tests');
        cpSync(join(repoRoot, 'dist-test', 'host'), runDir, { recursive: true });
        writeFileSync(join(runDir, 'config.json'), JSON.stringify({ controlUrl }));
        payload.push(['extensionTestsPath', `vscode-remote://${authority}${join(runDir, 'index.js')}`]);
      }
      const url = `${base}/?folder=${encodeURIComponent(workspace)}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;

      // Webviews need service workers, hence a secure context: real remote set-ups serve https; on the
      // veth address we serve http, so tell Chromium to treat exactly that origin as secure.
      if (options.webviewsOnOwnSite) webviewSite = await startWebviewSite({ host: topology.serverHost, port }, tempDir);
      const chromiumArgs = [
        ...(topology.kind === 'remote' ? [`--unsafely-treat-insecure-origin-as-secure=${base}`] : []),
        ...(webviewSite?.chromiumArgs ?? []),
      ];
      const contextOptions = { viewport: { width: 1400, height: 900 }, ignoreHTTPSErrors: Boolean(webviewSite) };
      let context: BrowserContext;
      if (webviewSite) {
        // A profile that allows third-party cookies (cookie_controls_mode 0): this Chromium blocks them by
        // default, and with them the service worker of a cross-site webview (VS Code then asks for them).
        const profile = join(tempDir, 'chromium');
        mkdirSync(join(profile, 'Default'), { recursive: true });
        writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
        context = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(chromiumArgs), ...contextOptions });
        browser = context.browser()!;
      } else {
        browser = await launchChromium(chromiumArgs);
        context = await browser.newContext(contextOptions);
      }
      const page = context.pages()[0] ?? (await context.newPage());
      await webviewSite?.configure(page);
      await page.goto(url);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      if (host) await withTimeout(host.connected, 60_000, 'the in-host test runner to connect');
      return new TestBed(base, workspace, page, host, browser, codeServer, tempDir, log, topology, build, smokeTestDriver, webviewSite);
    } catch (err) {
      await browser?.close().catch(() => undefined);
      await host?.close().catch(() => undefined);
      await webviewSite?.close();
      await stopTracked(codeServer);
      topology.dispose();
      rmSync(tempDir, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * Run a command from the palette, as a user would (F1, type, Enter). A command contributed by an
   * extension that is still being scanned is not listed yet: close the palette and look again, as a
   * user would, until `timeoutMs`.
   */
  async runCommand(title: string, timeoutMs = 45_000, page: Page = this.page): Promise<void> {
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Focus the workbench without clicking into the editor (that would move the cursor).
      await page
        .locator('.part.statusbar')
        .click({ position: { x: 5, y: 5 } })
        .catch(() => undefined);
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      // Something that takes focus (a view restored after a reload) closes the palette: open it again.
      const typed = await input.fill(`>${title}`, { timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      const listed =
        typed &&
        (await row.waitFor({ state: 'visible', timeout: 10_000 }).then(
          () => true,
          () => false,
        ));
      if (listed) break;
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`the command "${title}" is not in the command palette after ${timeoutMs} ms`);
    }
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' }).catch(() => undefined);
  }

  /**
   * Where the workbench shows notifications: the toasts, or, where the smoke-test driver suppresses
   * toasts, the notification center (opened as a user does; it lists new ones as they arrive).
   */
  async notifications(): Promise<Locator> {
    if (!this.smokeTestDriver) return this.page.locator('.notifications-toasts');
    const center = this.page.locator('.notifications-center');
    // The command can be lost while focus comes back from another window (a sign-in popup): ask again.
    for (let attempt = 1; ; attempt++) {
      if (!(await center.isVisible())) await this.runCommand('Notifications: Show Notifications');
      try {
        await center.waitFor({ state: 'visible', timeout: 5_000 });
        return center;
      } catch (err) {
        if (attempt === 3) throw err;
        await this.page.bringToFront();
      }
    }
  }

  /** The frame holding our webview's document (VS Code nests it in two iframes). */
  async webviewFrame(selector = '#root[data-nonce]', timeoutMs = 30_000, page: Page = this.page): Promise<Frame> {
    return waitFor(
      `a webview frame with ${selector}`,
      async () => {
        for (const frame of page.frames()) {
          if (frame.isDetached()) continue;
          const found = await frame.$(selector).catch(() => null);
          if (found) return frame;
        }
        return undefined;
      },
      timeoutMs,
      200,
    );
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const file = join(screenshotDir, `${this.build.name}-${name.replace(/[^a-z0-9-]+/gi, '_').slice(0, 80)}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    return file;
  }

  /** A picture of one part of the workbench (the README's screenshots come from here). */
  /** Switch the colour theme as a user does: Preferences: Color Theme, then a click on the theme's label ("Dark Modern"). */
  async pickColorTheme(label: string): Promise<void> {
    const page = this.page;
    const input = page.locator('.quick-input-widget input');
    const row = (start: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${start}`) }).first();
    await page
      .locator('.part.statusbar')
      .click({ position: { x: 5, y: 5 } })
      .catch(() => undefined);
    await page.keyboard.press('F1');
    await input.fill('>Preferences: Color Theme');
    // Click the command itself: Enter would run whichever row the palette ranked first.
    await row('Preferences: Color Theme').click({ timeout: 10_000 });
    await input.fill(label);
    await row(label).click({ timeout: 10_000 });
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  async screenshotOf(selector: string, file: string): Promise<void> {
    mkdirSync(dirname(file), { recursive: true });
    await this.page.locator(selector).first().screenshot({ path: file });
  }

  /** Another browser tab on the same workbench (same workspace, same browser storage), as a user opens one. */
  async newTab(): Promise<Page> {
    const page = await this.page.context().newPage();
    await page.goto(this.page.url());
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return page;
  }

  /** Reload the window, as Developer: Reload Window does; waits for the new extension host. */
  async reload(): Promise<void> {
    const reconnected = this.host?.nextHost();
    await this.page.reload();
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    if (reconnected) await withTimeout(reconnected, 60_000, 'the in-host runner of the reloaded window');
  }

  async stop(): Promise<void> {
    await this.host?.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.webviewSite?.close();
    await stopTracked(this.codeServer);
    this.topology.dispose();
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(extraArgs));
}

function chromiumLaunchOptions(extraArgs: string[]) {
  return {
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  };
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
