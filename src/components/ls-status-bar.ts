// A small status line: engine and backend, analysed frames per second, latency, people, faces,
// and one chip per browser feature the app works around here (src/app/engine-support.ts).

import { ENGINE_LABEL } from '../shared/engine-choice';
import { LitElement, css, html, nothing } from 'lit';
import type { EngineInfo, LoadProgress } from '../shared/types';

/** A path the app takes because the browser lacks a feature (src/app/engine-support.ts). */
export interface FallbackChip {
  id: string;
  short: string;
  detail: string;
}

/**
 * Live figures of the analysis. Reflects `data-backend`, `data-engine` and `data-tensors` (live
 * tfjs tensors in the worker) for tests. Each fallback is a chip that shows its detail on hover
 * (title) and, for touch screens without hover, below the line when tapped.
 * @csspart bar - the status line
 */
export class LsStatusBar extends LitElement {
  static override properties = {
    info: { attribute: false },
    progress: { attribute: false },
    status: { type: String },
    fps: { type: Number },
    latencyMs: { type: Number },
    inferenceMs: { type: Number },
    tensors: { type: Number },
    faces: { type: Number },
    people: { type: Number },
    sourceLabel: { type: String },
    fallbacks: { attribute: false },
    _openFallback: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      font-size: 0.95rem;
      color: #e6edf3;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 0.6rem;
      align-items: center;
    }
    .chip {
      box-sizing: border-box;
      max-width: 100%;
      background: #1f2630;
      border-radius: 999px;
      padding: 0.3rem 0.75rem;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .chip.reason,
    .chip.loading {
      white-space: normal;
      color: #8b949e;
    }
    .chip.loading {
      color: inherit;
    }
    .chip strong {
      font-weight: 600;
    }
    /* A control, so a 44 px touch target; outlined, so it reads as a note, not a figure. */
    button.chip.fallback {
      min-height: 44px;
      font: inherit;
      color: #f0c674;
      border: 1px solid #6b5a2e;
      cursor: pointer;
    }
    button.chip.fallback[aria-expanded='true'] {
      background: #2d2a1f;
    }
    .fallback-detail {
      flex-basis: 100%;
      margin: 0;
      color: #c9d1d9;
    }
    progress {
      width: 10rem;
      max-width: 100%;
      height: 0.8rem;
    }
    .error {
      color: #ffb4a9;
    }
  `;

  declare info: EngineInfo | null;
  declare progress: LoadProgress;
  declare status: string;
  declare fps: number;
  declare latencyMs: number;
  declare inferenceMs: number;
  declare tensors: number;
  declare faces: number;
  declare people: number;
  declare sourceLabel: string;
  /** Features this browser lacks and what the app does instead; empty where none is missing. */
  declare fallbacks: readonly FallbackChip[];
  /** The fallback whose detail is shown below the line (tapped), or null. */
  declare _openFallback: string | null;

  constructor() {
    super();
    this.info = null;
    this.progress = { fraction: 0, label: '' };
    this.status = 'idle';
    this.fps = 0;
    this.latencyMs = 0;
    this.inferenceMs = 0;
    this.tensors = 0;
    this.faces = 0;
    this.people = 0;
    this.sourceLabel = '';
    this.fallbacks = [];
    this._openFallback = null;
  }

  private _toggle(id: string): void {
    this._openFallback = this._openFallback === id ? null : id;
  }

  override render() {
    if (this.info) {
      this.dataset.backend = this.info.backend;
      this.dataset.engine = this.info.engine;
    }
    this.dataset.tensors = String(this.tensors);
    return html`<div class="bar" part="bar" role="status" aria-live="polite">
      ${
        this.status === 'loading'
          ? html`<span class="chip loading"
              >${this.progress.label}
              <progress
                max="1"
                .value=${this.progress.fraction}
                aria-label="Model loading"
              ></progress>
              ${Math.round(this.progress.fraction * 100)}%</span
            >`
          : nothing
      }
      ${
        this.info
          ? html`<span class="chip"
                >Engine
                <strong class="engine"
                  >${ENGINE_LABEL[this.info.engine]}${this.info.delegate ? ` ${this.info.delegate}` : ''}</strong
                ></span
              >
              <span class="chip" title=${this.info.backendReason}
                >${this.info.engine === 'mediapipe' ? 'Attributes on' : 'Backend'}
                <strong class="backend">${this.info.backend}</strong></span
              >
              <span class="chip reason">${this.info.backendReason}</span>
              <span class="chip">${this.info.modelType}-range detector</span>
              <span class="chip people-lane"
                >${
                  this.info.people
                    ? `People on ${this.info.people.backend}`
                    : this.info.peopleLoading
                      ? 'People: loading…'
                      : 'People: faces only'
                }</span
              >`
          : nothing
      }
      ${
        this.sourceLabel
          ? html`<span class="chip"
                >Source <strong>${this.sourceLabel}</strong></span
              >
              <span class="chip"
                >${
                  // The meter needs two frames in its window: until then a dash, not "0.0",
                  // which would read as stalled. strong.fps appears with the first rate.
                  this.fps > 0
                    ? html`<strong class="fps">${this.fps.toFixed(1)}</strong>`
                    : html`<strong class="fps-pending" title="Not measured yet"
                        >–</strong
                      >`
                }
                fps</span
              >
              <span
                class="chip"
                title="Worker inference ${this.inferenceMs.toFixed(0)} ms; ${this.tensors} tensors in memory"
                >Latency
                <strong class="latency">${this.latencyMs.toFixed(0)}</strong>
                ms</span
              >
              <span class="chip"
                ><strong class="people">${this.people}</strong>
                ${this.people === 1 ? 'person' : 'people'}</span
              >
              <span class="chip"
                ><strong class="faces">${this.faces}</strong>
                ${this.faces === 1 ? 'face' : 'faces'}</span
              >`
          : nothing
      }
      ${this.fallbacks.map(
        (f) =>
          html`<button
            type="button"
            class="chip fallback"
            data-fallback=${f.id}
            title=${f.detail}
            aria-expanded=${this._openFallback === f.id ? 'true' : 'false'}
            @click=${() => this._toggle(f.id)}
          >
            ${f.short}
          </button>`,
      )}
      ${this._renderDetail()}
    </div>`;
  }

  private _renderDetail() {
    const open = this.fallbacks.find((f) => f.id === this._openFallback);
    return open ? html`<p class="fallback-detail">${open.detail}</p>` : nothing;
  }
}

customElements.define('ls-status-bar', LsStatusBar);

declare global {
  interface HTMLElementTagNameMap {
    'ls-status-bar': LsStatusBar;
  }
}
