// The alert banner over the stage (issue 17): the newest alert the operator has not
// acknowledged, in words, with how many more wait, and buttons to acknowledge. Presentational.

import { LitElement, css, html, nothing } from 'lit';
import { describeAlert, type AlertLogEntry } from '../alerts/alert-log';

/**
 * Reflects `data-count` (unacknowledged alerts) for tests.
 * @fires ls-alert-ack - acknowledge (detail: an alert's id, or 'all')
 */
export class LsAlertBanner extends LitElement {
  static override properties = {
    alerts: { attribute: false },
    limits: { attribute: false },
  };

  static override styles = css`
    :host {
      display: block;
    }
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      background: #b91c1c;
      color: #fff;
      border-radius: 10px;
      padding: 0.5rem 0.75rem;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.5);
    }
    .text {
      flex: 1 1 14rem;
      font-weight: 600;
      font-size: 1.05rem;
    }
    .more {
      font-weight: 400;
      font-size: 0.9rem;
      display: block;
    }
    button {
      min-height: 44px;
      padding: 0 1rem;
      border-radius: 8px;
      border: 2px solid #fff;
      background: #fff;
      color: #7f1d1d;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    button.secondary {
      background: transparent;
      color: #fff;
    }
    button:focus-visible {
      outline: 3px solid #79c0ff;
      outline-offset: 2px;
    }
  `;

  /** Unacknowledged alerts, newest first. */
  declare alerts: readonly AlertLogEntry[];
  /** Each zone's occupancy limit, by alert key's zone slot, for the wording. */
  declare limits: Partial<Record<string, number>>;

  constructor() {
    super();
    this.alerts = [];
    this.limits = {};
  }

  override render() {
    this.dataset.count = String(this.alerts.length);
    const [top, ...rest] = this.alerts;
    if (!top) return nothing;
    const zone = top.key.slice(0, top.key.indexOf('.'));
    return html`<div class="banner" role="alert">
      <span class="text"
        >⚠
        ${describeAlert(top, this.limits[zone])}${
          top.endedAt === null ? '' : ' (ended)'
        }
        ${
          rest.length > 0
            ? html`<span class="more"
                >and ${rest.length} more alert${rest.length === 1 ? '' : 's'}
                waiting</span
              >`
            : nothing
        }</span
      >
      <button @click=${() => this._ack(top.id)}>Acknowledge</button>
      ${
        rest.length > 0
          ? html`<button class="secondary" @click=${() => this._ack('all')}>
              Acknowledge all
            </button>`
          : nothing
      }
    </div>`;
  }

  private _ack(id: number | 'all'): void {
    this.dispatchEvent(
      new CustomEvent('ls-alert-ack', {
        detail: id,
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define('ls-alert-banner', LsAlertBanner);

declare global {
  interface HTMLElementTagNameMap {
    'ls-alert-banner': LsAlertBanner;
  }
  interface GlobalEventHandlersEventMap {
    'ls-alert-ack': CustomEvent<number | 'all'>;
  }
}
