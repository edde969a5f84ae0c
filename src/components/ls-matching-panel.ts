// Authorised face matching (issue 18), the operator's screens: off (what it is, and the
// declaration and passphrase that turn it on), locked (the passphrase), unlocked (enrol one
// person with their consent confirmed, the profiles, lock, turn off). Presentational: the
// forms are read here and emitted whole; the shell's MatchingController does the work.

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  ART6_BASES,
  ART9_CONDITIONS,
  MAX_TEXT,
  PURPOSES,
  RETENTION_RANGE,
} from '../matching/authorisation';
import type { ProfileSummary } from '../matching/profile-store';
import { endOfDay, isoDay } from './date-input';
import { buttonStyles, panelStyles } from './panel.styles';
import { matchingFormStyles } from './ls-matching-panel.styles';

export type MatchingPanelState = 'starting' | 'off' | 'locked' | 'unlocked';

/** What the turn-on screen emits: the declaration's fields and the new passphrase. */
export interface TurnOnRequest {
  purpose: string;
  art6: string;
  art9: string;
  retentionDays: number;
  affected: string;
  authorisedBy: string;
  passphrase: string;
}

export interface EnrolRequest {
  label: string;
  /** ms since the epoch, the end of the chosen day (local time). */
  expiresAt: number;
}

/** A passphrase shorter than this is refused: it is all that protects the profiles at rest. */
export const MIN_PASSPHRASE = 10;
const DAY_MS = 86_400_000;

/**
 * Reflects `data-state` for tests.
 * @fires ls-matching-on - detail: TurnOnRequest
 * @fires ls-matching-unlock - detail: the passphrase
 * @fires ls-matching-lock
 * @fires ls-matching-capture - capture the current frame of the source
 * @fires ls-matching-images - detail: File[] to capture from
 * @fires ls-matching-discard - drop the captures taken so far
 * @fires ls-matching-enrol - detail: EnrolRequest
 * @fires ls-matching-delete - detail: a profile id
 * @fires ls-matching-off - turn matching off, deleting every profile (confirmed here)
 */
export class LsMatchingPanel extends LitElement {
  static override properties = {
    state: { attribute: false },
    busy: { type: Boolean },
    purpose: { attribute: false },
    retentionDays: { type: Number },
    profiles: { attribute: false },
    captures: { type: Number },
    minCaptures: { type: Number },
    hasSource: { type: Boolean },
    _problems: { state: true },
    _confirmOff: { state: true },
    _setup: { state: true },
  };

  static override styles = [panelStyles, buttonStyles, matchingFormStyles];

  declare state: MatchingPanelState;
  declare busy: boolean;
  /** The declared purpose in words while on. */
  declare purpose: string;
  /** The declared retention: the latest expiry enrolment may set. */
  declare retentionDays: number;
  declare profiles: ProfileSummary[];
  /** Captures of the person being enrolled, held in memory by the shell. */
  declare captures: number;
  declare minCaptures: number;
  declare hasSource: boolean;
  declare _problems: string[];
  declare _confirmOff: boolean;
  declare _setup: boolean;

  constructor() {
    super();
    this.state = 'starting';
    this.busy = false;
    this.purpose = '';
    this.retentionDays = 30;
    this.profiles = [];
    this.captures = 0;
    this.minCaptures = 3;
    this.hasSource = false;
    this._problems = [];
    this._confirmOff = false;
    this._setup = false;
  }

  override render() {
    return html`<h2>
        Face matching <span class="tag">authorised use only</span>
      </h2>
      ${this._body()}
      ${
        this._problems.length
          ? html`<ul class="problems" role="alert">
              ${this._problems.map((p) => html`<li>${p}</li>`)}
            </ul>`
          : nothing
      }`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.dataset.state = this.state;
    this.setAttribute('aria-busy', String(this.busy));
    // The forms close or clear only once the act succeeded: a refused one keeps what was typed.
    if (changed.has('state') && this.state !== 'off') this._setup = false;
    const before = changed.get('profiles') as ProfileSummary[] | undefined;
    if (before && this.profiles.length > before.length)
      this.renderRoot
        .querySelector<HTMLFormElement>('form#matching-enrol')
        ?.reset();
  }

  private _body() {
    switch (this.state) {
      case 'starting':
        return html`<p class="note">Checking whether matching is set up…</p>`;
      case 'off':
        return this._setup ? this._turnOnForm() : this._offIntro();
      case 'locked':
        return this._unlockForm();
      case 'unlocked':
        return this._unlocked();
    }
  }

  private _offIntro() {
    return html`<p class="note">
        <strong>Off.</strong> No one is identified: faces are only counted and
        estimated, and nothing of them is kept. No face-recognition model is
        loaded and no profiles database exists.
      </p>
      <p class="note">
        A client may authorise matching enrolled people (staff tracking, a
        visitor white-list) on this device only. Turning it on is recorded, with
        its purpose and legal basis.
      </p>
      <button id="matching-setup" @click=${() => (this._setup = true)}>
        Set up face matching…
      </button>`;
  }

  private _turnOnForm() {
    const options = (table: Record<string, string>) =>
      Object.entries(table).map(
        ([k, v]) => html`<option value=${k}>${v}</option>`,
      );
    return html`<form id="matching-on" @submit=${this._onTurnOn}>
      <label class="field"
        >Purpose
        <select name="purpose" required>
          ${options(PURPOSES)}
        </select></label
      >
      <label class="field"
        >Legal basis (GDPR Art. 6)
        <select name="art6" required>
          <option value="">Choose…</option>
          ${options(ART6_BASES)}
        </select></label
      >
      <label class="field"
        >Condition for biometric data (GDPR Art. 9(2))
        <select name="art9" required>
          <option value="">Choose…</option>
          ${options(ART9_CONDITIONS)}
        </select></label
      >
      <label class="field"
        >Keep each profile at most (days)
        <input
          name="retention"
          type="number"
          inputmode="numeric"
          min=${RETENTION_RANGE.min}
          max=${RETENTION_RANGE.max}
          value="30"
          required
      /></label>
      <label class="field"
        >Who is affected
        <input
          name="affected"
          maxlength=${MAX_TEXT}
          placeholder="e.g. front-desk staff who signed the consent form"
          required
      /></label>
      <label class="field"
        >Authorised by (name or role)
        <input name="authorisedBy" maxlength=${MAX_TEXT} required
      /></label>
      <label class="field"
        >Operator passphrase (at least ${MIN_PASSPHRASE} characters)
        <input
          name="passphrase"
          type="password"
          autocomplete="new-password"
          minlength=${MIN_PASSPHRASE}
          required
      /></label>
      <label class="field"
        >Passphrase again
        <input
          name="passphrase2"
          type="password"
          autocomplete="new-password"
          required
      /></label>
      <p class="note">
        The passphrase encrypts the profiles on this device and cannot be
        recovered: if it is lost, turn matching off (which deletes every
        profile) and enrol again.
      </p>
      <label class="check"
        ><input name="confirm" type="checkbox" required />
        <span
          >The client has authorised this processing for the purpose above, and
          the people affected have been informed.</span
        ></label
      >
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.busy}>
          Turn face matching on
        </button>
        <button
          type="button"
          @click=${() => {
            this._setup = false;
            this._problems = [];
          }}
        >
          Cancel
        </button>
      </div>
    </form>`;
  }

  private _unlockForm() {
    return html`<p class="note">
        <strong>On, locked</strong> (${this.purpose}). The profiles are
        encrypted; nothing is matched until the operator unlocks them.
      </p>
      <form id="matching-unlock" @submit=${this._onUnlock}>
        <label class="field"
          >Operator passphrase
          <input
            name="passphrase"
            type="password"
            autocomplete="current-password"
            required
        /></label>
        <div class="row">
          <button type="submit" class="primary" ?disabled=${this.busy}>
            Unlock
          </button>
        </div>
      </form>
      ${this._offControls()}`;
  }

  private _unlocked() {
    const max = new Date(Date.now() + this.retentionDays * DAY_MS);
    const ready = this.captures >= this.minCaptures;
    return html`<p class="note">
        <strong>On, unlocked</strong> (${this.purpose}): faces in view are
        compared with the enrolled people below; everyone else is not identified
        and their descriptors are dropped at once.
      </p>
      <section aria-label="Enrolled people">
        <h3>Enrolled (${this.profiles.length})</h3>
        ${
          this.profiles.length
            ? html`<ul class="profiles">
                ${this.profiles.map(
                  (p) =>
                    html`<li data-profile=${p.id}>
                      <span
                        ><strong>${p.label}</strong>
                        <span class="note"
                          >${p.captures} captures · until
                          ${new Date(p.expiresAt).toLocaleDateString()}</span
                        ></span
                      >
                      <button
                        aria-label=${`Delete ${p.label}`}
                        ?disabled=${this.busy}
                        @click=${() => this._emit('ls-matching-delete', p.id)}
                      >
                        Delete
                      </button>
                    </li>`,
                )}
              </ul>`
            : html`<p class="note">No one is enrolled yet.</p>`
        }
      </section>
      <form id="matching-enrol" @submit=${this._onEnrol}>
        <h3>Enrol a person</h3>
        <p class="note">
          One person at a time, alone in view. Take ${this.minCaptures} or more
          captures, turning a little between them. Only the face descriptors,
          the label and the expiry date are kept, encrypted; no photo.
        </p>
        <div class="row">
          <button
            type="button"
            id="matching-capture"
            ?disabled=${this.busy || !this.hasSource}
            @click=${() => this._emit('ls-matching-capture')}
          >
            Capture from the video
          </button>
          <label class="button"
            >Capture from photos
            <input
              type="file"
              accept="image/*"
              multiple
              @change=${this._onImages}
          /></label>
          ${
            this.captures > 0
              ? html`<button
                  type="button"
                  @click=${() => this._emit('ls-matching-discard')}
                >
                  Discard captures
                </button>`
              : nothing
          }
        </div>
        <p class="note" role="status" data-captures=${this.captures}>
          Captures: ${this.captures} of at least ${this.minCaptures}.
        </p>
        <label class="field"
          >Label (the operator's choice, e.g. a first name or a staff number)
          <input name="label" maxlength=${MAX_TEXT} required
        /></label>
        <label class="field"
          >Delete on
          <input
            name="expires"
            type="date"
            max=${isoDay(max)}
            min=${isoDay(new Date())}
            value=${isoDay(max)}
            required
        /></label>
        <label class="check"
          ><input name="consent" type="checkbox" required />
          <span
            >This person has consented to being enrolled (or the client's
            authorisation covers them), and was told how to have the profile
            deleted.</span
          ></label
        >
        <div class="row">
          <button
            type="submit"
            class="primary"
            ?disabled=${this.busy || !ready}
          >
            Enrol
          </button>
        </div>
      </form>
      <div class="row">
        <button
          id="matching-lock"
          ?disabled=${this.busy}
          @click=${() => this._emit('ls-matching-lock')}
        >
          Lock
        </button>
      </div>
      ${this._offControls()}`;
  }

  private _offControls() {
    if (!this._confirmOff)
      return html`<div class="row">
        <button
          id="matching-off"
          class="danger"
          ?disabled=${this.busy}
          @click=${() => (this._confirmOff = true)}
        >
          Turn off and delete every profile…
        </button>
      </div>`;
    return html`<div class="confirm" role="alertdialog" aria-label="Turn off">
      <p>
        Turn face matching off? Every enrolled profile and its counts are
        deleted, now and for good. The audit log keeps that it happened.
      </p>
      <div class="row">
        <button
          id="matching-off-confirm"
          class="danger"
          ?disabled=${this.busy}
          @click=${() => {
            this._confirmOff = false;
            this._emit('ls-matching-off');
          }}
        >
          Turn off and delete
        </button>
        <button @click=${() => (this._confirmOff = false)}>Keep it on</button>
      </div>
    </div>`;
  }

  private _onTurnOn = (e: SubmitEvent): void => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '');
    const problems: string[] = [];
    const passphrase = text('passphrase');
    if (passphrase.length < MIN_PASSPHRASE)
      problems.push(
        `The passphrase needs at least ${MIN_PASSPHRASE} characters.`,
      );
    else if (passphrase !== text('passphrase2'))
      problems.push('The two passphrases differ.');
    if (!f.get('confirm')) problems.push("Confirm the client's authorisation.");
    if (!text('affected').trim()) problems.push('Say who is affected.');
    if (!text('authorisedBy').trim()) problems.push('Say who authorised it.');
    this._problems = problems;
    if (problems.length) return;
    this._emit<TurnOnRequest>('ls-matching-on', {
      purpose: text('purpose'),
      art6: text('art6'),
      art9: text('art9'),
      retentionDays: Number(text('retention')),
      affected: text('affected'),
      authorisedBy: text('authorisedBy'),
      passphrase,
    });
  };

  private _onUnlock = (e: SubmitEvent): void => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const passphrase = String(new FormData(form).get('passphrase') ?? '');
    form.reset(); // the passphrase stays in no field
    this._problems = [];
    this._emit('ls-matching-unlock', passphrase);
  };

  private _onEnrol = (e: SubmitEvent): void => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const problems: string[] = [];
    const label = String(f.get('label') ?? '').trim();
    if (!label) problems.push('Give the person a label.');
    if (!f.get('consent')) problems.push('Confirm the consent first.');
    if (this.captures < this.minCaptures)
      problems.push(`Take at least ${this.minCaptures} captures.`);
    const day = String(f.get('expires') ?? '');
    const expiresAt = endOfDay(day);
    if (expiresAt === null || expiresAt <= Date.now())
      problems.push('Choose a delete date after today.');
    this._problems = problems;
    if (problems.length || expiresAt === null) return;
    this._emit<EnrolRequest>('ls-matching-enrol', { label, expiresAt });
  };

  private _onImages = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) this._emit('ls-matching-images', files);
  };

  private _emit<T>(type: string, detail?: T): void {
    this.dispatchEvent(
      new CustomEvent(type, { detail, bubbles: true, composed: true }),
    );
  }
}

customElements.define('ls-matching-panel', LsMatchingPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ls-matching-panel': LsMatchingPanel;
  }
}
