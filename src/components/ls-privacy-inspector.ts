// The privacy inspector for reviewers: everything stored on this device with its raw records,
// the personal-data scan, the session's network record and the policy clauses beside that
// evidence. Presentational; stored values are hostile input and render as text bindings only.

import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type {
  Inventory,
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
 * `data-records` for tests; sections `#storage`, `#scan`, `#network`, `#policy`.
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

  constructor() {
    super();
    this.inventory = null;
    this.scan = null;
    this.network = null;
    this.status = 'idle';
    this.error = null;
    this.policy = DEFAULT_POLICY;
    this.offline = null;
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
      ${this._policy()} ${inv ? storageSection(inv) : nothing}
      ${this._offline()} ${this._scan()} ${this._network(net)}`;
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

  private _offline() {
    const o = this.offline;
    if (!o) return nothing;
    const { copy, unlisted } = o;
    const bytes = copy.files.reduce((n, f) => n + f.size, 0);
    const checked = copy.files.filter((f) => f.integrity).length;
    this.dataset.offlineFiles = String(copy.files.length);
    this.dataset.unlisted = String(unlisted.length);
    return html`<section id="offline" aria-labelledby="offline-h">
      <h3 id="offline-h">Offline copy (service worker)</h3>
      <p>
        Build <code>${copy.build}</code> keeps ${copy.files.length} files
        (${fmtBytes(bytes)}) in Cache Storage <code>${copy.cacheName}</code>:
        the app, its worker, models, WebAssembly, sample photos and icons —
        nothing recorded. ${checked} model, wasm and sample files carry the
        sha256 recorded when they were copied from npm: the browser would have
        refused to cache one whose bytes differed.
      </p>
      <p
        class=${unlisted.length ? 'alarm' : 'ok'}
        role=${unlisted.length ? 'alert' : 'status'}
      >
        ${
          unlisted.length
            ? `${unlisted.length} cache entries are not files of this build: ${unlisted.slice(0, 5).join(', ')}`
            : 'Every Cache Storage entry is one of these files.'
        }
      </p>
      <details>
        <summary>The ${copy.files.length} files</summary>
        <ul class="files">
          ${copy.files.map(
            (f) =>
              html`<li>
                <code>${f.url}</code> ${fmtBytes(f.size)}${
                  f.integrity
                    ? html` <span class="muted">${f.integrity}</span>`
                    : nothing
                }
              </li>`,
          )}
        </ul>
      </details>
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
