// Makes sure the system tools the tests need (Debian's chromium and ffmpeg, and opencv-doc for
// the PETS 2009 clip, OpenCV's vtest.avi) are installed:
// installs missing ones with apt-get when running as root, otherwise says what to run and exits 1.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** @typedef {{ bin: string, pkg: string, data?: boolean }} Tool bin: absolute path or a name looked up on PATH; data: a plain file, not a program */

/** @returns {string} the Chromium binary for browser tests: $LOCALSIGHT_CHROMIUM, else Debian's. */
export const chromiumPath = () =>
  process.env.LOCALSIGHT_CHROMIUM || '/usr/bin/chromium';

/** Resolved once at import time; use chromiumPath() if the environment may change later. */
export const CHROMIUM_PATH = chromiumPath();

/** PETS 2009 S2.L1 view 1 (real CCTV footage, issue 15), as Debian's opencv-doc ships it. */
export const PETS_CLIP = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';

/** Debian's multiarch folder for this machine, e.g. x86_64-linux-gnu. */
const TRIPLET =
  { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[process.arch] ??
  `${process.arch}-linux-gnu`;

/** @returns {string} Firefox for the cross-engine tests: $LOCALSIGHT_FIREFOX, else Debian's ESR. */
export const firefoxPath = () =>
  process.env.LOCALSIGHT_FIREFOX || '/usr/bin/firefox-esr';

/**
 * @type {Tool[]} the other two engines (issue 16): Firefox, and WebKitGTK's WebDriver (its
 * MiniBrowser comes with it) under Xvfb. Installs skip recommended packages, so the GStreamer
 * plugins WebKit plays H.264 with (libav) and draws video with (gl) are named here.
 */
export const ENGINE_TOOLS = [
  { bin: firefoxPath(), pkg: 'firefox-esr' },
  { bin: 'WebKitWebDriver', pkg: 'webkit2gtk-driver' },
  { bin: 'xvfb-run', pkg: 'xvfb' },
  {
    bin: `/usr/lib/${TRIPLET}/gstreamer-1.0/libgstlibav.so`,
    pkg: 'gstreamer1.0-libav',
    data: true,
  },
  {
    bin: `/usr/lib/${TRIPLET}/gstreamer-1.0/libgstopengl.so`,
    pkg: 'gstreamer1.0-gl',
    data: true,
  },
];

/** @type {Tool[]} what `npm test` needs */
export const DEFAULT_TOOLS = [
  { bin: CHROMIUM_PATH, pkg: 'chromium' },
  { bin: 'ffmpeg', pkg: 'ffmpeg' },
  { bin: PETS_CLIP, pkg: 'opencv-doc', data: true },
  ...ENGINE_TOOLS,
];

/** @param {string} file @returns {boolean} an executable regular file */
const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** @param {string} bin @returns {string | undefined} where the tool is, if anywhere */
export const findTool = (bin) => {
  if (bin.includes('/')) return isExecutable(bin) ? bin : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir || '.', bin);
    if (isExecutable(file)) return file;
  }
  return undefined;
};

/** @param {string[]} args @returns {boolean} apt-get ran and succeeded */
const aptGet = (args) => {
  console.log(`$ apt-get ${args.join(' ')}`);
  const res = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (res.error) console.error(`apt-get could not run: ${res.error.message}`);
  return res.status === 0;
};

/**
 * Checks each tool; installs the missing ones through apt-get when root. Returns normally
 * when everything is present, otherwise prints what to do and exits the process with 1.
 * @param {{ tools?: Tool[] }} [options]
 */
export function ensureSystemTools({ tools = DEFAULT_TOOLS } = {}) {
  const present = (/** @type {Tool} */ t) =>
    t.data ? existsSync(t.bin) : findTool(t.bin);
  let missing = tools.filter((t) => !present(t));
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((t) => t.pkg))];
  const names = missing.map((t) => `${t.bin} (Debian package ${t.pkg})`);
  console.log(`Missing system tools: ${names.join(', ')}`);

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Install them, then run the tests again:\n  sudo apt-get install ${pkgs.join(' ')}`,
    );
    process.exit(1);
  }

  const installed =
    aptGet(['update']) &&
    aptGet(['install', '-y', '--no-install-recommends', ...pkgs]);
  missing = tools.filter((t) => !present(t));
  if (!installed || missing.length > 0) {
    const still = missing.map((t) => t.bin).join(', ') || 'none';
    console.error(
      `apt-get install ${pkgs.join(' ')} did not succeed (still missing: ${still}).`,
    );
    process.exit(1);
  }
  console.log(`Installed: ${pkgs.join(' ')}`);
}
