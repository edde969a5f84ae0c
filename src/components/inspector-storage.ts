// The storage section of <ls-privacy-inspector>: a summary, then every database, store, cache
// and key with its size and raw records. Values are hostile input: text bindings only, never
// innerHTML or unsafeHTML. Imports lit and src/shared only.

import { html, nothing, type TemplateResult } from 'lit';
import type { DatabaseInventory, Inventory } from '../shared/inspector-types';
import { LOCAL_STORAGE_MEANING } from '../shared/reviewer-inventory';
import { fmtBytes, formatForDisplay } from '../shared/value-inspect';

const sum = <T>(list: readonly T[], f: (t: T) => number) =>
  list.reduce((n, t) => n + f(t), 0);
const dbRecords = (db: DatabaseInventory) => sum(db.stores, (s) => s.count);
const dbBytes = (db: DatabaseInventory) => sum(db.stores, (s) => s.bytes);

export const totalRecords = (inv: Inventory): number =>
  sum(inv.databases, dbRecords);

/** What a localStorage key LocalSight writes holds (from the data inventory); unknown keys: nothing. */
function meaning(area: string, key: string) {
  const m =
    area === 'localStorage' && Object.hasOwn(LOCAL_STORAGE_MEANING, key)
      ? LOCAL_STORAGE_MEANING[key]
      : undefined;
  return m ? html`<span class="muted">— ${m}</span>` : nothing;
}

export function storageSection(inv: Inventory): TemplateResult {
  const records = totalRecords(inv);
  const cacheEntries = sum(inv.caches, (c) => c.count);
  const cacheBytes = sum(inv.caches, (c) =>
    sum(c.entries, (e) => e.bytes ?? 0),
  );
  const local = inv.webStorage.find((a) => a.name === 'localStorage');
  const est = inv.estimate;
  return html`<section id="storage" aria-labelledby="storage-h">
    <h3 id="storage-h">Stored on this device</h3>
    <p class="summary">
      Stored on this device: ${inv.databases.length} databases, ${records}
      records, ${fmtBytes(sum(inv.databases, dbBytes))}; Cache Storage:
      ${inv.caches.length} caches, ${cacheEntries} entries,
      ${fmtBytes(cacheBytes)}; localStorage:
      ${local ? `${local.entries.length} keys, ${fmtBytes(sum(local.entries, (e) => e.bytes))}` : 'unavailable'}.
      ${est?.usage != null ? html`Browser estimate: ${fmtBytes(est.usage)} used.` : nothing}
      Persistent storage:
      ${inv.persisted === null ? 'unknown' : inv.persisted ? 'granted' : 'not granted'}.
    </p>
    ${inv.databases.map(
      (db) =>
        html`<details class="db">
          <summary>
            IndexedDB <code>${db.name}</code> v${db.version}:
            ${db.stores.length} stores, ${dbRecords(db)} records,
            ${fmtBytes(dbBytes(db))}
          </summary>
          ${db.stores.map(
            (s) =>
              html`<details>
                <summary>
                  <code>${s.name}</code>: ${s.count} records,
                  ${fmtBytes(s.bytes)}; key path
                  ${s.keyPath === null ? 'none (out-of-line keys)' : String(s.keyPath)};
                  indexes ${s.indexes.length ? s.indexes.join(', ') : 'none'}
                  ${s.truncated ? html`<em>(showing first ${s.records.length} of ${s.count})</em>` : nothing}
                </summary>
                ${s.records.map(
                  (r) =>
                    html`<details class="record">
                      <summary>
                        <code>${formatForDisplay(r.key, 200)}</code> ·
                        ${fmtBytes(r.bytes)}
                      </summary>
                      <pre>${formatForDisplay(r.value)}</pre>
                    </details>`,
                )}
              </details>`,
          )}
        </details>`,
    )}
    ${inv.caches.map(
      (c) =>
        html`<details class="cache">
          <summary>
            Cache Storage <code>${c.name}</code>: ${c.count} entries
            ${c.truncated ? html`<em>(showing first ${c.entries.length})</em>` : nothing}
          </summary>
          <ul>
            ${c.entries.map(
              (e) =>
                html`<li>
                  <code>${e.url}</code> · ${e.contentType ?? 'no type'} ·
                  ${e.bytes === null ? 'size unknown' : fmtBytes(e.bytes)}
                </li>`,
            )}
          </ul>
        </details>`,
    )}
    ${inv.webStorage.map(
      (a) =>
        html`<details class="web-storage">
          <summary>${a.name}: ${a.entries.length} entries</summary>
          ${a.entries.map(
            (e) =>
              html`<details class="record">
                <summary>
                  <code>${e.key}</code> · ${fmtBytes(e.bytes)}
                  ${meaning(a.name, e.key)}
                </summary>
                <pre>${formatForDisplay(e.value)}</pre>
              </details>`,
          )}
        </details>`,
    )}
    ${
      inv.files.length
        ? html`<details class="files">
            <summary>
              Origin private file system: ${inv.files.length} entries
            </summary>
            <ul>
              ${inv.files.map(
                (f) =>
                  html`<li>
                    <code>${f.path}</code> · ${f.kind} ·
                    ${f.bytes === null ? '' : fmtBytes(f.bytes)}
                  </li>`,
              )}
            </ul>
          </details>`
        : html`<p class="muted">Origin private file system: empty.</p>`
    }
    ${
      inv.errors.length
        ? html`<ul class="errors">
            ${inv.errors.map((e) => html`<li>${e.where}: ${e.message}</li>`)}
          </ul>`
        : nothing
    }
  </section>`;
}
