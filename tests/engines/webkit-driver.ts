// WebKit (WebKitGTK, Safari's engine) through WebKitWebDriver, Debian's webkit2gtk-driver,
// driven with WebdriverIO's `webdriver` protocol client over classic WebDriver. WebKitGTK's
// MiniBrowser needs a display, so the driver runs under xvfb-run (24-bit screen). Off-machine
// traffic goes to the test proxy through the session's proxy capability; the camera is
// WebKit's mock capture device.

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import WebDriver from 'webdriver';

type Capabilities = Parameters<typeof WebDriver.newSession>[0]['capabilities'];
import { freePort } from '../../scripts/lib/app-server';
import {
  pageExpression,
  type EngineDriver,
  type PageFn,
} from './engine-driver';
import type { LaunchEngineOptions } from './engines';

const TRIPLET: Record<string, string> = {
  x64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
};

/** WebKitGTK's MiniBrowser, which WebKitWebDriver starts in automation mode. */
export const miniBrowserPath = (): string =>
  process.env.LOCALSIGHT_MINIBROWSER ||
  `/usr/lib/${TRIPLET[process.arch] ?? `${process.arch}-linux-gnu`}/webkit2gtk-4.1/MiniBrowser`;

/** WebKitWebDriver's and the browser's output (stderr) of the last session. */
const LOG = path.resolve('test-results/engines/webkit-driver.log');

/** A W3C element reference as classic WebDriver returns it from executeScript. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

async function untilListening(
  port: number,
  driver: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null)
      throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('WebKitWebDriver did not start within 30 s');
}

export async function launchWebKitDriver(
  opts: LaunchEngineOptions,
): Promise<EngineDriver> {
  const port = await freePort();
  // Detached: its own process group, so close() ends xvfb-run, Xvfb and the browser together.
  const driver = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1600x1200x24', 'WebKitWebDriver', `--port=${port}`],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  // The whole output is kept on disk: a browser crash leaves its trace there.
  mkdirSync(path.dirname(LOG), { recursive: true });
  const log = createWriteStream(LOG);
  driver.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d).slice(-4000);
    log.write(d);
  });
  const kill = () => {
    try {
      if (driver.pid) process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  // Should the test process end without close() (killed, crashed), take the group along.
  process.once('exit', kill);
  let client: Awaited<ReturnType<typeof WebDriver.newSession>>;
  try {
    await untilListening(port, driver);
    client = await WebDriver.newSession({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      // WebKitGTK's vendor options are not in WebdriverIO's capability types.
      capabilities: {
        'webkitgtk:browserOptions': {
          binary: miniBrowserPath(),
          args: [
            '--automation',
            '--enable-media-stream=true',
            '--enable-mock-capture-devices=true',
          ],
        },
        proxy: {
          proxyType: 'manual',
          httpProxy: opts.proxy,
          sslProxy: opts.proxy,
          // WebKitGTK proxies loopback too unless told not to; the app's origin is direct.
          noProxy: ['127.0.0.1', 'localhost'],
        },
        'wdio:enforceWebDriverClassic': true,
      } as Capabilities,
    });
    await client.setWindowRect(0, 0, opts.viewport.width, opts.viewport.height);
  } catch (err) {
    kill();
    throw new Error(`WebKit could not start: ${String(err)}\n${stderr}`);
  }
  const caps = client.capabilities as {
    browserName?: string;
    browserVersion?: string;
  };
  return {
    engine: 'webkit',
    version: `webkitgtk/${caps.browserVersion ?? '?'}`,
    limits: [
      'classic WebDriver has no console and no network events: the app’s own counters of uncaught errors and CSP violations, and the test proxy, stand in',
    ],
    async goto(url) {
      await client.navigateTo(url);
    },
    async run<A extends unknown[], R>(
      fn: PageFn<A, R>,
      ...args: A
    ): Promise<R> {
      return (await client.executeScript(
        `return ${pageExpression(fn, args)};`,
        [],
      )) as R;
    },
    async setInputFile(find, file) {
      const ref = (await client.executeScript(
        `return ${pageExpression(find, [])};`,
        [],
      )) as Record<string, string> | null;
      const id = ref?.[ELEMENT_KEY];
      if (!id) throw new Error('setInputFile: no element found');
      await client.elementSendKeys(id, file);
    },
    consoleErrors: () => null,
    async screenshot(file) {
      await writeFile(
        file,
        Buffer.from(await client.takeScreenshot(), 'base64'),
      );
    },
    async close() {
      await client.deleteSession().catch(() => undefined);
      kill();
    },
  };
}
