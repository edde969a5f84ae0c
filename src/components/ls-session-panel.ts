// The live dashboard: people in view and their mood now, this session's exact counts, and
// today's stored counts with small counts suppressed. Figures only; no per-person rows exist.

import { panelStyles } from './panel.styles';
import { LitElement, css, html } from 'lit';
import { emptyCounts, type Counts } from '../shared/aggregates';
import { derive, type Derived } from '../shared/live-figures';
import type { Mood, TrackView } from '../shared/types';

const MOOD_LABEL: Record<Mood, string> = {
  positive: '☺ positive',
  neutral: '– neutral',
  negative: '☹ negative',
};

/**
 * Reflects `data-passers-by`, `data-watchers` and `data-peak` (this session) and `data-today-passers-by`
 * (as shown, possibly "<5") for tests.
 */
export class LsSessionPanel extends LitElement {
  static override properties = {
    tally: { attribute: false },
    today: { attribute: false },
    tracks: { attribute: false },
    inView: { type: Number },
    threshold: { type: Number },
  };

  static override styles = [
    panelStyles,
    css`
      h3 {
        font-size: 0.95rem;
        margin: 0.75rem 0 0.4rem;
        color: #c9d1d9;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
        gap: 0.5rem;
        margin: 0;
      }
      dl > div {
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
      dd.small {
        font-size: 1.05rem;
      }
      p {
        color: #9da7b3;
        font-size: 0.85rem;
        margin: 0.5rem 0 0;
      }
    `,
  ];

  declare tally: Counts | null;
  declare today: Counts | null;
  declare tracks: readonly TrackView[];
  /** People in view now (issue 15): confirmed people and faces with no body. */
  declare inView: number;
  declare threshold: number;

  constructor() {
    super();
    this.tally = null;
    this.today = null;
    this.tracks = [];
    this.inView = 0;
    this.threshold = 5;
  }

  override render() {
    const tally = this.tally ?? emptyCounts();
    const session = derive(tally);
    const ages = Object.values(tally.ageGroups).reduce((s, n) => s + n, 0);
    const unread = tally.passersBy - ages;
    const today = derive(this.today ?? emptyCounts(), this.threshold);
    this.dataset.passersBy = String(session.passersBy);
    this.dataset.watchers = String(session.watchers);
    this.dataset.peak = String(tally.peakInView);
    this.dataset.todayPassersBy = String(today.passersBy);
    const moods = new Map<Mood, number>();
    for (const t of this.tracks) {
      if (t.mood) moods.set(t.mood, (moods.get(t.mood) ?? 0) + 1);
    }
    const moodNow = [...moods]
      .map(([m, n]) => `${n} ${MOOD_LABEL[m]}`)
      .join(', ');
    return html`<h2>Live</h2>
      <dl aria-label="Now">
        <div>
          <dt>In view now</dt>
          <dd class="in-view">${this.inView}</dd>
        </div>
        <div>
          <dt>Most at once</dt>
          <dd class="peak">${tally.peakInView}</dd>
        </div>
        <div>
          <dt>Mood now</dt>
          <dd class="small mood-now">${moodNow || '–'}</dd>
        </div>
      </dl>
      <h3 id="session-h">This session</h3>
      ${this._figures(session, 'session-h', 'session')}
      <h3 id="today-h">Today, stored on this device</h3>
      ${this._figures(today, 'today-h', 'today')}
      <p class="not-estimated">
        ${
          unread > 0
            ? `Age not estimated for ${unread} of this session's passers-by: no readable face was seen (or age estimation is off).`
            : ''
        }
      </p>
      <p>
        A passer-by is a person who was in view (a body, or a face alone); a
        watcher turned towards the camera at least once. Age, gender and mood
        come from the face, when one is seen. Conversion is watchers ÷
        passers-by; attraction is time looking ÷ time in view. A visit is
        counted when the person leaves.
      </p>
      ${
        this.threshold > 1
          ? html`<p class="exempt">
              This session's figures are exact: they describe only the people in
              front of the camera now, who can see themselves. Stored figures
              (today, history, exports) show counts below ${this.threshold} as
              “&lt;${this.threshold}” so that no figure can single out a person.
            </p>`
          : ''
      }`;
  }

  private _figures(d: Derived, labelledBy: string, cls: string) {
    const cell = (label: string, value: number | string | null, c: string) =>
      html`<div>
        <dt>${label}</dt>
        <dd class=${c}>${value ?? '–'}</dd>
      </div>`;
    return html`<dl class=${cls} aria-labelledby=${labelledBy}>
      ${cell('Passers-by', d.passersBy, 'passers-by')}
      ${cell('Watchers', d.watchers, 'watchers')}
      ${cell('Conversion', d.conversion, 'conversion')}
      ${cell('Avg. dwell', d.avgDwell, 'dwell')}
      ${cell('Avg. attention', d.avgAttention, 'attention')}
      ${cell('Attraction', d.attraction, 'attraction')}
    </dl>`;
  }
}

customElements.define('ls-session-panel', LsSessionPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ls-session-panel': LsSessionPanel;
  }
}
