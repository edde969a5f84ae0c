// The source buttons: sample footage, camera (with picker and front/back switch), video file,
// images. Emits ls-source-select; owns no capture itself.

import { LitElement, css, html, nothing } from 'lit';
import type { SourceRequest } from '../shared/events';
import { ICONS } from './icons';
import type { Facing, SourceKind } from '../shared/kiosk-params';

export interface CameraOption {
  deviceId: string;
  label: string;
}

/**
 * @fires ls-source-select - detail: SourceRequest
 */
export class LsSourcePicker extends LitElement {
  static override properties = {
    active: { type: String },
    cameras: { attribute: false },
    cameraId: { type: String },
    facing: { type: String },
    disabled: { type: Boolean },
  };

  static override styles = css`
    :host {
      display: block;
    }
    .buttons {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
      gap: 0.5rem;
    }
    button,
    label.button,
    select {
      min-height: 48px;
      border-radius: 10px;
      font: inherit;
      font-size: 1rem;
    }
    button,
    label.button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.4rem;
      border: 2px solid #3b4654;
      background: #1f2630;
      color: #e6edf3;
      cursor: pointer;
      padding: 0 0.9rem;
    }
    button[aria-pressed='true'] {
      border-color: #ffb000;
      background: #2d2a1f;
    }
    button:focus-visible,
    label.button:focus-within,
    select:focus-visible {
      outline: 3px solid #79c0ff;
      outline-offset: 2px;
    }
    input[type='file'] {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
    }
    .camera {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    select {
      flex: 1 1 12rem;
      background: #0d1117;
      color: #e6edf3;
      border: 2px solid #3b4654;
      padding: 0 0.5rem;
    }
    .hint {
      color: #8b949e;
      font-size: 0.9rem;
      margin: 0.5rem 0 0;
    }
  `;

  declare active: SourceKind | null;
  declare cameras: CameraOption[];
  declare cameraId: string;
  declare facing: Facing;
  declare disabled: boolean;

  constructor() {
    super();
    this.active = null;
    this.cameras = [];
    this.cameraId = '';
    this.facing = 'user';
    this.disabled = false;
  }

  override render() {
    const pressed = (kind: SourceKind): string => String(this.active === kind);
    return html`<div class="buttons" role="group" aria-label="Video source">
        <button
          id="sample"
          aria-pressed=${pressed('sample')}
          ?disabled=${this.disabled}
          @click=${() => this._emit({ kind: 'sample' })}
        >
          ${ICONS.play} Sample footage
        </button>
        <button
          id="camera"
          aria-pressed=${pressed('camera')}
          ?disabled=${this.disabled}
          @click=${() => this._emit({ kind: 'camera', facing: this.facing })}
        >
          ${ICONS.camera} Camera
        </button>
        <label class="button" aria-pressed=${pressed('video')}>
          ${ICONS.film} Video file
          <input
            id="video-input"
            type="file"
            accept="video/*"
            ?disabled=${this.disabled}
            @change=${this._onFiles}
          />
        </label>
        <label class="button" aria-pressed=${pressed('images')}>
          ${ICONS.image} Image(s)
          <input
            id="image-input"
            type="file"
            accept="image/*"
            multiple
            ?disabled=${this.disabled}
            @change=${this._onFiles}
          />
        </label>
        ${
          this.active
            ? html`<button
                id="stop"
                @click=${() => this._emit({ kind: 'stop' })}
              >
                ${ICONS.stop} Stop
              </button>`
            : nothing
        }
      </div>
      ${this.active === 'camera' ? this._cameraControls() : nothing}
      <p class="hint">Or drop a video or images anywhere on the page.</p>`;
  }

  private _cameraControls() {
    return html`<div class="camera">
      ${
        this.cameras.length > 1
          ? html`<select
              aria-label="Camera"
              @change=${(e: Event) => this._emit({ kind: 'camera', deviceId: (e.target as HTMLSelectElement).value })}
            >
              ${this.cameras.map(
                (c) =>
                  html`<option
                    value=${c.deviceId}
                    ?selected=${c.deviceId === this.cameraId}
                  >
                    ${c.label}
                  </option>`,
              )}
            </select>`
          : nothing
      }
      <button
        id="flip"
        @click=${() => this._emit({ kind: 'camera', facing: this.facing === 'user' ? 'environment' : 'user' })}
      >
        ${ICONS.flip} ${this.facing === 'user' ? 'Back camera' : 'Front camera'}
      </button>
    </div>`;
  }

  private _onFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length > 0) this._emit({ kind: 'files', files });
  }

  private _emit(detail: SourceRequest): void {
    this.dispatchEvent(
      new CustomEvent('ls-source-select', {
        detail,
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define('ls-source-picker', LsSourcePicker);

declare global {
  interface HTMLElementTagNameMap {
    'ls-source-picker': LsSourcePicker;
  }
  interface GlobalEventHandlersEventMap {
    'ls-source-select': CustomEvent<SourceRequest>;
  }
}
