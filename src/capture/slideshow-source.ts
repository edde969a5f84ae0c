// Still images played as footage on a canvas: the bundled sample photos, or the user's images.
// Each image is held for a while (with a slow zoom for the sample) and separated by a black gap.

import { fitWithin, containRect, type Size } from '../shared/geometry';
import type { SourceKind } from '../shared/kiosk-params';
import type { FrameImage, FrameTime } from '../shared/types';
import { slideAt, type SlideshowTiming } from '../shared/slideshow-schedule';
import { SLIDE_MAX_SIDE } from './constants';
import { decodeSlide } from './decode-image';
import {
  CaptureError,
  grabFrame,
  nextAnimationFrame,
  type FrameSource,
} from './frame-source';
import { CHOOSE_ANOTHER, nameList } from './messages';

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

export class SlideshowSource implements FrameSource {
  readonly element: HTMLCanvasElement;
  readonly kind: SourceKind;
  readonly label: string;
  onEnd: ((error: CaptureError | null) => void) | null = null;
  /** Files that could not be shown and were skipped, each with its reason. */
  readonly skipped: SkippedFile[];
  private readonly _ctx: CanvasRenderingContext2D;
  private readonly _timing: SlideshowTiming;
  private readonly _started = performance.now();
  private _raf = 0;
  private _stopped = false;
  private _shown = -2;

  private constructor(
    private readonly _images: ImageBitmap[],
    skipped: SkippedFile[],
    private readonly _options: SlideshowOptions,
  ) {
    this.kind = _options.kind;
    this.label = _options.label;
    this.skipped = skipped;
    this._timing = {
      count: _images.length,
      holdMs: _options.holdMs,
      gapMs: _options.gapMs,
      loop: _options.loop,
    };
    const size = _options.size ?? fitWithin(_images[0], SLIDE_MAX_SIDE);
    this.element = document.createElement('canvas');
    this.element.width = size.width;
    this.element.height = size.height;
    const ctx = this.element.getContext('2d');
    if (!ctx) throw new Error('2D canvas is unavailable.');
    this._ctx = ctx;
    this._draw();
  }

  /**
   * Decodes every image first, one at a time and no larger than a slide (see decodeSlide);
   * those that cannot be shown are skipped with their reason, none at all is an error.
   */
  static async open(
    items: NamedBlob[],
    options: SlideshowOptions,
  ): Promise<SlideshowSource> {
    const images: ImageBitmap[] = [];
    const refused: { name: string; error: CaptureError }[] = [];
    for (const item of items) {
      try {
        images.push(await decodeSlide(item.blob, item.name));
      } catch (err) {
        // Anything else (e.g. the browser out of memory while resizing) reads the same.
        const error =
          err instanceof CaptureError
            ? err
            : new CaptureError(
                'corrupt-file',
                `“${item.name}” could not be decoded as an image. ${CHOOSE_ANOTHER}`,
                'could not be decoded',
              );
        refused.push({ name: item.name, error });
      }
    }
    if (images.length === 0) {
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
    const skipped = refused.map((r) => ({
      name: r.name,
      reason: r.error.reason,
    }));
    return new SlideshowSource(images, skipped, options);
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
    for (const image of this._images) image.close();
  }

  private _draw = (): void => {
    if (this._stopped) return;
    const at = slideAt(performance.now() - this._started, this._timing);
    if (at.ended) {
      this._stopped = true;
      this.onEnd?.(null);
      return;
    }
    const animating = this._options.zoom > 0;
    if (animating || at.index !== this._shown)
      this._paint(at.index, at.progress);
    this._shown = at.index;
    this._raf = requestAnimationFrame(this._draw);
  };

  private _paint(index: number, progress: number): void {
    const { width, height } = this.element;
    const ctx = this._ctx;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    if (index < 0) return;
    const image = this._images[index];
    const fit = containRect(image, { width, height });
    const scale = fit.scale * (1 + this._options.zoom * progress);
    const w = image.width * scale;
    const h = image.height * scale;
    ctx.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
  }
}
