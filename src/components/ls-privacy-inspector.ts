// The privacy inspector for reviewers: everything stored on this device with its raw records,
// the personal-data scan, the session's network record and the policy clauses beside that
// evidence. Presentational; stored values are hostile input and render as text bindings only.

import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type {
  Inventory,
  MatchingInspect,
  NetworkRecord,
  OfflineCopyEvidence,
} from '../shared/inspector-types';
import {
  DEFAULT_POLICY,
  policyEvidence,
  type PolicyClause,
} from '../shared/privacy-policy';
import type { ScanResult } from '../shared/privacy-scan';
import { fmtBytes } from '../shared/value-inspect';
import { matchingSection } from './inspector-matching';
import { offlineSection } from './inspector-offline';
import { storageSection, totalRecords } from './inspector-storage';
import { inspectorStyles } from './ls-privacy-inspector.styles';

export type InspectorStatus = 'idle' | 'loading' | 'ready' | 'error';

const VERDICT = {
  holds: '✔ holds',
  breached: '✖ contradicted',
  unknown: '? not shown',
};

/**
 * `<ls-privacy-inspector>`: reflects `data-off-origin`, `data-requests`, `data-findings` and
 * `data-records` for tests; sections `#policy`, `#matching` (with `data-matching-state`),
 * `#storage`, `#offline`, `#scan`, `#network`.
 *
 * @fires ls-inspector-refresh - the Refresh button was pressed
 */
export class LsPrivacyInspector extends LitElement {
  static override properties = {
    inventory: { attribute: false },
    scan: { attribute: false },
    network: { attribute: false },
    status: { type: String },
    error: { type: String },
    policy: { attribute: false },
    offline: { attribute: false },
    matching: { attribute: false },
    matchingError: { attribute: false },
  };

  static override styles = inspectorStyles;

  declare inventory: Inventory | null;
  declare scan: ScanResult | null;
  declare network: NetworkRecord | null;
  declare status: InspectorStatus;
  declare error: string | null;
  declare policy: readonly PolicyClause[];
  /** The service worker's offline copy; null without a service worker. */
  declare offline: OfflineCopyEvidence | null;
  /** Authorised face matching's evidence (issue 18); null until given, or without it. */
  declare matching: MatchingInspect | null;
  declare matchingError: string | null;

  constructor() {
    super();
    this.inventory = null;
    this.scan = null;
    this.network = null;
    this.status = 'idle';
    this.error = null;
    this.policy = DEFAULT_POLICY;
    this.offline = null;
    this.matching = null;
    this.matchingError = null;
  }

  override render() {
    const inv = this.inventory;
    const net = this.network;
    const records = inv ? totalRecords(inv) : 0;
    const set = (k: string, v: number | undefined) => {
      if (v === undefined) delete this.dataset[k];
      else this.dataset[k] = String(v);
    };
    set('offOrigin', net?.counts.offOrigin);
    set('requests', net?.counts.total);
    set('findings', this.scan?.findings.length);
    set('records', inv ? records : undefined);
    set('offlineFiles', this.offline?.copy.files.length);
    set('unlisted', this.offline?.unlisted.length);
    return html`<header>
        <h2>Privacy inspector</h2>
        <button
          type="button"
          ?disabled=${this.status === 'loading'}
          @click=${this._refresh}
        >
          ${this.status === 'loading' ? 'Checking…' : 'Refresh'}
        </button>
      </header>
      ${
        this.status === 'error'
          ? html`<p class="alarm" role="alert">
              Could not inspect: ${this.error ?? 'unknown error'}
            </p>`
          : nothing
      }
      ${
        this.status === 'idle' && !inv
          ? html`<p class="muted">
              Press Refresh to list what this device keeps.
            </p>`
          : nothing
      }
      ${this._policy()}
      ${matchingSection({
        matching: this.matching,
        error: this.matchingError,
        network: net,
        base: document.baseURI,
        sessionStart: performance.timeOrigin,
      })}
      ${inv ? storageSection(inv) : nothing}
      ${this.offline ? offlineSection(this.offline) : nothing} ${this._scan()}
      ${this._network(net)}`;
  }

  private _refresh() {
    this.dispatchEvent(
      new CustomEvent('ls-inspector-refresh', {
        bubbles: true,
        composed: true,
      }),
    );
  }

  private _policy(): TemplateResult {
    const rows = policyEvidence(this.policy, {
      inventory: this.inventory,
      scan: this.scan,
      network: this.network,
    });
    return html`<section id="policy" aria-labelledby="policy-h">
      <h3 id="policy-h">Policy clauses beside the evidence</h3>
      <ul class="clauses">
        ${rows.map(
          (r) =>
            html`<li class="clause ${r.verdict}" data-clause=${r.clause.id}>
              <div>
                <strong>${r.clause.title}</strong>
                <p>${r.clause.text}</p>
              </div>
              <div>
                <span class="verdict">${VERDICT[r.verdict]}</span>
                <ul>
                  ${r.evidence.map((e) => html`<li>${e}</li>`)}
                </ul>
              </div>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private _scan() {
    const scan = this.scan;
    if (!scan) return nothing;
    const { records, values, bytes } = scan.checked;
    return html`<section id="scan" aria-labelledby="scan-h">
      <h3 id="scan-h">Scan for personal data</h3>
      <p>
        Checked ${records} records, ${values} values, ${fmtBytes(bytes)} against
        these rules:
      </p>
      <ol class="rules">
        ${scan.rules.map((r) => html`<li>${r}</li>`)}
      </ol>
      ${
        scan.findings.length === 0
          ? html`<p class="ok"><strong>Found: nothing.</strong></p>`
          : html`<p class="alarm" role="alert">
                <strong>Found: ${scan.findings.length}</strong>
              </p>
              <table>
                <thead>
                  <tr>
                    <th>Kind</th>
                    <th>Where</th>
                    <th>Record</th>
                    <th>Path</th>
                    <th>What</th>
                  </tr>
                </thead>
                <tbody>
                  ${scan.findings.map(
                    (f) =>
                      html`<tr>
                        <td>${f.kind}</td>
                        <td>${f.where}</td>
                        <td><code>${f.key}</code></td>
                        <td><code>${f.path}</code></td>
                        <td>${f.detail}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
      }
    </section>`;
  }

  private _network(net: NetworkRecord | null) {
    if (!net) return nothing;
    const { total, offOrigin, local } = net.counts;
    return html`<section id="network" aria-labelledby="network-h">
      <h3 id="network-h">Network record of this session</h3>
      <p
        class="left ${offOrigin > 0 ? 'alarm' : 'ok'}"
        role=${offOrigin > 0 ? 'alert' : 'status'}
      >
        Left the origin: <strong>${offOrigin}</strong>
        <span class="muted"
          >of ${total} requests (${local} local data:/blob: URLs)</span
        >
      </p>
      ${net.notes.map((n) => html`<p class="muted">${n}</p>`)}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>URL</th>
              <th>Origin</th>
              <th>Type</th>
              <th>Realm</th>
              <th>Bytes</th>
            </tr>
          </thead>
          <tbody>
            ${net.requests.map(
              (r) =>
                html`<tr class=${r.place}>
                  <td>
                    <code
                      >${r.url.length > 160 ? `${r.url.slice(0, 157)}…` : r.url}</code
                    >
                  </td>
                  <td>${r.origin}</td>
                  <td>${r.initiatorType}</td>
                  <td>${r.realm}</td>
                  <td>${fmtBytes(r.bytes)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }
}

customElements.define('ls-privacy-inspector', LsPrivacyInspector);

declare global {
  interface HTMLElementTagNameMap {
    'ls-privacy-inspector': LsPrivacyInspector;
  }
  interface GlobalEventHandlersEventMap {
    'ls-inspector-refresh': CustomEvent<void>;
  }
}
