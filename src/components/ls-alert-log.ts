// This session's alerts as a table (issue 17): rule, place, start, end, peak and when each was
// acknowledged. Memory only; the note under it says what is stored instead. Presentational.

import { LitElement, css, html } from 'lit';
import { RULE_LABELS, type AlertLogEntry } from '../alerts/alert-log';

const time = (ms: number | null) =>
  ms === null ? '—' : new Date(ms).toLocaleTimeString();

/**
 * Reflects `data-entries` for tests.
 * @fires ls-alert-ack - acknowledge one alert (detail: its id)
 */
export class LsAlertLog extends LitElement {
  static override properties = { entries: { attribute: false } };

  static override styles = css`
    :host {
      display: block;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.9rem;
      font-variant-numeric: tabular-nums;
    }
    th,
    td {
      text-align: left;
      padding: 0.3rem 0.4rem;
      border-bottom: 1px solid #30363d;
      vertical-align: middle;
    }
    th {
      color: #9da7b3;
      font-weight: 600;
    }
    .scroll {
      max-height: 16rem;
      overflow: auto;
    }
    button {
      min-height: 44px;
      min-width: 44px;
      border-radius: 6px;
      border: 1px solid #30363d;
      background: #21262d;
      color: #e6edf3;
      font: inherit;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid #79c0ff;
      outline-offset: 2px;
    }
    p {
      color: #9da7b3;
      font-size: 0.85rem;
      margin: 0.4rem 0 0;
    }
  `;

  declare entries: readonly AlertLogEntry[];

  constructor() {
    super();
    this.entries = [];
  }

  override render() {
    this.dataset.entries = String(this.entries.length);
    const rows = [...this.entries].reverse();
    return html`${
        rows.length === 0
          ? html`<p>No alert yet this session.</p>`
          : html`<div class="scroll">
              <table>
                <caption class="sr-only" hidden>
                  Alerts this session
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Rule</th>
                    <th scope="col">Where</th>
                    <th scope="col">Start</th>
                    <th scope="col">End</th>
                    <th scope="col">Peak</th>
                    <th scope="col">Acknowledged</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (e) =>
                      html`<tr data-key=${e.key}>
                        <td>${RULE_LABELS[e.rule]}</td>
                        <td>${e.place}</td>
                        <td>${time(e.startedAt)}</td>
                        <td>
                          ${e.endedAt === null ? 'holding' : time(e.endedAt)}
                        </td>
                        <td>${e.peak}</td>
                        <td>
                          ${
                            e.acknowledgedAt === null
                              ? html`<button
                                  @click=${() =>
                                    this.dispatchEvent(
                                      new CustomEvent('ls-alert-ack', {
                                        detail: e.id,
                                        bubbles: true,
                                        composed: true,
                                      }),
                                    )}
                                >
                                  Acknowledge
                                </button>`
                              : time(e.acknowledgedAt)
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <p>
        Kept for this session only, in this page's memory. What is stored is the
        number of alerts per rule and zone in each minute, hour and day.
      </p>`;
  }
}

customElements.define('ls-alert-log', LsAlertLog);

declare global {
  interface HTMLElementTagNameMap {
    'ls-alert-log': LsAlertLog;
  }
}
