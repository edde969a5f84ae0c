// The figures a prospect sees beside the video in presentation mode: people in view now and
// this session's exact counts, in large type. A column in landscape, a band in portrait.

import { LitElement, css, html } from 'lit';
import { emptyCounts, type Counts } from '../shared/aggregates';
import { derive } from '../shared/live-figures';

/** Reflects `data-passers-by` (this session) for tests. */
export class LsPresentCounters extends LitElement {
  static override properties = {
    tally: { attribute: false },
    inView: { type: Number },
  };

  static override styles = css`
    :host {
      display: block;
      box-sizing: border-box;
      padding: 1rem;
      background: #0d1117;
      color: #e6edf3;
      overflow: auto;
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1rem;
      color: #9da7b3;
      font-weight: 600;
    }
    dl {
      display: grid;
      grid-template-columns: 1fr;
      gap: 0.6rem;
      margin: 0;
    }
    dl > div {
      background: #161b22;
      border-radius: 10px;
      padding: 0.5rem 0.9rem;
    }
    dl > div.now {
      border-left: 5px solid #ffb000;
    }
    dt {
      color: #9da7b3;
      font-size: 0.95rem;
    }
    dd {
      margin: 0;
      font-size: clamp(1.6rem, 4vmin, 2.6rem);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1.15;
    }
    @media (orientation: portrait) {
      dl {
        grid-template-columns: repeat(3, minmax(0, 1fr));
      }
    }
  `;

  declare tally: Counts | null;
  declare inView: number;

  constructor() {
    super();
    this.tally = null;
    this.inView = 0;
  }

  override render() {
    const d = derive(this.tally ?? emptyCounts());
    this.dataset.passersBy = String(d.passersBy);
    const cell = (label: string, value: number | string | null, cls = '') =>
      html`<div class=${cls}>
        <dt>${label}</dt>
        <dd>${value ?? '–'}</dd>
      </div>`;
    return html`<h2 id="present-counters-h">This session</h2>
      <dl aria-labelledby="present-counters-h">
        ${cell('In view now', this.inView, 'now')}
        ${cell('Passers-by', d.passersBy)} ${cell('Watchers', d.watchers)}
        ${cell('Conversion', d.conversion)} ${cell('Avg. dwell', d.avgDwell)}
        ${cell('Attraction', d.attraction)}
      </dl>`;
  }
}

customElements.define('ls-present-counters', LsPresentCounters);

declare global {
  interface HTMLElementTagNameMap {
    'ls-present-counters': LsPresentCounters;
  }
}
