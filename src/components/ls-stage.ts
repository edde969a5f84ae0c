// Shows the current source with a box drawn round each detected face. Presentational:
// it renders the element and boxes it is given and emits nothing.

import { LitElement, css, html, type PropertyValues } from 'lit';
import { containRect } from '../shared/geometry';
import type { PersonView, TrackView } from '../shared/types';
import {
  faceDescription,
  faceLabelLines,
  personDescription,
  personLabelLine,
} from './face-label';

/**
 * The video (or canvas) of the current source with an overlay of face boxes.
 * Reflects `data-faces` (faces on the latest analysed frame) and `data-frames` for tests;
 * the faces are also described in a visually hidden list for screen readers.
 * @csspart frame - the box that holds the media and overlay
 */
export class LsStage extends LitElement {
  static override properties = {
    media: { attribute: false },
    tracks: { attribute: false },
    people: { attribute: false },
    frameWidth: { type: Number },
    frameHeight: { type: Number },
    framesAnalysed: { type: Number },
  };

  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      justify-content: center;
      min-height: 0;
      min-width: 0;
      container-type: size;
      background: #0b0d10;
      border-radius: 12px;
      overflow: hidden;
    }
    .frame {
      position: relative;
      width: min(100cqw, calc(100cqh * var(--ratio, 1.3333)));
      aspect-ratio: var(--ratio, 1.3333);
    }
    .frame > video,
    .frame > canvas {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
      display: block;
    }
    .frame > canvas.overlay {
      pointer-events: none;
    }
    /* Zones and lines (issue 17) sit over the picture, in the same box. */
    ::slotted([slot='overlay']) {
      position: absolute;
      inset: 0;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      margin: 0;
      padding: 0;
    }
    .empty {
      color: #c9d1d9;
      text-align: center;
      padding: 2rem;
      font-size: 1.1rem;
    }
  `;

  declare media: HTMLVideoElement | HTMLCanvasElement | null;
  declare tracks: TrackView[];
  declare people: PersonView[];
  declare frameWidth: number;
  declare frameHeight: number;
  declare framesAnalysed: number;
  private _resize = new ResizeObserver(() => this._drawOverlay());

  constructor() {
    super();
    this.media = null;
    this.tracks = [];
    this.people = [];
    this.frameWidth = 0;
    this.frameHeight = 0;
    this.framesAnalysed = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Only when the frame size changes, not on every analysed frame. Through the CSSOM: a
    // style="" attribute (even styleMap's first render) breaks the CSP.
    if (changed.has('frameWidth') || changed.has('frameHeight')) {
      const ratio =
        this.frameWidth > 0 && this.frameHeight > 0
          ? this.frameWidth / this.frameHeight
          : 4 / 3;
      this.style.setProperty('--ratio', String(ratio));
    }
  }

  override render() {
    if (!this.media)
      return html`<div class="empty">
        <slot name="empty">Pick a source to start.</slot>
      </div>`;
    return html`<div class="frame" part="frame">
        ${this.media}<canvas class="overlay" aria-hidden="true"></canvas>
        <slot name="overlay"></slot>
      </div>
      <ul class="sr-only" aria-label="Faces in view">
        ${this.tracks.map(
          (t) =>
            html`<li
              data-x=${Math.round(t.box.x)}
              data-age=${t.ageGroup ?? ''}
              data-gender=${t.gender ?? ''}
              data-mood=${t.mood ?? ''}
              data-match=${t.match?.label ?? ''}
            >
              ${faceDescription(t)}
            </li>`,
        )}
      </ul>
      <div class="sr-only" role="list" aria-label="People in view">
        ${this.people.map(
          (p) =>
            html`<div role="listitem" data-x=${Math.round(p.box.x)}>
              ${personDescription(p)}
            </div>`,
        )}
      </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.dataset.faces = String(this.tracks.length);
    this.dataset.people = String(this.people.length);
    this.dataset.frames = String(this.framesAnalysed);
    this.setAttribute('role', 'img');
    this.setAttribute(
      'aria-label',
      this.media
        ? `Live view, ${plural(this.people.length, 'person', 'people')} and ${plural(this.tracks.length, 'face', 'faces')} in view`
        : 'No source',
    );
    if (changed.has('media')) {
      this._resize.disconnect();
      const frame = this.renderRoot.querySelector('.frame');
      if (frame) this._resize.observe(frame);
    }
    this._drawOverlay();
  }

  private _drawOverlay(): void {
    const canvas =
      this.renderRoot.querySelector<HTMLCanvasElement>('canvas.overlay');
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const cssW = canvas.clientWidth;
    const cssH = canvas.clientHeight;
    const pxW = Math.round(cssW * dpr);
    const pxH = Math.round(cssH * dpr);
    // Reallocate the backing store only when the size changes, not on every frame.
    if (canvas.width !== pxW || canvas.height !== pxH) {
      canvas.width = pxW;
      canvas.height = pxH;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, pxW, pxH);
    if (this.frameWidth === 0) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const fit = containRect(
      { width: this.frameWidth, height: this.frameHeight },
      { width: cssW, height: cssH },
    );
    const line = Math.max(2, Math.round(cssW / 320));
    const fontPx = Math.max(14, Math.round(cssW / 48));
    ctx.font = `600 ${fontPx}px system-ui, 'DejaVu Sans', sans-serif`;
    ctx.textBaseline = 'top';
    // A small stage (the corner video off the live view) shows boxes only: labels would hide it.
    const labels = cssW >= 400;
    // People first, thinner and magenta, so the faces drawn over them stay readable.
    const smallPx = Math.max(12, Math.round(fontPx * 0.8));
    for (const person of this.people) {
      const { x, y } = strokeBox(
        ctx,
        person.box,
        fit,
        Math.max(1, line - 1),
        PERSON_COLOUR,
      );
      // A person whose face is labelled already needs no second label.
      if (!labels || person.faceId) continue;
      ctx.font = `600 ${smallPx}px system-ui, 'DejaVu Sans', sans-serif`;
      const lineH = Math.round(smallPx * 1.25) + Math.round(smallPx * 0.3);
      this._drawLabel(
        ctx,
        [personLabelLine(person)],
        x,
        y - lineH,
        PERSON_COLOUR,
        smallPx,
        { width: cssW, height: cssH },
      );
    }
    ctx.font = `600 ${fontPx}px system-ui, 'DejaVu Sans', sans-serif`;
    for (const track of this.tracks) {
      // Amber when looking at the camera, blue when not (IBM colour-blind-safe pair); white
      // for an enrolled person matched under authorised matching (issue 18).
      const colour = track.match
        ? MATCH_COLOUR
        : track.facing
          ? '#ffb000'
          : '#648fff';
      const { x, y, h } = strokeBox(ctx, track.box, fit, line, colour);
      if (!labels) continue;
      this._drawLabel(
        ctx,
        faceLabelLines(track),
        x,
        y + h + line,
        colour,
        fontPx,
        { width: cssW, height: cssH },
      );
    }
  }

  private _drawLabel(
    ctx: CanvasRenderingContext2D,
    lines: string[],
    x: number,
    y: number,
    colour: string,
    fontPx: number,
    bounds: { width: number; height: number },
  ): void {
    const pad = Math.round(fontPx * 0.3);
    const lineH = Math.round(fontPx * 1.25);
    const width =
      Math.max(...lines.map((l) => ctx.measureText(l).width)) + 2 * pad;
    const height = lines.length * lineH + pad;
    // Keep the label inside the picture, whatever the face's position.
    const top = Math.max(0, Math.min(y, bounds.height - height));
    const left = Math.max(0, Math.min(x, bounds.width - width));
    ctx.fillStyle = colour;
    ctx.fillRect(left, top, width, height);
    ctx.fillStyle = '#111';
    lines.forEach((l, i) =>
      ctx.fillText(l, left + pad, top + pad / 2 + i * lineH + 1),
    );
  }
}

const MATCH_COLOUR = '#ffffff';
const PERSON_COLOUR = '#dc267f'; // IBM colour-blind-safe magenta, apart from the face colours

/** Draws `box` (frame pixels) on the overlay with a dark outline; returns where it went. */
function strokeBox(
  ctx: CanvasRenderingContext2D,
  box: { x: number; y: number; width: number; height: number },
  fit: { x: number; y: number; scale: number },
  line: number,
  colour: string,
): { x: number; y: number; w: number; h: number } {
  const x = fit.x + box.x * fit.scale;
  const y = fit.y + box.y * fit.scale;
  const w = box.width * fit.scale;
  const h = box.height * fit.scale;
  ctx.lineWidth = line + 2;
  ctx.strokeStyle = 'rgba(0,0,0,0.6)';
  ctx.strokeRect(x, y, w, h);
  ctx.lineWidth = line;
  ctx.strokeStyle = colour;
  ctx.strokeRect(x, y, w, h);
  return { x, y, w, h };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

customElements.define('ls-stage', LsStage);

declare global {
  interface HTMLElementTagNameMap {
    'ls-stage': LsStage;
  }
}
