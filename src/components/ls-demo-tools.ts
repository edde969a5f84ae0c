// The sales rep's buttons in the live view: present (full screen for the prospect) and reset
// the demo, which asks first in a dialog. Presentational: it emits events, the shell acts.

import { LitElement, css, html } from 'lit';
import { ICONS } from './icons';

/**
 * @fires ls-present - the user asked to present the live view
 * @fires ls-reset-demo - the user confirmed deleting every stored count and this session's figures
 */
export class LsDemoTools extends LitElement {
  static override properties = { busy: { type: Boolean } };

  static override styles = css`
    :host {
      display: block;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    /* As wide as their labels, then sharing the row; a narrow panel stacks them. */
    .row > button {
      flex: 1 1 auto;
      white-space: nowrap;
    }
    svg {
      flex-shrink: 0;
    }
    button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.4rem;
      min-height: 48px;
      min-width: 44px;
      padding: 0 0.9rem;
      border-radius: 10px;
      border: 2px solid #3b4654;
      background: #1f2630;
      color: #e6edf3;
      font: inherit;
      font-size: 1rem;
      cursor: pointer;
    }
    button.danger {
      border-color: #d55e00;
      color: #ffb4a1;
    }
    button:focus-visible {
      outline: 3px solid #79c0ff;
      outline-offset: 2px;
    }
    button:disabled {
      opacity: 0.6;
      cursor: default;
    }
    dialog {
      background: #161b22;
      color: #e6edf3;
      border: 1px solid #30363d;
      border-radius: 12px;
      max-width: min(30rem, calc(100vw - 2rem));
      padding: 1.25rem;
    }
    dialog::backdrop {
      background: rgba(0, 0, 0, 0.6);
    }
    h2 {
      font-size: 1.15rem;
      margin: 0 0 0.75rem;
    }
    p {
      margin: 0 0 0.75rem;
      color: #c9d1d9;
      line-height: 1.45;
    }
    dialog .row {
      justify-content: flex-end;
      margin-top: 1rem;
    }
  `;

  declare busy: boolean;

  constructor() {
    super();
    this.busy = false;
  }

  override render() {
    return html`<div class="row" role="group" aria-label="Demo">
        <button
          id="present"
          title="Full screen for the prospect; tap the screen for the controls"
          @click=${() => this._emit('ls-present')}
        >
          ${ICONS.expand} Present
        </button>
        <button
          id="reset-demo"
          class="danger"
          ?disabled=${this.busy}
          @click=${this._ask}
        >
          ${ICONS.reset} Reset demo…
        </button>
      </div>
      <dialog
        id="reset-demo-dialog"
        aria-labelledby="reset-demo-title"
        aria-describedby="reset-demo-text"
      >
        <h2 id="reset-demo-title">Reset the demo?</h2>
        <div id="reset-demo-text">
          <p>
            This stops the video and deletes every count stored on this device
            (today’s figures and the whole history, in every LocalSight tab) and
            this session’s figures. It cannot be undone.
          </p>
          <p>
            The settings are kept: which estimates run, retention and the
            threshold.
          </p>
        </div>
        <div class="row">
          <button id="reset-demo-cancel" @click=${this._close}>Cancel</button>
          <button
            id="reset-demo-confirm"
            class="danger"
            @click=${this._confirm}
          >
            Reset demo
          </button>
        </div>
      </dialog>`;
  }

  private get _dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  // Cancel comes first, so it has the focus when the dialog opens: Enter never deletes.
  private _ask = (): void => this._dialog?.showModal();

  private _close = (): void => this._dialog?.close();

  private _confirm = (): void => {
    this._close();
    this._emit('ls-reset-demo');
  };

  private _emit(name: 'ls-present' | 'ls-reset-demo'): void {
    this.dispatchEvent(
      new CustomEvent(name, { bubbles: true, composed: true }),
    );
  }
}

customElements.define('ls-demo-tools', LsDemoTools);

declare global {
  interface HTMLElementTagNameMap {
    'ls-demo-tools': LsDemoTools;
  }
  interface GlobalEventHandlersEventMap {
    'ls-present': CustomEvent<void>;
    'ls-reset-demo': CustomEvent<void>;
  }
}
