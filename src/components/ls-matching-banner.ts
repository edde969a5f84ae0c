// The always-visible banner while authorised face matching is on (issue 18): that it is on,
// for what, on which legal basis, and whether the profiles are unlocked (matching now) or
// locked (nothing matched). Presentational.

import { LitElement, css, html } from 'lit';

/** Reflects `data-state` for tests. */
export class LsMatchingBanner extends LitElement {
  static override properties = {
    text: { type: String },
    state: { type: String },
    profiles: { type: Number },
  };

  static override styles = css`
    :host {
      display: block;
      background: #2a1f5c;
      border: 2px solid #785ef0;
      color: #fff;
      border-radius: 8px;
      padding: 0.5rem 0.75rem;
      font-size: 0.95rem;
    }
    strong {
      color: #d6ccff;
    }
    /* Over the picture where the page's notices are hidden (presentation mode). */
    :host([overlay]) {
      position: absolute;
      top: 0.5rem;
      left: 0.5rem;
      right: 0.5rem;
      z-index: 4;
      font-size: 0.85rem;
      opacity: 0.95;
    }
  `;

  /** authorisation.ts bannerText(). */
  declare text: string;
  declare state: 'locked' | 'unlocked';
  declare profiles: number;

  constructor() {
    super();
    this.text = '';
    this.state = 'locked';
    this.profiles = 0;
  }

  override render() {
    return html`<span role="status"
      >${this.text}
      <strong
        >${
          this.state === 'unlocked'
            ? `Matching now: ${this.profiles} enrolled ${this.profiles === 1 ? 'person' : 'people'}.`
            : 'Locked: no one is matched until the operator unlocks the profiles.'
        }</strong
      ></span
    >`;
  }

  protected override updated(): void {
    this.dataset.state = this.state;
  }
}

customElements.define('ls-matching-banner', LsMatchingBanner);

declare global {
  interface HTMLElementTagNameMap {
    'ls-matching-banner': LsMatchingBanner;
  }
}
