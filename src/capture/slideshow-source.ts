// Still images played as footage on a canvas: the bundled sample photos, or the user's images.
// Each image is held for a while (with a slow zoom for the sample) and separated by a black gap.
// Images are decoded lazily: only the slide on show and the next SLIDES_AHEAD are held, so
// 100 large photos start at once and hold a few slides' worth of memory, not a hundred.

import { fitWithin, containRect, type Size } from '../shared/geometry';
import type { SourceKind } from '../shared/kiosk-params';
import type { FrameImage, FrameTime } from '../shared/types';
import { slideAt, type SlideshowTiming } from '../shared/slideshow-schedule';
import { SLIDE_MAX_SIDE } from './constants';
import { decodeSlide, inspectImage } from './decode-image';
import type { ImageHeader } from './image-header';
import {
  CaptureError,
  grabFrame,
  nextAnimationFrame,
  type FrameSource,
} from './frame-source';
import { CHOOSE_ANOTHER, nameList } from './messages';
import { elapsedAfterRemoval, slideWindow, slotAt } from './slide-window';

export interface SlideshowOptions {
  kind: SourceKind;
  label: string;
  holdMs: number;
  gapMs: number;
  loop: boolean;
  /** Slow zoom over each hold, 0 for none (e.g. 0.06 = 6 %). */
  zoom: number;
  /** Fixed canvas size; by default the first image's size, long side at most SLIDE_MAX_SIDE. */
  size?: Size;
}

export interface NamedBlob {
  name: string;
  blob: Blob;
}

export interface SkippedFile {
  name: string;
  /** e.g. 'empty (0 bytes)', 'could not be decoded' */
  reason: string;
}

/** An image of the show: its bytes, what its header said, and its bitmap while it is held. */
interface Slide {
  name: string;
  blob: Blob;
  header: ImageHeader | null;
  image: ImageBitmap | null;
}

/** Anything a decode throws (e.g. the browser out of memory while resizing) reads the same. */
const asCaptureError = (err: unknown, name: string): CaptureError =>
  err instanceof CaptureError
    ? err
    : new CaptureError(
        'corrupt-file',
        `“${name}” could not be decoded as an image. ${CHOOSE_ANOTHER}`,
        'could not be decoded',
      );

export class SlideshowSource implements FrameSource {
  readonly element: HTMLCanvasElement;
  readonly kind: SourceKind;
  readonly label: string;
  onEnd: ((error: CaptureError | null) => void) | null = null;
  /**
   * Called once for each image skipped after the show began (its turn came and it could not
   * be decoded, e.g. a photo cut short after its header), with a message fit to show.
   */
  onWarning: ((message: string) => void) | null = null;
  /** Files that could not be shown and were skipped, each with its reason. */
  readonly skipped: SkippedFile[];
  private readonly _ctx: CanvasRenderingContext2D;
  /** The frame clock (time()), never moved. */
  private readonly _started = performance.now();
  /** The slide clock: moved on while a slide waits to be decoded, or when one is dropped. */
  private _scheduleStart = this._started;
  private _lastDraw = this._started;
  private _raf = 0;
  private _stopped = false;
  private _decoding = false;
  /** What was painted last: a slide's bitmap, null for black, undefined before the first. */
  private _shown: ImageBitmap | null | undefined = undefined;

  private constructor(
    private readonly _slides: Slide[],
    skipped: SkippedFile[],
    private readonly _options: SlideshowOptions,
  ) {
    this.kind = _options.kind;
    this.label = _options.label;
    this.skipped = skipped;
    const first = _slides[0].image;
    if (!first) throw new Error('The first slide is not decoded.');
    const size = _options.size ?? fitWithin(first, SLIDE_MAX_SIDE);
    this.element = document.createElement('canvas');
    this.element.width = size.width;
    this.element.height = size.height;
    const ctx = this.element.getContext('2d');
    if (!ctx) throw new Error('2D canvas is unavailable.');
    this._ctx = ctx;
    this._draw();
  }

  /**
   * Reads every image's header first (see inspectImage) and decodes the first that can be
   * shown; the rest are decoded when their turn nears. Images whose header names no known
   * format (or HEIF, which few browsers decode) are decoded once now as a check, so a file
   * that is no image is named with the others at once. Those that cannot be shown are skipped
   * with their reason; none at all is an error.
   */
  static async open(
    items: NamedBlob[],
    options: SlideshowOptions,
  ): Promise<SlideshowSource> {
    const refused: { at: number; name: string; error: CaptureError }[] = [];
    const slides: Slide[] = [];
    for (const [at, { name, blob }] of items.entries()) {
      try {
        const header = await inspectImage(blob, name);
        if (
          slides.length === 0 ||
          header === null ||
          header.format === 'heif'
        ) {
          const image = await decodeSlide(blob, name, header);
          if (slides.length > 0) image.close();
          slides.push({
            name,
            blob,
            header,
            image: slides.length ? null : image,
          });
        } else {
          slides.push({ name, blob, header, image: null });
        }
      } catch (err) {
        refused.push({ at, name, error: asCaptureError(err, name) });
      }
    }
    if (slides.length === 0) {
      if (refused.length === 1) throw refused[0].error;
      const names = nameList(refused.map((r) => r.name));
      const allEmpty = refused.every((r) => r.error.code === 'empty-file');
      throw new CaptureError(
        allEmpty ? 'empty-file' : 'corrupt-file',
        allEmpty
          ? `${names} are empty (0 bytes). ${CHOOSE_ANOTHER}`
          : `${names} could not be opened as images. ${CHOOSE_ANOTHER}`,
      );
    }
    const skipped = refused
      .sort((a, b) => a.at - b.at)
      .map((r) => ({ name: r.name, reason: r.error.reason }));
    return new SlideshowSource(slides, skipped, options);
  }

  size(): Size {
    return { width: this.element.width, height: this.element.height };
  }

  nextFrame(signal: AbortSignal): Promise<void> {
    return nextAnimationFrame(signal);
  }

  time(): FrameTime {
    return { t: performance.now() - this._started, wall: Date.now() };
  }

  grab(maxSide: number): Promise<FrameImage | null> {
    return this._stopped
      ? Promise.resolve(null)
      : grabFrame(this.element, this.size(), maxSide);
  }

  stop(): void {
    this._stopped = true;
    cancelAnimationFrame(this._raf);
    for (const slide of this._slides) {
      slide.image?.close();
      slide.image = null;
    }
  }

  private get _timing(): SlideshowTiming {
    return {
      count: this._slides.length,
      holdMs: this._options.holdMs,
      gapMs: this._options.gapMs,
      loop: this._options.loop,
    };
  }

  private _draw = (): void => {
    if (this._stopped) return;
    const now = performance.now();
    let at = slideAt(now - this._scheduleStart, this._timing);
    if (at.index >= 0 && !this._slides[at.index].image) {
      // Its turn came before it was decoded: the show waits (black) so it keeps its whole hold.
      this._scheduleStart += now - this._lastDraw;
      at = slideAt(now - this._scheduleStart, this._timing);
    }
    this._lastDraw = now;
    if (at.ended) {
      this._stopped = true;
      this.onEnd?.(null);
      return;
    }
    this._hold(slotAt(now - this._scheduleStart, this._timing));
    const image = at.index >= 0 ? this._slides[at.index].image : null;
    if (this._options.zoom > 0 || image !== this._shown)
      this._paint(image, at.progress);
    this._shown = image;
    this._raf = requestAnimationFrame(this._draw);
  };

  /** Keeps the slide in `slot` and the next few decoded, one decode at a time; releases the rest. */
  private _hold(slot: number): void {
    const window = slideWindow(slot, this._slides.length, this._options.loop);
    const keep = new Set(window.map((i) => this._slides[i]));
    for (const slide of this._slides) {
      if (slide.image && !keep.has(slide)) {
        slide.image.close();
        slide.image = null;
      }
    }
    if (this._decoding) return;
    const next = window.map((i) => this._slides[i]).find((s) => !s.image);
    if (next) void this._decode(next);
  }

  private async _decode(slide: Slide): Promise<void> {
    this._decoding = true;
    try {
      const image = await decodeSlide(slide.blob, slide.name, slide.header);
      if (this._stopped || !this._slides.includes(slide)) image.close();
      else slide.image = image;
    } catch (err) {
      if (!this._stopped) this._drop(slide, asCaptureError(err, slide.name));
    } finally {
      this._decoding = false;
    }
  }

  /** Takes a slide that could not be decoded out of the show, and says so once. */
  private _drop(slide: Slide, error: CaptureError): void {
    const index = this._slides.indexOf(slide);
    if (index < 0) return;
    const now = performance.now();
    const elapsed = elapsedAfterRemoval(
      now - this._scheduleStart,
      index,
      this._timing,
    );
    slide.image?.close();
    this._slides.splice(index, 1);
    this._scheduleStart = now - elapsed;
    this.skipped.push({ name: slide.name, reason: error.reason });
    if (this._slides.length === 0) {
      // Only when every image decoded once at the start fails on a later turn.
      this.stop();
      const names = nameList(this.skipped.map((s) => s.name));
      this.onEnd?.(
        new CaptureError(
          'corrupt-file',
          `${names} could not be opened as images.`,
        ),
      );
      return;
    }
    this.onWarning?.(`Skipped “${slide.name}”: ${error.reason}.`);
  }

  private _paint(image: ImageBitmap | null, progress: number): void {
    const { width, height } = this.element;
    const ctx = this._ctx;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    if (!image) return;
    const fit = containRect(image, { width, height });
    const scale = fit.scale * (1 + this._options.zoom * progress);
    const w = image.width * scale;
    const h = image.height * scale;
    ctx.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
  }
}
