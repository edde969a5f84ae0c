// Renders LocalSight's app icons with Debian's Chromium (playwright-core): public/icon.svg (the
// favicon) and the PNGs of the web app manifest in public/icons/. The design lives here, as SVG
// built from one motif (an eye whose iris is a privacy shield with a keyhole, inside viewfinder
// corners) so every variant stays in step; edit it here, not in the output files.
// Each PNG is checked: its IHDR size, and its corners' alpha (transparent for purpose "any",
// opaque for the full-bleed maskable and Apple icons). Usage: node scripts/make-icons.mjs

/* global document, Image -- the page.evaluate callbacks run in Chromium */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/prereqs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'public/icons');
const FAVICON = path.join(ROOT, 'public/icon.svg');

const BG = '#0d1117';
const INK = '#e6edf3';
const AMBER = '#ffb000';
const FRAME = '#5c6b7a';

/** Everything is drawn on a 512 × 512 canvas centred on (256, 256). */
const VIEW = 512;

/** The eye (an almond outline) with a shield for an iris, and a keyhole in the shield. */
const EYE = [
  `<path d="M40 256C120 120 392 120 472 256C392 392 120 392 40 256Z" fill="#161b22" stroke="${INK}" stroke-width="30" stroke-linejoin="round"/>`,
  `<path d="M256 150L340 180V256C340 312 304 350 256 372C208 350 172 312 172 256V180Z" fill="${AMBER}"/>`,
  `<circle cx="256" cy="240" r="28" fill="${BG}"/>`,
  `<path d="M244 252H268L278 318H234Z" fill="${BG}"/>`,
].join('');

/** Viewfinder corners (the CCTV frame), drawn outside the eye. */
const CORNERS = [
  'M60 140V60H140',
  'M372 60H452V140',
  'M452 372V452H372',
  'M140 452H60V372',
]
  .map(
    (d) =>
      `<path d="${d}" fill="none" stroke="${FRAME}" stroke-width="22" stroke-linecap="round" stroke-linejoin="round"/>`,
  )
  .join('');

/**
 * The app icon as SVG.
 * @param {object} o
 * @param {number} [o.size] width and height attributes (omitted: scales to its box)
 * @param {boolean} o.fullBleed square opaque background (maskable, Apple) instead of a rounded tile
 * @param {number} o.scale motif scale about the centre; maskable icons keep it inside the
 *   central 80 % circle (radius 0.4 × size), which the viewfinder corners reach at 0.69
 * @returns {string}
 */
function appIcon({ size, fullBleed, scale }) {
  const dims = size ? ` width="${size}" height="${size}"` : '';
  const bg = fullBleed
    ? `<rect width="${VIEW}" height="${VIEW}" fill="${BG}"/>`
    : `<rect width="${VIEW}" height="${VIEW}" rx="112" fill="${BG}"/>`;
  const c = VIEW / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${VIEW} ${VIEW}"${dims}>` +
    bg +
    `<g transform="translate(${c} ${c}) scale(${scale}) translate(${-c} ${-c})">` +
    CORNERS +
    EYE +
    '</g></svg>'
  );
}

/** A shortcut icon: a round dark badge with a glyph, on a 96 × 96 canvas. */
function shortcutIcon(glyph, size) {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="${size}" height="${size}">` +
    `<rect width="96" height="96" rx="22" fill="${BG}"/>${glyph}</svg>`
  );
}

/** A camera: body, viewfinder bump, amber lens. */
const CAMERA = [
  `<path d="M34 28H62L67 36H76A6 6 0 0 1 82 42V70A6 6 0 0 1 76 76H20A6 6 0 0 1 14 70V42A6 6 0 0 1 20 36H29Z" fill="${INK}"/>`,
  `<circle cx="48" cy="56" r="14" fill="${BG}"/>`,
  `<circle cx="48" cy="56" r="9" fill="${AMBER}"/>`,
  `<circle cx="72" cy="44" r="3" fill="${BG}"/>`,
].join('');

/** A film frame with sprocket holes and an amber play triangle. */
const FILM = [
  `<rect x="14" y="18" width="68" height="60" rx="6" fill="${INK}"/>`,
  ...[24, 38, 52, 66].flatMap((y) => [
    `<rect x="18" y="${y}" width="7" height="6" rx="1.5" fill="${BG}"/>`,
    `<rect x="71" y="${y}" width="7" height="6" rx="1.5" fill="${BG}"/>`,
  ]),
  `<rect x="30" y="22" width="36" height="52" rx="3" fill="${BG}"/>`,
  `<path d="M40 36L60 48L40 60Z" fill="${AMBER}" stroke="${AMBER}" stroke-width="4" stroke-linejoin="round"/>`,
].join('');

/** @type {{ file: string, size: number, svg: string, corners: 'transparent' | 'opaque' }[]} */
const ICONS = [
  ...[192, 512].map((size) => ({
    file: `icon-${size}.png`,
    size,
    svg: appIcon({ size, fullBleed: false, scale: 0.92 }),
    corners: /** @type {const} */ ('transparent'),
  })),
  ...[192, 512].map((size) => ({
    file: `maskable-${size}.png`,
    size,
    svg: appIcon({ size, fullBleed: true, scale: 0.66 }),
    corners: /** @type {const} */ ('opaque'),
  })),
  {
    // iOS rounds the corners itself and shows transparency as black: full bleed, a little inset.
    file: 'apple-touch-icon-180.png',
    size: 180,
    svg: appIcon({ size: 180, fullBleed: true, scale: 0.9 }),
    corners: 'opaque',
  },
  {
    file: 'shortcut-camera.png',
    size: 96,
    svg: shortcutIcon(CAMERA, 96),
    corners: 'transparent',
  },
  {
    file: 'shortcut-sample.png',
    size: 96,
    svg: shortcutIcon(FILM, 96),
    corners: 'transparent',
  },
];

/** @param {Buffer} png @returns {{ width: number, height: number }} from the IHDR chunk */
function pngSize(png) {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature) {
    throw new Error('not a PNG (bad signature)');
  }
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw new Error('not a PNG (first chunk is not IHDR)');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function main() {
  await fs.mkdir(OUT_DIR, { recursive: true });
  await fs.writeFile(
    FAVICON,
    appIcon({ fullBleed: false, scale: 0.92 }) + '\n',
    'utf8',
  );
  console.log(`icons: wrote ${path.relative(ROOT, FAVICON)}`);

  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const failures = [];
  try {
    const context = await browser.newContext({ deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const icon of ICONS) {
      const { file, size, svg } = icon;
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${svg}</body></html>`,
      );
      const png = await page.screenshot({
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      const { width, height } = pngSize(png);
      if (width !== size || height !== size) {
        failures.push(`${file}: ${width}×${height}, expected ${size}×${size}`);
      }
      // Read the PNG back: corner alpha, and (maskable) whether anything but background
      // lies outside the safe zone, the central circle of radius 0.4 × size.
      const { alphas, outside } = await page.evaluate(
        async ({ dataUrl, safeZone, bg }) => {
          const img = new Image();
          img.src = dataUrl;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const ctx = canvas.getContext('2d');
          if (!ctx) throw new Error('no 2d context');
          ctx.drawImage(img, 0, 0);
          const { width: w, height: h } = canvas;
          const px = ctx.getImageData(0, 0, w, h).data;
          const alphaAt = (x, y) => px[(y * w + x) * 4 + 3];
          let outsideCount = 0;
          if (safeZone) {
            const r = 0.4 * w;
            for (let y = 0; y < h; y++) {
              for (let x = 0; x < w; x++) {
                if (Math.hypot(x + 0.5 - w / 2, y + 0.5 - h / 2) <= r) continue;
                const i = (y * w + x) * 4;
                const off = Math.max(
                  Math.abs(px[i] - bg[0]),
                  Math.abs(px[i + 1] - bg[1]),
                  Math.abs(px[i + 2] - bg[2]),
                );
                if (off > 2 || px[i + 3] !== 255) outsideCount++;
              }
            }
          }
          return {
            alphas: [
              alphaAt(0, 0),
              alphaAt(w - 1, 0),
              alphaAt(0, h - 1),
              alphaAt(w - 1, h - 1),
            ],
            outside: outsideCount,
          };
        },
        {
          dataUrl: `data:image/png;base64,${png.toString('base64')}`,
          safeZone: file.startsWith('maskable-'),
          bg: [0x0d, 0x11, 0x17],
        },
      );
      const ok =
        icon.corners === 'opaque'
          ? alphas.every((a) => a === 255)
          : alphas.every((a) => a === 0);
      if (!ok) {
        failures.push(
          `${file}: corner alpha ${alphas.join(',')}, expected ${icon.corners}`,
        );
      }
      if (outside > 0) {
        failures.push(
          `${file}: ${outside} pixels of the motif outside the 80 % safe zone`,
        );
      }
      await fs.writeFile(path.join(OUT_DIR, file), png);
      console.log(
        `icons: wrote ${path.relative(ROOT, path.join(OUT_DIR, file))} (${width}×${height}, ${png.length} bytes)`,
      );
    }
  } finally {
    await browser.close();
  }
  if (failures.length) {
    throw new Error(`icons: wrong output:\n  ${failures.join('\n  ')}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
