// Shows the current source with a box drawn round each detected face. Presentational:
// it renders the element and boxes it is given and emits nothing.

import { LitElement, css, html, type PropertyValues } from 'lit';
import { containRect } from '../shared/geometry';
import type { PersonView, TrackView } from '../shared/types';
import { faceDescription, personDescription } from './face-label';
import {
  PERSON_COLOUR,
  drawStageLabels,
  faceColour,
  labelFont,
  placeStageLabels,
  rememberLabels,
  strokeBox,
  type LabelMemory,
  type StageLabel,
} from './stage-labels';

/**
 * The video (or canvas) of the current source with an overlay of face boxes.
 * Reflects `data-faces` (faces on the latest analysed frame) and `data-frames` for tests, and
 * `data-labels`, `data-labels-shortened`, `data-labels-dropped` for the labels drawn; where each
 * label went is `labelBoxes`. The faces are also described in a visually hidden list for
 * screen readers.
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
  private _labels: StageLabel[] = [];
  private _memory: LabelMemory = new Map();

  /** The labels on the overlay now, in CSS px from the frame's top left (for layout tests). */
  get labelBoxes(): readonly StageLabel[] {
    return this._labels;
  }

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
    const ctx = canvas?.getContext('2d');
    this._keepLabels([], 0);
    if (!canvas || !ctx) return;
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
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, pxW, pxH);
    if (this.frameWidth === 0) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const fit = containRect(
      { width: this.frameWidth, height: this.frameHeight },
      { width: cssW, height: cssH },
    );
    const line = Math.max(2, Math.round(cssW / 320));
    // People first, thinner and magenta, so the faces drawn over them stay readable.
    const thin = Math.max(1, line - 1);
    const people = this.people.map((person) => ({
      person,
      at: strokeBox(ctx, person.box, fit, thin, PERSON_COLOUR),
    }));
    const faces = this.tracks.map((track) => ({
      track,
      at: strokeBox(ctx, track.box, fit, line, faceColour(track)),
    }));
    // A small stage (the corner video off the live view) shows boxes only: labels would hide it.
    if (cssW < 400) return;
    const fontPx = Math.max(14, Math.round(cssW / 48));
    const { labels, dropped } = placeStageLabels(
      {
        faces,
        people,
        size: { width: cssW, height: cssH },
        fontPx,
        smallPx: Math.max(12, Math.round(fontPx * 0.8)),
        line,
      },
      (text, px) => {
        ctx.font = labelFont(px);
        return ctx.measureText(text).width;
      },
      this._memory,
    );
    drawStageLabels(ctx, labels, thin);
    this._keepLabels(labels, dropped);
  }

  private _keepLabels(labels: StageLabel[], dropped: number): void {
    this._labels = labels;
    if (labels.length) this._memory = rememberLabels(labels);
    this.dataset.labels = String(labels.length);
    this.dataset.labelsShortened = String(
      labels.filter((l) => l.variant > 0).length,
    );
    this.dataset.labelsDropped = String(dropped);
  }
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
