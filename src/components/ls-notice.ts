// A dismissible message: an error, a warning or information, rendered as text only.

import { LitElement, css, html } from 'lit';

export type NoticeKind = 'error' | 'warning' | 'info';

/**
 * @fires ls-notice-dismiss - when the user closes the notice
 */
export class LsNotice extends LitElement {
  static override properties = {
    kind: { type: String, reflect: true },
    message: { type: String },
  };

  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding: 0.6rem 0.75rem 0.6rem 1rem;
      border-radius: 10px;
      background: #1d2b3a;
      color: #e6edf3;
      border-left: 6px solid #79c0ff;
    }
    :host([kind='error']) {
      background: #3a1d1d;
      border-left-color: #ff7b72;
    }
    :host([kind='warning']) {
      background: #3a321d;
      border-left-color: #ffb000;
    }
    p {
      margin: 0;
      flex: 1;
    }
    button {
      min-width: 44px;
      min-height: 44px;
      border: 0;
      border-radius: 8px;
      background: transparent;
      color: inherit;
      font-size: 1.3rem;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid #79c0ff;
    }
  `;

  declare kind: NoticeKind;
  declare message: string;

  constructor() {
    super();
    this.kind = 'info';
    this.message = '';
  }

  override render() {
    return html`<p role=${this.kind === 'error' ? 'alert' : 'status'}>
        ${this.message}
      </p>
      <button aria-label="Dismiss" @click=${this._dismiss}>×</button>`;
  }

  private _dismiss(): void {
    this.dispatchEvent(
      new CustomEvent('ls-notice-dismiss', { bubbles: true, composed: true }),
    );
  }
}

customElements.define('ls-notice', LsNotice);

declare global {
  interface HTMLElementTagNameMap {
    'ls-notice': LsNotice;
  }
  interface GlobalEventHandlersEventMap {
    'ls-notice-dismiss': CustomEvent<void>;
  }
}
