// Starts any of the three engines behind the same EngineDriver interface.

import type { EngineDriver, EngineName } from './engine-driver';
import { launchChromiumDriver } from './chromium-driver';
import { launchFirefoxDriver } from './firefox-driver';
import { launchWebKitDriver } from './webkit-driver';

export interface LaunchEngineOptions {
  /** host:port of the off-machine proxy (off-machine-proxy.ts). */
  proxy: string;
  viewport: { width: number; height: number };
  /** Chromium only: a .y4m file its fake camera plays (the others have test patterns). */
  fakeCameraFile?: string;
}

export const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit'];

export function launchEngine(
  engine: EngineName,
  opts: LaunchEngineOptions,
): Promise<EngineDriver> {
  switch (engine) {
    case 'chromium':
      return launchChromiumDriver(opts);
    case 'firefox':
      return launchFirefoxDriver(opts);
    case 'webkit':
      return launchWebKitDriver(opts);
  }
}
