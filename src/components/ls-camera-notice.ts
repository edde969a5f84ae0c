// The first-layer notice (EU AI Act Art. 50(3), GDPR Art. 13) shown while a camera is live:
// a compact banner that cannot be dismissed, expandable, with a link to the full privacy page.
// Presentational: imports lit and src/shared only.

import { LitElement, css, html, nothing } from 'lit';
import { firstLayerNotice, type ReviewerConfig } from '../shared/reviewer-docs';

/**
 * Renders nothing unless `open` (a camera is live). Has no close button on purpose: it is a
 * legal notice. Collapsed it is one or two lines; "Details" shows the whole notice. While
 * authorised face matching is on (`config.matching`), it says so first, in a distinct colour,
 * and reflects `data-matching="on"` (else "off") for tests.
 *
 * @fires ls-show-privacy - when the user asks for the full privacy information
 */
export class LsCameraNotice extends LitElement {
  static override properties = {
    config: { attribute: false },
    open: { type: Boolean, reflect: true },
    _expanded: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
    }
    :host(:not([open])) {
      display: none;
    }
    section.matching {
      border-left-color: #785ef0;
    }
    .badge {
      flex: 0 0 auto;
      padding: 0.1rem 0.45rem;
      border-radius: 4px;
      background: #785ef0;
      color: #fff;
      font-weight: 700;
    }
    section {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      padding: 0.25rem 0.25rem 0.25rem 0.75rem;
      background: rgb(22 27 34 / 0.88);
      color: #e6edf3;
      border-left: 4px solid #ffb000;
      border-radius: 8px;
      font-size: 0.85rem;
      line-height: 1.3;
    }
    .short {
      flex: 1 1 16rem;
      margin: 0;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      overflow: hidden;
    }
    ul {
      flex-basis: 100%;
      margin: 0.25rem 0 0.25rem;
      padding-left: 1.1rem;
      color: #e6edf3;
    }
    .buttons {
      display: flex;
      gap: 0.25rem;
    }
    button {
      min-width: 44px;
      min-height: 44px;
      padding: 0 0.6rem;
      border: 0;
      border-radius: 6px;
      background: #1f2630;
      color: #e6edf3;
      font: inherit;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid #79c0ff;
      outline-offset: 1px;
    }
  `;

  declare config: ReviewerConfig | null;
  declare open: boolean;
  declare _expanded: boolean;

  constructor() {
    super();
    this.config = null;
    this.open = false;
    this._expanded = false;
  }

  override render() {
    const matching = this.config?.matching ?? null;
    this.dataset.matching = matching ? 'on' : 'off';
    if (!this.open || !this.config) return nothing;
    const n = firstLayerNotice(this.config);
    return html`<section
      role="region"
      aria-label="Camera notice"
      class=${matching ? 'matching' : ''}
    >
      ${
        matching
          ? html`<strong class="badge">Face matching ON</strong>`
          : nothing
      }
      <p class="short">${n.short}</p>
      <span class="buttons">
        <button
          id="details"
          aria-expanded=${this._expanded ? 'true' : 'false'}
          aria-controls="lines"
          @click=${() => (this._expanded = !this._expanded)}
        >
          ${this._expanded ? 'Less' : 'Details'}
        </button>
        <button id="more" @click=${this._more}>More</button>
      </span>
      ${
        this._expanded
          ? html`<ul id="lines">
              ${n.lines.slice(0, -1).map((l) => html`<li>${l}</li>`)}
            </ul>`
          : nothing
      }
    </section>`;
  }

  private _more(): void {
    this.dispatchEvent(
      new CustomEvent('ls-show-privacy', { bubbles: true, composed: true }),
    );
  }
}

customElements.define('ls-camera-notice', LsCameraNotice);

declare global {
  interface HTMLElementTagNameMap {
    'ls-camera-notice': LsCameraNotice;
  }
  interface GlobalEventHandlersEventMap {
    'ls-show-privacy': CustomEvent<void>;
  }
}
