// The detection-engine setting: Auto (the engine measured faster on this device), TensorFlow.js
// or MediaPipe, what runs now and why, and the measured figures with "Measure again".
// Switching takes effect live: the analysis pauses while the other engine loads.

import { panelStyles, choiceStyles } from './panel.styles';
import { LitElement, css, html, nothing } from 'lit';
import {
  describeTimings,
  ENGINE_LABEL,
  ENGINE_PREFERENCES,
} from '../shared/engine-choice';
import type {
  EngineCalibration,
  EngineInfo,
  EnginePreference,
} from '../shared/types';

const CHOICES: Record<EnginePreference, { title: string; text: string }> = {
  auto: {
    title: 'Auto: the faster one here',
    text: 'Both engines are timed on the same sample frames at first start; the faster is kept.',
  },
  tfjs: {
    title: 'TensorFlow.js',
    text: 'BlazeFace as a tfjs graph model, on WebGL where the GPU is real, else WASM.',
  },
  mediapipe: {
    title: 'MediaPipe',
    text: 'The same BlazeFace network in Google’s TFLite runtime (wasm, XNNPACK; WebGL on a real GPU).',
  },
};

/**
 * Reflects `data-engine` (what runs) and `data-setting` for tests.
 * @fires ls-engine-change - detail: EnginePreference
 * @fires ls-engine-measure - the user asked to time both engines again
 */
export class LsEnginePicker extends LitElement {
  static override properties = {
    setting: {},
    info: { attribute: false },
    loading: { type: Boolean },
    reason: {},
    measured: { attribute: false },
    urlEngine: { attribute: false },
  };

  static override styles = [
    panelStyles,
    choiceStyles,
    css`
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
      }
      button:focus-visible {
        outline: 3px solid #79c0ff;
        outline-offset: 2px;
      }
      .now {
        margin: 0.5rem 0 0;
      }
      .measured {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        margin: 0.5rem 0 0;
      }
      button {
        min-height: 44px;
        padding: 0 1rem;
        border-radius: 8px;
        border: 1px solid #30363d;
        background: #21262d;
        color: inherit;
        font: inherit;
        cursor: pointer;
      }
      button:disabled {
        opacity: 0.6;
        cursor: default;
      }
    `,
  ];

  declare setting: EnginePreference;
  declare info: EngineInfo | null;
  declare loading: boolean;
  declare reason: string;
  declare measured: EngineCalibration | null;
  declare urlEngine: EnginePreference | null;

  constructor() {
    super();
    this.setting = 'auto';
    this.info = null;
    this.loading = false;
    this.reason = '';
    this.measured = null;
    this.urlEngine = null;
  }

  override render() {
    const running = this.loading ? null : this.info;
    this.dataset.engine = running?.engine ?? '';
    this.dataset.setting = this.setting;
    // What the last measurement timed, e.g. "mediapipe/GPU:204,mediapipe/CPU:25,tfjs:518".
    this.dataset.timings = (this.info?.timings ?? [])
      .map(
        (t) =>
          `${t.engine}${t.delegate ? `/${t.delegate}` : ''}:${t.ms === null ? 'failed' : Math.round(t.ms)}`,
      )
      .join(',');
    const delegate = running?.delegate ? ` (${running.delegate})` : '';
    return html`<h2>Detection engine</h2>
      <fieldset ?disabled=${this.loading}>
        <legend class="note">
          Both find faces with the same BlazeFace network; age, gender and mood
          run on TensorFlow.js either way.
        </legend>
        ${ENGINE_PREFERENCES.map(
          (choice) =>
            html`<label>
              <input
                type="radio"
                name="engine"
                id=${`engine-${choice}`}
                .checked=${this.setting === choice}
                @change=${() => this._emit('ls-engine-change', choice)}
              />
              <span class="title">${CHOICES[choice].title}</span>
              <span class="text">${CHOICES[choice].text}</span>
            </label>`,
        )}
      </fieldset>
      <p class="now" role="status">
        ${
          running
            ? html`Running
                <strong id="engine-running"
                  >${ENGINE_LABEL[running.engine]}${delegate}</strong
                >: ${this.reason}.`
            : this.loading
              ? html`Loading: ${this.reason}…`
              : 'Not running.'
        }
      </p>
      ${
        this.urlEngine
          ? html`<p class="note" id="engine-url-note">
              The page address sets engine=${this.urlEngine}; your choice here
              applies when the app is opened without it.
            </p>`
          : nothing
      }
      <p class="measured">
        <span class="note" id="engine-measured"
          >${
            this.measured
              ? html`Measured on this device
                ${new Date(this.measured.measuredAt).toLocaleDateString()}:
                ${describeTimings(this.measured)}.`
              : 'Not measured on this device yet.'
          }</span
        >
        <button
          id="engine-measure"
          ?disabled=${this.loading}
          @click=${() => this._emit('ls-engine-measure', undefined)}
        >
          Measure again
        </button>
      </p>`;
  }

  private _emit(type: string, detail: unknown): void {
    this.dispatchEvent(
      new CustomEvent(type, { detail, bubbles: true, composed: true }),
    );
  }
}

customElements.define('ls-engine-picker', LsEnginePicker);

declare global {
  interface HTMLElementTagNameMap {
    'ls-engine-picker': LsEnginePicker;
  }
  interface GlobalEventHandlersEventMap {
    'ls-engine-change': CustomEvent<EnginePreference>;
    'ls-engine-measure': CustomEvent<undefined>;
  }
}
