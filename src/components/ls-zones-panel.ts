// Zones, lines and their rules (issue 17): the drawing tools, each zone's name and rules, each
// line's name, direction and counts, opening hours, how alerts are announced, the object-class
// demo switch, and this session's alert log. Presentational: every change is emitted whole.

import { LitElement, css, html, nothing } from 'lit';
// The notification switch may be refused: the box must follow the answer, not the click.
import { live } from 'lit/directives/live.js';
import {
  DEFAULT_SETUP,
  LIMIT_RANGE,
  LOITER_RANGE,
  MAX_NAME,
  cleanName,
  freeLineId,
  freeZoneId,
  type AlertSetup,
  type LineSetup,
  type ZoneRules,
  type ZoneSetup,
} from '../alerts/site-setup';
import type { AlertLogEntry } from '../alerts/alert-log';
import { emptySiteCounts, type SiteCounts } from '../shared/aggregates';
import type { ZoneId } from '../shared/alert-keys';
import { buttonStyles, choiceStyles, panelStyles } from './panel.styles';
import './ls-alert-log';

/**
 * Reflects `data-zones` and `data-lines` for tests.
 * @fires ls-setup-change - the whole new setup (detail: AlertSetup)
 * @fires ls-draw - start drawing a zone or a line (detail: 'zone' | 'line')
 * @fires ls-edit-toggle - show or hide the shapes' handles (detail: boolean)
 * @fires ls-notify-toggle - turn system notifications on or off (detail: boolean)
 * @fires ls-test-sound - play the alert tone once
 */
export class LsZonesPanel extends LitElement {
  static override properties = {
    setup: { attribute: false },
    zoneCounts: { attribute: false },
    session: { attribute: false },
    log: { attribute: false },
    editing: { type: Boolean },
    drawing: { attribute: false },
    permission: { attribute: false },
    hasSource: { type: Boolean },
  };

  static override styles = [
    panelStyles,
    choiceStyles,
    buttonStyles,
    css`
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0.25rem 0 0.5rem;
      }
      button[aria-pressed='true'] {
        background: #ffb000;
        color: #111;
        border-color: #ffb000;
      }
      fieldset {
        border: 1px solid #30363d;
        border-radius: 10px;
        margin: 0.5rem 0;
        padding: 0.5rem 0.75rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.3rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .name {
        flex: 1 1 10rem;
        min-height: 44px;
        background: #0d1117;
        color: #e6edf3;
        border: 1px solid #30363d;
        border-radius: 6px;
        padding: 0 0.5rem;
        font: inherit;
      }
      input[type='number'],
      input[type='time'] {
        width: 6.5rem;
        height: 44px;
        margin: 0;
        background: #0d1117;
        color: #e6edf3;
        border: 1px solid #30363d;
        border-radius: 6px;
        padding: 0 0.4rem;
        font: inherit;
        grid-row: auto;
      }
      .figures {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1rem;
        font-variant-numeric: tabular-nums;
        color: #c9d1d9;
        margin: 0.25rem 0;
      }
      .figures b {
        font-size: 1.2rem;
        color: #fff;
      }
      .note {
        margin: 0.25rem 0;
      }
      h3 {
        font-size: 0.95rem;
        margin: 0.75rem 0 0.3rem;
        color: #c9d1d9;
      }
      .rule .param {
        display: flex;
        gap: 0.4rem;
        align-items: center;
        grid-column: 2;
      }
    `,
  ];

  declare setup: AlertSetup;
  declare zoneCounts: Partial<Record<ZoneId, number>>;
  declare session: SiteCounts;
  declare log: readonly AlertLogEntry[];
  declare editing: boolean;
  declare drawing: 'zone' | 'line' | null;
  declare permission: NotificationPermission | 'unsupported';
  declare hasSource: boolean;

  constructor() {
    super();
    this.setup = DEFAULT_SETUP;
    this.zoneCounts = {};
    this.session = emptySiteCounts();
    this.log = [];
    this.editing = false;
    this.drawing = null;
    this.permission = 'default';
    this.hasSource = false;
  }

  override render() {
    const s = this.setup;
    this.dataset.zones = String(s.zones.length);
    this.dataset.lines = String(s.lines.length);
    return html`<h2>Zones, lines and alerts</h2>
      <p class="note">
        Draw zones and counting lines on the video. Alerts are worked out on
        this device; only their counts are stored.
      </p>
      <div class="tools">
        <button
          id="draw-zone"
          aria-pressed=${this.drawing === 'zone'}
          ?disabled=${!freeZoneId(s) || !this.hasSource}
          @click=${() => this._emit('ls-draw', 'zone')}
        >
          Draw zone
        </button>
        <button
          id="draw-line"
          aria-pressed=${this.drawing === 'line'}
          ?disabled=${!freeLineId(s) || !this.hasSource}
          @click=${() => this._emit('ls-draw', 'line')}
        >
          Draw line
        </button>
        <button
          id="edit-shapes"
          aria-pressed=${this.editing}
          ?disabled=${s.zones.length + s.lines.length === 0 || !this.hasSource}
          @click=${() => this._emit('ls-edit-toggle', !this.editing)}
        >
          ${this.editing ? 'Done moving' : 'Move points'}
        </button>
      </div>
      ${
        this.hasSource
          ? nothing
          : html`<p class="note">Start a source to draw on its picture.</p>`
      }
      ${s.lines.map((l) => this._line(l))} ${s.zones.map((z) => this._zone(z))}
      ${s.zones.length > 0 ? this._hours() : nothing} ${this._announce()}
      <h3>Alerts this session</h3>
      <ls-alert-log .entries=${this.log}></ls-alert-log>`;
  }

  private _line(l: LineSetup) {
    const c = this.session.crossings;
    return html`<fieldset data-line=${l.id}>
      <legend>Line: ${l.name}</legend>
      <div class="figures" aria-live="off">
        <span>In <b data-dir="in">${c[`${l.id}.in`] ?? 0}</b></span>
        <span>Out <b data-dir="out">${c[`${l.id}.out`] ?? 0}</b></span>
        <span class="note">this session; in = along the arrow</span>
      </div>
      <div class="row">
        <input
          class="name"
          aria-label="Line name"
          maxlength=${MAX_NAME}
          .value=${l.name}
          @change=${(e: Event) =>
            this._setLine(l.id, {
              name: cleanName((e.target as HTMLInputElement).value, l.name),
            })}
        />
        <button @click=${() => this._setLine(l.id, { a: l.b, b: l.a })}>
          Reverse
        </button>
        <button
          @click=${() =>
            this._change({
              lines: this.setup.lines.filter((x) => x.id !== l.id),
            })}
        >
          Delete
        </button>
      </div>
    </fieldset>`;
  }

  private _zone(z: ZoneSetup) {
    const r = z.rules;
    const rule = (
      key: keyof ZoneRules,
      title: string,
      text: string,
      param: unknown = nothing,
    ) =>
      html`<label class="rule">
        <input
          type="checkbox"
          data-rule=${key}
          .checked=${r[key].on}
          @change=${(e: Event) =>
            this._setRules(z, key, {
              on: (e.target as HTMLInputElement).checked,
            })}
        />
        <span class="title">${title}</span>
        <span class="text">${text}</span>
        ${param}
      </label>`;
    const number = (
      key: 'occupancy' | 'loitering',
      field: 'limit' | 'seconds',
      range: { min: number; max: number },
      label: string,
    ) =>
      html`<span class="param"
        ><input
          type="number"
          inputmode="numeric"
          data-param=${field}
          min=${range.min}
          max=${range.max}
          aria-label=${label}
          .value=${String((r[key] as Record<string, unknown>)[field])}
          @change=${(e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (Number.isInteger(v) && v >= range.min && v <= range.max)
              this._setRules(z, key, { [field]: v });
            else this.requestUpdate();
          }}
        />${label}</span
      >`;
    return html`<fieldset data-zone=${z.id}>
      <legend>Zone: ${z.name}</legend>
      <div class="figures">
        <span>In it now <b data-now>${this.zoneCounts[z.id] ?? 0}</b></span>
        <span
          >Most at once
          <b data-peak>${this.session.zonePeaks[z.id] ?? 0}</b></span
        >
      </div>
      <div class="row">
        <input
          class="name"
          aria-label="Zone name"
          maxlength=${MAX_NAME}
          .value=${z.name}
          @change=${(e: Event) =>
            this._setZone(z.id, {
              name: cleanName((e.target as HTMLInputElement).value, z.name),
            })}
        />
        <button
          @click=${() =>
            this._change({
              zones: this.setup.zones.filter((x) => x.id !== z.id),
            })}
        >
          Delete
        </button>
      </div>
      ${rule(
        'occupancy',
        'Occupancy limit',
        'Alert when more people than this are in the zone at once.',
        number('occupancy', 'limit', LIMIT_RANGE, 'people at most'),
      )}
      ${rule(
        'afterHours',
        'Out of hours',
        'Alert when anyone is in the zone outside the opening hours.',
      )}
      ${rule(
        'loitering',
        'Loitering',
        'Alert when one person stays in the zone longer than this.',
        number('loitering', 'seconds', LOITER_RANGE, 'seconds'),
      )}
      ${rule(
        'restricted',
        'Restricted area',
        'Alert when anyone enters the zone.',
      )}
    </fieldset>`;
  }

  private _hours() {
    const h = this.setup.hours;
    const time = (which: 'open' | 'close', label: string) =>
      html`<label class="row"
        >${label}
        <input
          type="time"
          data-hours=${which}
          .value=${h[which]}
          @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            if (/^\d\d:\d\d$/.test(v))
              this._change({ hours: { ...h, [which]: v } });
          }}
      /></label>`;
    return html`<h3>Opening hours (this device's clock, every day)</h3>
      <div class="row">${time('open', 'Opens')} ${time('close', 'Closes')}</div>
      <p class="note">The same time twice means always open.</p>`;
  }

  private _announce() {
    const s = this.setup;
    const notifyText =
      this.permission === 'unsupported'
        ? 'This browser has no system notifications.'
        : this.permission === 'denied'
          ? 'Blocked in the browser’s site settings.'
          : 'Shown by this device only; nothing is sent anywhere.';
    return html`<h3>How alerts are announced</h3>
      <label>
        <input
          type="checkbox"
          id="alert-sound"
          .checked=${s.sound}
          @change=${(e: Event) =>
            this._change({ sound: (e.target as HTMLInputElement).checked })}
        />
        <span class="title">Sound</span>
        <span class="text"
          >A short tone when an alert starts.
          <button @click=${() => this._emit('ls-test-sound', undefined)}>
            Test sound
          </button></span
        >
      </label>
      <label>
        <input
          type="checkbox"
          id="alert-notify"
          .checked=${live(s.notify && this.permission === 'granted')}
          ?disabled=${this.permission === 'unsupported'}
          @change=${(e: Event) =>
            this._emit(
              'ls-notify-toggle',
              (e.target as HTMLInputElement).checked,
            )}
        />
        <span class="title">System notification</span>
        <span class="text">${notifyText}</span>
      </label>
      <label>
        <input
          type="checkbox"
          id="alert-objects"
          .checked=${s.objects}
          @change=${(e: Event) =>
            this._change({ objects: (e.target as HTMLInputElement).checked })}
        />
        <span class="title">Object-class demo (off by default)</span>
        <span class="text"
          >Flags knives, scissors and baseball bats found by the general COCO
          object model the people detector already runs. A demo of the idea, not
          a certified weapon detector: it misses many and mistakes some (see the
          README for its measured precision and recall).</span
        >
      </label>`;
  }

  private _setRules<K extends keyof ZoneRules>(
    z: ZoneSetup,
    key: K,
    patch: Partial<ZoneRules[K]>,
  ): void {
    this._setZone(z.id, {
      rules: { ...z.rules, [key]: { ...z.rules[key], ...patch } },
    });
  }

  private _setZone(id: ZoneId, patch: Partial<ZoneSetup>): void {
    this._change({
      zones: this.setup.zones.map((z) =>
        z.id === id ? { ...z, ...patch } : z,
      ),
    });
  }

  private _setLine(id: LineSetup['id'], patch: Partial<LineSetup>): void {
    this._change({
      lines: this.setup.lines.map((l) =>
        l.id === id ? { ...l, ...patch } : l,
      ),
    });
  }

  private _change(patch: Partial<AlertSetup>): void {
    this._emit('ls-setup-change', { ...this.setup, ...patch });
  }

  private _emit(name: string, detail: unknown): void {
    this.dispatchEvent(
      new CustomEvent(name, { detail, bubbles: true, composed: true }),
    );
  }
}

customElements.define('ls-zones-panel', LsZonesPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ls-zones-panel': LsZonesPanel;
  }
  interface GlobalEventHandlersEventMap {
    'ls-setup-change': CustomEvent<AlertSetup>;
    'ls-draw': CustomEvent<'zone' | 'line'>;
    'ls-edit-toggle': CustomEvent<boolean>;
    'ls-notify-toggle': CustomEvent<boolean>;
    'ls-test-sound': CustomEvent<void>;
  }
}
