// Says in plain words what each estimate is and is not, with a switch per attribute and
// the workplace/education mode. Switching an attribute off stops its model from running.

import { panelStyles, choiceStyles } from './panel.styles';
import { LitElement, css, html } from 'lit';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../shared/settings';

interface Row {
  key: 'age' | 'gender' | 'expression';
  title: string;
  text: string;
}

const ROWS: Row[] = [
  {
    key: 'age',
    title: 'Age group',
    text: 'An estimate from the face’s appearance, in eight bands (0–12 … 65+). It is often several years off, more so for children and older people.',
  },
  {
    key: 'gender',
    title: 'Gender',
    text: 'A binary estimate of how the face appears — not the person’s gender identity. Shown as “unknown” when the model is not confident.',
  },
  {
    key: 'expression',
    title: 'Mood',
    text: 'The facial expression (a smile, a frown), folded into positive, neutral or negative. An expression is not an inner emotional state.',
  },
];

/**
 * @fires ls-settings-change - detail: AnalysisSettings
 */
export class LsAttributePanel extends LitElement {
  static override properties = { settings: { attribute: false } };

  static override styles = [
    panelStyles,
    choiceStyles,
    css`
      .note {
        margin: 0.5rem 0 0;
      }
    `,
  ];

  declare settings: AnalysisSettings;

  constructor() {
    super();
    this.settings = DEFAULT_SETTINGS;
  }

  override render() {
    const s = this.settings;
    return html`<h2>What is estimated</h2>
      ${ROWS.map((row) => {
        const blocked = row.key === 'expression' && s.workplace;
        return html`<label>
          <input
            type="checkbox"
            id=${`switch-${row.key}`}
            .checked=${s[row.key] && !blocked}
            ?disabled=${blocked}
            @change=${(e: Event) => this._set(row.key, (e.target as HTMLInputElement).checked)}
          />
          <span class="title"
            >${row.title}${blocked ? ' (off in workplace mode)' : ''}</span
          >
          <span class="text">${row.text}</span>
        </label>`;
      })}
      <label>
        <input
          type="checkbox"
          id="switch-workplace"
          .checked=${s.workplace}
          @change=${(e: Event) => this._set('workplace', (e.target as HTMLInputElement).checked)}
        />
        <span class="title">Workplace or education setting</span>
        <span class="text"
          >The EU AI Act forbids inferring the emotions of people at work or in
          education, so mood is switched off here.</span
        >
      </label>
      <p class="note">
        Switching an attribute off stops its model from running: nothing is
        estimated for it at all. Dwell and attention time come from following
        each face anonymously; its random id is forgotten when the face leaves.
      </p>`;
  }

  private _set(key: keyof AnalysisSettings, value: boolean): void {
    const detail = { ...this.settings, [key]: value };
    this.dispatchEvent(
      new CustomEvent('ls-settings-change', {
        detail,
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define('ls-attribute-panel', LsAttributePanel);

declare global {
  interface HTMLElementTagNameMap {
    'ls-attribute-panel': LsAttributePanel;
  }
  interface GlobalEventHandlersEventMap {
    'ls-settings-change': CustomEvent<AnalysisSettings>;
  }
}
