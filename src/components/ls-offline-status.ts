// The offline copy's state (a header pill with progress while saving) and, when a new
// version waits, a banner offering it. Presentational: renders props, emits ls-apply-update.

import { LitElement, css, html, nothing } from 'lit';
import { describeOffline, describeUpdate } from '../shared/offline-figures';
import type { OfflineState } from '../shared/pwa-types';

/**
 * Reflects `data-offline` (the state's kind) and `data-update` ("ready" when one waits) for tests.
 * @fires ls-apply-update - when the user accepts the new version
 */
export class LsOfflineStatus extends LitElement {
  static override properties = {
    offline: { attribute: false },
    updateReady: { type: Boolean },
    running: { type: Boolean },
    show: { type: String },
    build: { type: String },
  };

  static override styles = css`
    :host {
      display: contents;
      color: #e6edf3;
    }
    .pill {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-height: 32px;
      padding: 0.2rem 0.75rem;
      border-radius: 999px;
      background: #161b22;
      border: 1px solid #30363d;
      font-size: 0.85rem;
      white-space: nowrap;
    }
    .pill[data-tone='ok'] {
      border-color: #2ea043;
    }
    .pill[data-tone='warning'] {
      border-color: #ffb000;
    }
    progress {
      width: 6rem;
      accent-color: #79c0ff;
    }
    .update {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      padding: 0.6rem 0.75rem 0.6rem 1rem;
      border-radius: 10px;
      background: #1d2b3a;
      border-left: 6px solid #79c0ff;
    }
    .update p {
      margin: 0;
      flex: 1 1 16rem;
    }
    button {
      min-height: 44px;
      min-width: 44px;
      padding: 0 1rem;
      border-radius: 8px;
      border: 1px solid #388bfd;
      background: #1f6feb;
      color: #fff;
      font: inherit;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid #f2cc60;
      outline-offset: 2px;
    }
  `;

  declare offline: OfflineState;
  declare updateReady: boolean;
  declare running: boolean;
  /** 'pill': the offline state (for the header); 'update': the banner, when one waits. */
  declare show: 'pill' | 'update';
  /** This build's name, shown in the pill's tooltip. */
  declare build: string;

  constructor() {
    super();
    this.offline = { kind: 'registering' };
    this.updateReady = false;
    this.running = false;
    this.show = 'pill';
    this.build = '';
  }

  override render() {
    this.dataset.offline = this.offline.kind;
    this.dataset.update = this.updateReady ? 'ready' : 'none';
    const text = describeOffline(this.offline);
    const update = describeUpdate(this.running);
    if (this.show === 'update') {
      return this.updateReady
        ? html`<div class="update" part="update" role="status">
            <p>${update.message}</p>
            ${
              update.canApply
                ? html`<button id="apply-update" @click=${this._apply}>
                    Restart into the new version
                  </button>`
                : nothing
            }
          </div>`
        : nothing;
    }
    return text.label
      ? html`<span
          class="pill"
          part="pill"
          role="status"
          data-tone=${text.tone}
          title=${`${text.detail} Version ${this.build}.`}
          aria-label=${text.detail}
          >${
            text.progress !== null
              ? html`<progress
                  max="100"
                  value=${Math.round(text.progress * 100)}
                ></progress>`
              : text.tone === 'ok'
                ? '✓'
                : nothing
          }
          ${text.label}</span
        >`
      : nothing;
  }

  private _apply(): void {
    this.dispatchEvent(
      new CustomEvent('ls-apply-update', { bubbles: true, composed: true }),
    );
  }
}

customElements.define('ls-offline-status', LsOfflineStatus);

declare global {
  interface HTMLElementTagNameMap {
    'ls-offline-status': LsOfflineStatus;
  }
  interface GlobalEventHandlersEventMap {
    'ls-apply-update': CustomEvent<void>;
  }
}
