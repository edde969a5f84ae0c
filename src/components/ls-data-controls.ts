// What is stored and for how long, with export and wipe: the controls a privacy reviewer and
// a sales rep need over the stored counts. Presentational: the shell does the work.

import { panelStyles } from './panel.styles';
import { LitElement, css, html } from 'lit';
import {
  RETENTION_DAYS_RANGE,
  THRESHOLD_RANGE,
  type AnalysisSettings,
} from '../shared/settings';
import { fmtBytes } from '../shared/value-inspect';

export type ExportFormat = 'json' | 'csv';
export type StorageKind = 'opening' | 'indexeddb' | 'memory';
export interface WipeRequest {
  /** Also delete the settings kept in localStorage. */
  settings: boolean;
}

const RETENTION_CHOICES = [1, 7, 30, 90, 365];
const THRESHOLD_CHOICES = [1, 3, 5, 10, 20];

/**
 * @fires ls-export - detail: 'json' | 'csv'
 * @fires ls-wipe - detail: WipeRequest; the user confirmed deleting every stored count
 * @fires ls-settings-change - detail: AnalysisSettings with a new retention or threshold
 * @fires ls-settings-export - the user asked for the settings as a file
 * @fires ls-settings-import - detail: File the user picked to import settings from
 */
export class LsDataControls extends LitElement {
  static override properties = {
    settings: { attribute: false },
    storage: { type: String },
    bytes: { type: Number },
    persisted: { attribute: false },
    usage: { attribute: false },
    lastFlushAt: { attribute: false },
    busy: { type: Boolean },
  };

  static override styles = [
    panelStyles,
    css`
      p {
        margin: 0.4rem 0;
        color: #c9d1d9;
      }
      .muted {
        color: #9da7b3;
        font-size: 0.9rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0.6rem 0;
      }
      input[type='checkbox'] {
        width: 28px;
        height: 28px;
      }
      label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        min-height: 44px; /* the label is the checkbox's touch target */
      }
      button,
      select {
        min-height: 44px;
        min-width: 44px;
        padding: 0 1rem;
        border-radius: 8px;
        border: 1px solid #30363d;
        background: #1f2630;
        color: #e6edf3;
        font: inherit;
      }
      button:focus-visible,
      select:focus-visible {
        outline: 3px solid #ffb000;
        outline-offset: 2px;
      }
      button.danger {
        border-color: #d55e00;
        color: #ffb4a1;
      }
      .warning {
        color: #ffb000;
      }
      dialog {
        background: #161b22;
        color: #e6edf3;
        border: 1px solid #30363d;
        border-radius: 12px;
        max-width: 28rem;
      }
      dialog::backdrop {
        background: rgba(0, 0, 0, 0.6);
      }
    `,
  ];

  declare settings: AnalysisSettings;
  declare storage: StorageKind;
  declare bytes: number;
  declare persisted: boolean | null;
  /** navigator.storage.estimate() for the whole origin: counts, settings and offline copy. */
  declare usage: { usage: number; quota: number } | null;
  declare lastFlushAt: number | null;
  declare busy: boolean;

  constructor() {
    super();
    this.storage = 'opening';
    this.bytes = 0;
    this.persisted = null;
    this.usage = null;
    this.lastFlushAt = null;
    this.busy = false;
  }

  override render() {
    const s = this.settings;
    this.dataset.storage = this.storage;
    const where =
      this.storage === 'indexeddb'
        ? html`Counts are stored in this browser's IndexedDB
          (<b>${fmtBytes(this.bytes)}</b>)${
            this.persisted ? ', protected from automatic eviction' : ''
          }.`
        : this.storage === 'memory'
          ? html`<span class="warning"
              >Counts are kept in memory only and are lost when this page
              closes.</span
            >`
          : 'Opening the counts database…';
    const used = this.usage
      ? html`<p id="usage">
          In all, LocalSight uses <b>${fmtBytes(this.usage.usage)}</b> on this
          device${
            this.usage.quota
              ? ` of ${fmtBytes(this.usage.quota)} the browser allows`
              : ''
          }:
          the counts and the offline copy of the app, its models and
          WebAssembly.
          ${
            this.persisted === false
              ? html`<span class="muted"
                  >The browser did not grant persistent storage, so it may clear
                  this data if the device runs low on space.</span
                >`
              : ''
          }
        </p>`
      : '';
    const saved = this.lastFlushAt
      ? `Last saved ${new Date(this.lastFlushAt).toLocaleTimeString()}.`
      : 'Counts are saved every few seconds.';
    return html`<h2>Your data</h2>
      <p>${where}</p>
      ${used}
      <p class="muted">
        ${saved} Only aggregate counts per minute, hour and day are stored:
        never a picture, a face or a row per person.
      </p>
      <div class="row">
        <label
          >Keep counts for
          <select
            id="retention"
            @change=${(e: Event) =>
              this._change({ retentionDays: Number(value(e)) })}
          >
            ${choices(
              RETENTION_CHOICES,
              s.retentionDays,
              RETENTION_DAYS_RANGE,
            ).map(
              (d) =>
                html`<option value=${d} ?selected=${d === s.retentionDays}>
                  ${d === 1 ? '1 day' : `${d} days`}
                </option>`,
            )}
          </select></label
        >
      </div>
      <div class="row">
        <label
          >Hide counts below
          <select
            id="threshold"
            @change=${(e: Event) =>
              this._change({ suppressionThreshold: Number(value(e)) })}
          >
            ${choices(
              THRESHOLD_CHOICES,
              s.suppressionThreshold,
              THRESHOLD_RANGE,
            ).map(
              (n) =>
                html`<option
                  value=${n}
                  ?selected=${n === s.suppressionThreshold}
                >
                  ${n === 1 ? 'off (show every count)' : String(n)}
                </option>`,
            )}
          </select></label
        >
      </div>
      <p class="muted">
        In history and exports a count below the threshold shows as
        “&lt;${s.suppressionThreshold}”, so that no stored figure can single out
        a person. Older counts are deleted automatically.
      </p>
      <div class="row">
        <button
          id="export-settings"
          @click=${() => this._emit('ls-settings-export', null)}
        >
          Export settings
        </button>
        <button id="import-settings" @click=${this._pickSettings}>
          Import settings…
        </button>
        <input
          id="settings-file"
          type="file"
          accept=".json,application/json"
          hidden
          @change=${this._importSettings}
        />
      </div>
      <p class="muted">
        A settings file sets up another tablet alike: the estimates that run,
        workplace mode, retention, threshold and engine. It holds no counts.
      </p>
      <div class="row">
        <button
          id="export-json"
          ?disabled=${this.busy}
          @click=${() => this._emit('ls-export', 'json')}
        >
          Export JSON
        </button>
        <button
          id="export-csv"
          ?disabled=${this.busy}
          @click=${() => this._emit('ls-export', 'csv')}
        >
          Export CSV
        </button>
        <button
          id="wipe"
          class="danger"
          ?disabled=${this.busy}
          @click=${this._askWipe}
        >
          Delete all stored counts…
        </button>
      </div>
      <dialog id="confirm-wipe" aria-labelledby="confirm-title">
        <h2 id="confirm-title">Delete all stored counts?</h2>
        <p>
          Every count this app stored on this device is deleted, in every
          LocalSight tab. This cannot be undone.
        </p>
        <label class="row"
          ><input id="wipe-settings" type="checkbox" /> Also reset the settings
          (which estimates run, retention, threshold)</label
        >
        <div class="row">
          <button id="wipe-cancel" @click=${this._closeDialog}>Cancel</button>
          <button id="wipe-confirm" class="danger" @click=${this._confirmWipe}>
            Delete
          </button>
        </div>
      </dialog>`;
  }

  private _pickSettings = (): void => {
    this.renderRoot.querySelector<HTMLInputElement>('#settings-file')?.click();
  };

  private _importSettings = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // the same file can be picked again
    if (file) this._emit('ls-settings-import', file);
  };

  private _askWipe = (): void => {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal();
  };

  private _closeDialog = (): void => {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
  };

  private _confirmWipe = (): void => {
    const box =
      this.renderRoot.querySelector<HTMLInputElement>('#wipe-settings');
    this._closeDialog();
    this._emit<WipeRequest>('ls-wipe', { settings: box?.checked ?? false });
    if (box) box.checked = false;
  };

  private _change(patch: Partial<AnalysisSettings>): void {
    this._emit('ls-settings-change', { ...this.settings, ...patch });
  }

  private _emit<T>(name: string, detail: T): void {
    this.dispatchEvent(
      new CustomEvent(name, { detail, bubbles: true, composed: true }),
    );
  }
}

const value = (e: Event): string => (e.target as HTMLSelectElement).value;

/** The preset choices, plus the current value if it is another valid one. */
function choices(
  presets: number[],
  current: number,
  range: { min: number; max: number },
): number[] {
  const ok = current >= range.min && current <= range.max;
  return [...new Set([...presets, ...(ok ? [current] : [])])].sort(
    (a, b) => a - b,
  );
}

customElements.define('ls-data-controls', LsDataControls);

declare global {
  interface HTMLElementTagNameMap {
    'ls-data-controls': LsDataControls;
  }
  interface GlobalEventHandlersEventMap {
    'ls-export': CustomEvent<ExportFormat>;
    'ls-wipe': CustomEvent<WipeRequest>;
  }
}
