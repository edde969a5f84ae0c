// This session's counts, live: faces in view, passers-by, watchers, average dwell and
// attention, and the mood split. Figures only; no per-person rows exist to show.

import { LitElement, css, html } from 'lit';
import type { Counts } from '../shared/aggregates';
import { formatSeconds } from './face-label';

/**
 * Reflects `data-passers-by` and `data-watchers` for tests.
 */
export class LsSessionPanel extends LitElement {
  static override properties = {
    tally: { attribute: false },
    inView: { type: Number },
  };

  static override styles = css`
    :host {
      display: block;
      background: #161b22;
      border-radius: 12px;
      padding: 0.75rem 1rem;
    }
    h2 {
      font-size: 1.05rem;
      margin: 0 0 0.5rem;
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
      gap: 0.5rem;
      margin: 0;
    }
    div {
      background: #1f2630;
      border-radius: 8px;
      padding: 0.4rem 0.6rem;
    }
    dt {
      color: #9da7b3;
      font-size: 0.85rem;
    }
    dd {
      margin: 0;
      font-size: 1.5rem;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    p {
      color: #9da7b3;
      font-size: 0.85rem;
      margin: 0.5rem 0 0;
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
    const t = this.tally;
    const n = t?.passersBy ?? 0;
    this.dataset.passersBy = String(n);
    this.dataset.watchers = String(t?.watchers ?? 0);
    const avg = (ms: number): string => (n > 0 ? formatSeconds(ms / n) : '–');
    const moods = t
      ? `${t.moods.positive} / ${t.moods.neutral} / ${t.moods.negative}`
      : '–';
    return html`<h2>This session</h2>
      <dl>
        <div>
          <dt>In view now</dt>
          <dd class="in-view">${this.inView}</dd>
        </div>
        <div>
          <dt>Passers-by</dt>
          <dd class="passers-by">${n}</dd>
        </div>
        <div>
          <dt>Watchers</dt>
          <dd class="watchers">${t?.watchers ?? 0}</dd>
        </div>
        <div>
          <dt>Avg. dwell</dt>
          <dd>${avg(t?.dwellMs ?? 0)}</dd>
        </div>
        <div>
          <dt>Avg. attention</dt>
          <dd>${avg(t?.attentionMs ?? 0)}</dd>
        </div>
        <div>
          <dt>Mood ☺ / – / ☹</dt>
          <dd>${moods}</dd>
        </div>
      </dl>
      <p>
        A passer-by is a face that was in view; a watcher turned towards the
        camera at least once. A visit is counted when the face leaves.
      </p>`;
  }
}

customElements.define('ls-session-panel', LsSessionPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ls-session-panel': LsSessionPanel;
  }
}
