// Shows the current source with a box drawn round each detected face. Presentational:
// it renders the element and boxes it is given and emits nothing.

import { LitElement, css, html, type PropertyValues } from 'lit';
import { containRect } from '../shared/geometry';
import type { FaceBox } from '../shared/types';

/**
 * The video (or canvas) of the current source with an overlay of face boxes.
 * Reflects `data-faces` (faces on the latest analysed frame) and `data-frames` for tests.
 * @csspart frame - the box that holds the media and overlay
 */
export class LsStage extends LitElement {
  static override properties = {
    media: { attribute: false },
    faces: { attribute: false },
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
    .empty {
      color: #c9d1d9;
      text-align: center;
      padding: 2rem;
      font-size: 1.1rem;
    }
  `;

  declare media: HTMLVideoElement | HTMLCanvasElement | null;
  declare faces: FaceBox[];
  declare frameWidth: number;
  declare frameHeight: number;
  declare framesAnalysed: number;
  private _resize = new ResizeObserver(() => this._drawOverlay());

  constructor() {
    super();
    this.media = null;
    this.faces = [];
    this.frameWidth = 0;
    this.frameHeight = 0;
    this.framesAnalysed = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize.disconnect();
  }

  override render() {
    if (!this.media)
      return html`<div class="empty">
        <slot name="empty">Pick a source to start.</slot>
      </div>`;
    const ratio =
      this.frameWidth > 0 && this.frameHeight > 0
        ? this.frameWidth / this.frameHeight
        : 4 / 3;
    return html`<div class="frame" part="frame" style="--ratio: ${ratio}">
      ${this.media}<canvas class="overlay" aria-hidden="true"></canvas>
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.dataset.faces = String(this.faces.length);
    this.dataset.frames = String(this.framesAnalysed);
    this.setAttribute('role', 'img');
    this.setAttribute(
      'aria-label',
      this.media
        ? `Live view, ${this.faces.length} face${this.faces.length === 1 ? '' : 's'} detected`
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
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx || this.frameWidth === 0) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const fit = containRect(
      { width: this.frameWidth, height: this.frameHeight },
      { width: cssW, height: cssH },
    );
    const line = Math.max(2, Math.round(cssW / 320));
    ctx.lineWidth = line;
    ctx.font = `600 ${Math.max(13, Math.round(cssW / 45))}px system-ui, sans-serif`;
    for (const face of this.faces) {
      const x = fit.x + face.x * fit.scale;
      const y = fit.y + face.y * fit.scale;
      const w = face.width * fit.scale;
      const h = face.height * fit.scale;
      ctx.strokeStyle = 'rgba(0,0,0,0.6)';
      ctx.strokeRect(x - line, y - line, w + 2 * line, h + 2 * line);
      ctx.strokeStyle = '#ffb000';
      ctx.strokeRect(x, y, w, h);
      const label = `${Math.round(face.score * 100)}%`;
      const tw = ctx.measureText(label).width + 8;
      const th = parseInt(ctx.font.split(' ')[1], 10) + 6;
      ctx.fillStyle = '#ffb000';
      ctx.fillRect(x - line / 2, y - th, tw, th);
      ctx.fillStyle = '#111';
      ctx.fillText(label, x + 4 - line / 2, y - 6);
    }
  }
}

customElements.define('ls-stage', LsStage);

declare global {
  interface HTMLElementTagNameMap {
    'ls-stage': LsStage;
  }
}
