// Makes sure the system tools the tests need (Debian's chromium and ffmpeg) are installed:
// installs missing ones with apt-get when running as root, otherwise says what to run and exits 1.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** @typedef {{ bin: string, pkg: string }} Tool bin: absolute path or a name looked up on PATH */

/** @returns {string} the Chromium binary for browser tests: $LOCALSIGHT_CHROMIUM, else Debian's. */
export const chromiumPath = () =>
  process.env.LOCALSIGHT_CHROMIUM || '/usr/bin/chromium';

/** Resolved once at import time; use chromiumPath() if the environment may change later. */
export const CHROMIUM_PATH = chromiumPath();

/** @type {Tool[]} what `npm test` needs */
export const DEFAULT_TOOLS = [
  { bin: CHROMIUM_PATH, pkg: 'chromium' },
  { bin: 'ffmpeg', pkg: 'ffmpeg' },
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
  let missing = tools.filter((t) => !findTool(t.bin));
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
  missing = tools.filter((t) => !findTool(t.bin));
  if (!installed || missing.length > 0) {
    const still = missing.map((t) => t.bin).join(', ') || 'none';
    console.error(
      `apt-get install ${pkgs.join(' ')} did not succeed (still missing: ${still}).`,
    );
    process.exit(1);
  }
  console.log(`Installed: ${pkgs.join(' ')}`);
}
